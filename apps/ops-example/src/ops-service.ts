import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  createSyncQueue,
  instrumentSyncQueue,
  type SyncQueuePersistence,
  type SyncQueuePlatformSettings,
} from '@ordersync/queue'
import { startQueueBoard } from './service-board.ts'
import { readServiceHealth, type ServiceHealth } from './service-health.ts'
import { startServiceMetrics } from './service-metrics.ts'
import { createRouter } from './service-routes.ts'
import { startWorkerPool, type WorkerPool } from './worker-pool.ts'
import type { RedisConnection, WorkerSettings, YoushuCredentials } from './worker-settings.ts'
import { platform } from './youshu-client.ts'

/** Options of {@link startOpsService}. */
export interface OpsServiceOptions {
  readonly redis: RedisConnection
  /** Where Youshu's API is (the sandbox's URL). */
  readonly baseURL: string
  /** Youshu's credentials; they go to the worker processes over IPC, never to a response. */
  readonly credentials: YoushuCredentials
  /** The HTTP port on 127.0.0.1; 0 picks a free one. @default 0 */
  readonly port?: number
  /** How many worker processes. @default 2 */
  readonly workers?: number
  /** The queue's Redis key prefix. @default 'ordersync' */
  readonly prefix?: string
  /** Youshu's rate limit and retries in the queue. @default 20 requests per 1100 ms */
  readonly platformSettings?: SyncQueuePlatformSettings
  /** What the queue does about a Redis that may lose orders. @default 'warn' */
  readonly persistence?: SyncQueuePersistence
  /** The most dead letters before the `deadLetters` check fails (an alert). @default 0 */
  readonly maxDeadLetters?: number
  /** Orders each worker process handles at once. @default 16 */
  readonly concurrency?: number
  /** The workers' lock, stall check and late-arrival settings; the queue's defaults otherwise. */
  readonly lockMs?: number
  readonly stalledIntervalMs?: number
  readonly lateArrivalMs?: number
  /** How long a worker may go without progress, with orders to do, before it counts as stalled. */
  readonly stalledAfterMs?: number
  /** How long after a worker process ended the service starts it again. @default 1000 */
  readonly restartDelayMs?: number
  /** Where the service's own lines go. @default console.error */
  readonly log?: (line: string) => void
}

/** A running service. */
export interface OpsService {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string
  /** The worker processes (their pids, states and restarts). */
  readonly pool: WorkerPool
  /** What `/readyz` and `/healthz` answer. */
  readHealth(): Promise<ServiceHealth>
  /** Stops the HTTP server, closes the workers (gracefully), the queue and the metrics. */
  close(): Promise<void>
}

/** The settings each worker process gets, from the service's options. */
function workerSettingsFrom(
  options: OpsServiceOptions,
  prefix: string,
  platformSettings: SyncQueuePlatformSettings,
): (slot: number) => WorkerSettings {
  return (slot) => ({
    slot,
    redis: options.redis,
    prefix,
    platformSettings,
    baseURL: options.baseURL,
    credentials: options.credentials,
    concurrency: options.concurrency ?? 16,
    // The queue's defaults (see createSyncWorker and checkSyncQueueHealth).
    lockMs: options.lockMs ?? 30_000,
    stalledIntervalMs: options.stalledIntervalMs ?? 30_000,
    lateArrivalMs: options.lateArrivalMs ?? 15_000,
    stalledAfterMs: options.stalledAfterMs ?? 180_000,
  })
}

async function listen(server: ReturnType<typeof createServer>, port: number): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/**
 * Starts the service: a sync queue for Youshu, worker processes that sync its orders (and
 * are restarted when they end), and the HTTP endpoints — `POST /orders`, `GET /metrics`,
 * `GET /healthz`, `GET /readyz`, and bull-board under `/queues`. Resolves once every worker takes
 * jobs and the server listens.
 */
export async function startOpsService(options: OpsServiceOptions): Promise<OpsService> {
  const log = options.log ?? ((line: string) => console.error(line))
  const prefix = options.prefix ?? 'ordersync'
  const platformSettings = options.platformSettings ?? {
    rateLimit: { max: 20, durationMs: 1100 },
  }
  const queue = createSyncQueue({
    connection: options.redis,
    prefix,
    platforms: { [platform]: platformSettings },
    persistence: options.persistence ?? 'warn',
    // Its messages say where they come from (`[ordersync] [queue] …`).
    onError: (error) => log(error.message),
  })
  const pool = await startWorkerPool({
    count: options.workers ?? 2,
    settings: workerSettingsFrom(options, prefix, platformSettings),
    restartDelayMs: options.restartDelayMs ?? 1000,
    log,
  }).catch(async (error: unknown) => {
    await queue.close()
    throw error
  })
  const serviceMetrics = startServiceMetrics(pool)
  const instrumentation = await instrumentSyncQueue(queue)
  // A worker answers its health within the queue's timeoutMs (5 s) whatever Redis does.
  const readHealth = () =>
    readServiceHealth(queue, pool, {
      maxDeadLetters: options.maxDeadLetters ?? 0,
      workerTimeoutMs: 6_000,
    })
  const board = startQueueBoard({ redis: options.redis, prefix, platforms: [platform], log })
  const server = createServer(
    createRouter({
      queue,
      platform,
      exporter: serviceMetrics.exporter,
      readHealth,
      board: board.handle,
    }),
  )
  const close = async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
    await pool.close()
    instrumentation.unregister()
    await board.close()
    await queue.close()
    await serviceMetrics.close()
  }
  const url = await listen(server, options.port ?? 0).catch(async (error: unknown) => {
    await close()
    throw error
  })
  return { url, pool, readHealth, close }
}
