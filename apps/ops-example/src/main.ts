import { createYoushuSandboxModule, startSandbox } from '@ordersync/sandbox'
import { startOpsService } from './ops-service.ts'
import type { RedisConnection } from './worker-settings.ts'

// `pnpm --filter @ordersync/ops-example start`: the service against the local sandbox and a
// private Redis (scripts/with-redis-server.mjs starts one on a free loopback port, without
// persistence, and passes its URL in ORDERSYNC_TEST_REDIS_URL). REDIS_URL points it at another
// Redis; OPS_WORKERS sets the number of worker processes (2); PORT the HTTP port (a free one).

/** Redis's connection options from a `redis://[:password@]host:port` URL. */
function redisFromUrl(url: string): RedisConnection {
  const { hostname, port, password } = new URL(url)
  return {
    host: hostname,
    port: Number(port === '' ? 6379 : port),
    ...(password === '' ? {} : { password: decodeURIComponent(password) }),
  }
}

async function main(): Promise<void> {
  const redisUrl = process.env.REDIS_URL ?? process.env.ORDERSYNC_TEST_REDIS_URL
  if (redisUrl === undefined || redisUrl === '') {
    console.error('[ops-example] set REDIS_URL, or run `pnpm start`, which starts a redis-server')
    process.exit(1)
  }
  const sandbox = await startSandbox({ modules: [createYoushuSandboxModule()] })
  const service = await startOpsService({
    redis: redisFromUrl(redisUrl),
    baseURL: sandbox.url,
    credentials: sandbox.credentials.youshu,
    port: Number(process.env.PORT ?? 0),
    workers: Number(process.env.OPS_WORKERS ?? 2),
  })
  const workers = service.pool.slots().map((slot) => `${slot.slot}: pid ${slot.pid}`)
  // Stopped cleanly even by a signal sent as soon as the banner is read.
  const stop = async () => {
    await service.close()
    await sandbox.close()
    process.exit(0)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  console.log(
    [
      `ordersync ops example: Youshu orders through the queue, ${workers.length} worker processes (${workers.join(', ')})`,
      `  POST ${service.url}/orders     an order (canonical JSON) or an array of them`,
      `  GET  ${service.url}/metrics    Prometheus text (OpenTelemetry's Prometheus exporter)`,
      `  GET  ${service.url}/healthz    liveness`,
      `  GET  ${service.url}/readyz     readiness`,
      `  GET  ${service.url}/queues     bull-board: the queue's jobs and dead letters (Retry only)`,
      `  sandbox: ${sandbox.url} (what it holds: ${sandbox.url}/_sandbox/state)`,
      'Kill a worker (kill -9 <pid>) and watch /readyz and the log. Stop with Ctrl-C.',
      '',
    ].join('\n'),
  )
}

await main()
