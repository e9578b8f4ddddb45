import { OrderSyncError } from '@ordersync/core'

const marker = 'ordersync.error.sync-queue-unavailable'

/** The calls of a queue that write an order: after a failure, the order must be enqueued again. */
const writes = new Set(['enqueue', 'enqueueMany', 'replayDeadLetters'])

/**
 * Options of {@link SyncQueueUnavailableError}.
 *
 * @example
 * ```ts
 * const options: SyncQueueUnavailableErrorOptions = { operation: 'counts', timeoutMs: 5000, reason: 'did not answer within 5000 ms' }
 * ```
 */
export interface SyncQueueUnavailableErrorOptions {
  /** The queue's call that failed: `enqueue`, `enqueueMany`, `counts`, `deadLetters`, … */
  readonly operation: string
  /** The queue's `timeoutMs`. */
  readonly timeoutMs: number
  /** What Redis did, in words: `did not answer within 5000 ms (last error: …)`, `failed: …`. */
  readonly reason: string
  /** The Redis error, when there was one. */
  readonly cause?: unknown
}

/**
 * A call of the queue that Redis did not answer: Redis unreachable (stopped, restarting, a network
 * partition) for longer than the queue's `timeoutMs`, or the connection failing mid-call. The
 * queue's connections reconnect by themselves; the next call after Redis is back succeeds.
 *
 * For `enqueue` and `enqueueMany` the version may or may not have been recorded: keep the order
 * where it came from (an outbox) and enqueue it again later. Enqueueing is idempotent: a version
 * recorded before the failure comes back `unchanged`, and its job is added then if it was missing.
 *
 * @example
 * ```ts
 * // type-checked only: it needs a Redis server, which the examples' sandbox does not run
 * import { createSyncQueue, SyncQueueUnavailableError } from '@ordersync/queue'
 *
 * const queue = createSyncQueue({ connection: { host: '127.0.0.1', port: 6379 }, platforms: { youshu: {} } })
 * try {
 *   await queue.enqueue('youshu', order)
 * } catch (error) {
 *   if (SyncQueueUnavailableError.isInstance(error)) console.warn(error.message) // keep the order in the outbox
 *   else throw error
 * }
 * ```
 */
export class SyncQueueUnavailableError extends OrderSyncError {
  /** The queue's call that failed. */
  readonly operation: string
  /** The queue's `timeoutMs`. */
  readonly timeoutMs: number

  /** @param options - The call, the timeout, what Redis did and its error. */
  constructor(options: SyncQueueUnavailableErrorOptions) {
    const advice = writes.has(options.operation)
      ? 'keep the order where it came from (an outbox) and enqueue it again later: enqueueing is idempotent'
      : 'check that Redis runs and is reachable; the queue reconnects by itself'
    super(`${options.operation}: Redis ${options.reason} — ${advice}`, {
      platform: 'queue',
      cause: options.cause,
    })
    this.name = 'SyncQueueUnavailableError'
    Object.defineProperty(this, Symbol.for(marker), { value: true })
    this.operation = options.operation
    this.timeoutMs = options.timeoutMs
  }

  /**
   * Whether `value` is a {@link SyncQueueUnavailableError} from any copy of `@ordersync/queue`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a queue call that Redis did not answer.
   * @example
   * ```ts
   * SyncQueueUnavailableError.isInstance(new Error('x')) // false
   * ```
   */
  static override isInstance(value: unknown): value is SyncQueueUnavailableError {
    return OrderSyncError.hasMarker(value, marker)
  }
}
