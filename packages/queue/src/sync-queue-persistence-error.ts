import { OrderSyncError } from '@ordersync/core'
import type { RedisPersistence } from './read-redis-persistence.ts'

const marker = 'ordersync.error.sync-queue-persistence'

/**
 * The queue's Redis does not keep what the queue writes the way the queue needs: no append-only
 * file (so a restart of Redis loses orders), `appendfsync no`, or an eviction policy that may
 * evict the queue's keys. The queue reads it at start and after each reconnection; what happens
 * then is its `persistence` setting's choice:
 * - `'warn'` (the default) — this error goes to the queue's `onError`, and the queue works on;
 * - `'require-aof'` — without the append-only file, `enqueue`, `enqueueMany`,
 *   `replayDeadLetters` and `waitUntilReady` reject with it (the other shortfalls go to `onError`);
 * - `'ignore'` — the queue does not read it.
 *
 * @example
 * ```ts
 * // type-checked only: it needs a Redis server, which the examples' sandbox does not run
 * import { createSyncQueue, SyncQueuePersistenceError } from '@ordersync/queue'
 *
 * const queue = createSyncQueue({
 *   connection: { host: '127.0.0.1', port: 6379 },
 *   platforms: { youshu: {} },
 *   persistence: 'require-aof',
 *   onError: (error) => {
 *     if (SyncQueuePersistenceError.isInstance(error)) console.warn(error.persistence.mode, error.message)
 *   },
 * })
 * await queue.waitUntilReady() // rejects when Redis runs without the append-only file
 * ```
 */
export class SyncQueuePersistenceError extends OrderSyncError {
  /** What the server keeps on disk, as the queue read it. */
  readonly persistence: RedisPersistence
  /** What falls short, each in words with its consequence. */
  readonly shortfalls: readonly string[]

  /**
   * @param persistence - What the server keeps, as read.
   * @param shortfalls - What falls short of the queue's needs, in words (not empty).
   */
  constructor(persistence: RedisPersistence, shortfalls: readonly string[]) {
    super(
      `Redis may lose the queue's orders: ${shortfalls.join('; ')} — run it with appendonly yes, appendfsync everysec and maxmemory-policy noeviction (the Scaling out guide, "Running Redis for the queue"), or set createSyncQueue's persistence to 'ignore' if losing them is acceptable`,
      { platform: 'queue' },
    )
    this.name = 'SyncQueuePersistenceError'
    Object.defineProperty(this, Symbol.for(marker), { value: true })
    this.persistence = persistence
    this.shortfalls = shortfalls
  }

  /**
   * Whether `value` is a {@link SyncQueuePersistenceError} from any copy of `@ordersync/queue`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for the queue's persistence warning or refusal.
   * @example
   * ```ts
   * SyncQueuePersistenceError.isInstance(new Error('x')) // false
   * ```
   */
  static override isInstance(value: unknown): value is SyncQueuePersistenceError {
    return OrderSyncError.hasMarker(value, marker)
  }
}
