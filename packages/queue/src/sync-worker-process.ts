import { fileURLToPath } from 'node:url'
import { createSyncQueue } from './sync-queue.ts'
import { createSyncWorker } from './sync-worker.ts'
import { testConnection, testPlatformClient } from './test-support.ts'

// One worker process of the queue's multi-process tests: a queue and a worker for the sandbox's
// token test platform, with short locks so that the orders of a killed process are taken over
// quickly. It says `ready` once taking jobs, and closes gracefully on `exit`.

/**
 * The path of this script, for the tests to start it as a child process.
 *
 * @internal
 */
export const syncWorkerProcessScript: string = fileURLToPath(import.meta.url)

async function main(): Promise<void> {
  const rateLimit = process.env.RATE_LIMIT_MAX
  const queue = createSyncQueue({
    connection: testConnection(),
    prefix: process.env.QUEUE_PREFIX ?? '',
    platforms: {
      'token-test': {
        backoffMs: 50,
        ...(rateLimit === undefined
          ? {}
          : { rateLimit: { max: Number(rateLimit), durationMs: 1000 } }),
      },
    },
  })
  const client = testPlatformClient(process.env.SANDBOX_URL ?? '')
  const batchSize = process.env.BATCH_SIZE
  const worker = createSyncWorker(queue, {
    platforms: [batchSize === undefined ? client : { ...client, maxBatchSize: Number(batchSize) }],
    concurrency: Number(process.env.CONCURRENCY ?? 50),
    lockMs: 4_000,
    stalledIntervalMs: 1_000,
    onError: (error) => console.error(`[worker ${process.pid}] ${error.message}`),
  })
  await worker.waitUntilReady()
  process.on('message', async (message: { type: string }) => {
    if (message.type !== 'exit') return
    await worker.close()
    await queue.close()
    process.send?.({ type: 'closed', progress: worker.progress })
    process.disconnect()
  })
  process.send?.({ type: 'ready' })
}

if (process.argv[1] === syncWorkerProcessScript) await main()
