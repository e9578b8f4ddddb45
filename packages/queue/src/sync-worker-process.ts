import { fileURLToPath } from 'node:url'
import { youshuSandboxKnownRetcodes } from '@ordersync/sandbox'
import { createWechat } from '@ordersync/wechat'
import { createYoushu } from '@ordersync/youshu'
import { createSyncQueue } from './sync-queue.ts'
import { createSyncWorker, type SyncWorkerPlatform } from './sync-worker.ts'
import { testConnection, testPlatformClient } from './test-support.ts'

// One worker process of the queue's multi-process tests: a queue and a worker for one sandbox
// platform — the token test platform, Youshu (PLATFORM=youshu) or WeChat (PLATFORM=wechat) — with short locks so that the
// orders of a killed or paused process are taken over quickly. It says `ready` once taking jobs,
// and closes gracefully on `exit`. The environment sets everything else (see `workerSettings`).

/**
 * The path of this script, for the tests to start it as a child process.
 *
 * @internal
 */
export const syncWorkerProcessScript: string = fileURLToPath(import.meta.url)

/**
 * The retcode the queue's tests answer for a busy Youshu (the sandbox's Youshu has no busy code of
 * its own: a test injects it as a fault, and the workers' client retries it).
 *
 * @internal
 */
export const youshuBusyRetcode = 5001

const numberFrom = (name: string, fallback: number): number => {
  const value = process.env[name]
  return value === undefined || value === '' ? fallback : Number(value)
}

/**
 * The platform client of this process, from the environment, made with the worker's `fetch` (which
 * counts each request against the platform's rate limit, when it has one).
 */
function platformClient(): SyncWorkerPlatform {
  const baseURL = process.env.SANDBOX_URL ?? ''
  if (process.env.PLATFORM === 'youshu') {
    return ({ fetch }) =>
      createYoushu({
        ...(JSON.parse(process.env.YOUSHU_CREDENTIALS ?? '{}') as {
          appId: string
          appSecret: string
          merchantId: string
        }),
        environment: 'test',
        baseURL,
        knownRetcodes: youshuSandboxKnownRetcodes,
        retryableRetcodes: [youshuBusyRetcode],
        retry: {
          maxAttempts: numberFrom('TRANSPORT_ATTEMPTS', 2),
          initialDelayMs: 1,
          maxDelayMs: 5,
          timeoutMs: numberFrom('TIMEOUT_MS', 10_000),
        },
        fetch,
      })
  }
  if (process.env.PLATFORM === 'wechat') {
    return ({ fetch }) =>
      createWechat({
        ...(JSON.parse(process.env.WECHAT_CREDENTIALS ?? '{}') as {
          appId: string
          appSecret: string
        }),
        baseURL,
        retry: {
          maxAttempts: numberFrom('TRANSPORT_ATTEMPTS', 3),
          initialDelayMs: 1,
          maxDelayMs: 5,
        },
        fetch,
      })
  }
  const batchSize = process.env.BATCH_SIZE
  return ({ fetch }) => {
    const client = testPlatformClient(baseURL, undefined, fetch)
    return batchSize === undefined ? client : { ...client, maxBatchSize: Number(batchSize) }
  }
}

async function main(): Promise<void> {
  const rateLimit = process.env.RATE_LIMIT_MAX
  const platform = process.env.PLATFORM ?? 'token-test'
  const queue = createSyncQueue({
    connection: testConnection(),
    // The tests' Redis runs without persistence on purpose.
    persistence: 'ignore',
    prefix: process.env.QUEUE_PREFIX ?? '',
    platforms: {
      [platform]: {
        backoffMs: numberFrom('BACKOFF_MS', 50),
        attempts: numberFrom('ATTEMPTS', 8),
        ...(rateLimit === undefined
          ? {}
          : {
              rateLimit: {
                max: Number(rateLimit),
                durationMs: numberFrom('RATE_LIMIT_DURATION_MS', 1000),
              },
            }),
      },
    },
  })
  const worker = createSyncWorker(queue, {
    platforms: [platformClient()],
    concurrency: numberFrom('CONCURRENCY', 50),
    lockMs: numberFrom('LOCK_MS', 4_000),
    stalledIntervalMs: numberFrom('STALLED_INTERVAL_MS', 1_000),
    // The sandbox answers at once unless a test delays it: late deliveries are the tests' own.
    lateArrivalMs: numberFrom('LATE_ARRIVAL_MS', 1_000),
    onError: (error) => {
      if (process.env.QUIET !== '1') console.error(`[worker ${process.pid}] ${error.message}`)
    },
  })
  await worker.waitUntilReady()
  process.on('message', async (message: { type: string }) => {
    if (message.type !== 'exit') return
    await worker.close()
    await queue.close()
    process.send?.({ type: 'closed', progress: worker.progress })
    process.disconnect()
  })
  // A worker never outlives the test that started it: when the parent goes away (its channel
  // closes), the process ends, whatever it was doing.
  process.once('disconnect', () => process.exit(0))
  process.send?.({ type: 'ready' })
}

if (process.argv[1] === syncWorkerProcessScript) await main()
