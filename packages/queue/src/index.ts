/**
 * `@ordersync/queue`: a rate-limited sync queue on Redis (BullMQ) for merchants who run many
 * application servers — one job per order and platform, newer versions superseding older ones,
 * retries, a dead-letter queue, any number of workers, and a health check for their probes.
 *
 * @packageDocumentation
 */

export {
  checkSyncQueueHealth,
  type SyncQueueHealth,
  type SyncQueueHealthCheck,
  type SyncQueueHealthOptions,
} from './check-sync-queue-health.ts'
export {
  instrumentSyncQueue,
  type SyncQueueInstrumentation,
  type SyncQueueInstrumentationOptions,
} from './instrument-sync-queue.ts'
export type { RedisPersistence } from './read-redis-persistence.ts'
export {
  createSyncQueue,
  type DeadLetter,
  type EnqueueResult,
  type SyncQueue,
  type SyncQueueCounts,
  type SyncQueueOptions,
  type SyncQueuePlatformSettings,
} from './sync-queue.ts'
export { SyncQueuePersistenceError } from './sync-queue-persistence-error.ts'
export type { SyncQueueResult } from './sync-queue-result.ts'
export {
  SyncQueueUnavailableError,
  type SyncQueueUnavailableErrorOptions,
} from './sync-queue-unavailable-error.ts'
export {
  createSyncWorker,
  type SyncWorker,
  type SyncWorkerOptions,
  type SyncWorkerPlatform,
  type SyncWorkerProgress,
  type SyncWorkerTransport,
} from './sync-worker.ts'
export type { SyncQueuePersistence } from './watch-redis-persistence.ts'
