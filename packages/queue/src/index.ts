/**
 * `@ordersync/queue`: a durable, rate-limited sync queue on Redis (BullMQ) for merchants who run
 * many application servers — one job per order and platform, newer versions superseding older
 * ones, retries, a dead-letter queue, any number of workers.
 *
 * @packageDocumentation
 */

export {
  createSyncQueue,
  type DeadLetter,
  type EnqueueResult,
  type SyncQueue,
  type SyncQueueCounts,
  type SyncQueueOptions,
  type SyncQueuePlatformSettings,
} from './sync-queue.ts'
export type { SyncQueueResult } from './sync-queue-result.ts'
export {
  createSyncWorker,
  type SyncWorker,
  type SyncWorkerOptions,
  type SyncWorkerProgress,
} from './sync-worker.ts'
