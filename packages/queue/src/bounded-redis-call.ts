import { OrderSyncError } from '@ordersync/core'
import type { Redis } from 'ioredis'
import { isRedisReply } from './read-redis-persistence.ts'
import { SyncQueueUnavailableError } from './sync-queue-unavailable-error.ts'

// The queue's calls (enqueue, counts, …) end within the queue's `timeoutMs`, whatever Redis does.
// ioredis keeps the commands given while it reconnects and sends them once it is back, or fails
// them after `maxRetriesPerRequest` reconnection attempts: over a minute with BullMQ's backoff.
// A call therefore waits for its connections to be ready before it sends anything (so that an
// outage piles nothing up to be sent later), and gives up at the deadline.

/** One of the queue's Redis connections, watched: its last error, and its next `ready`. */
export interface WatchedRedis {
  readonly client: Redis
  /** The error since the connection was last ready, if any. */
  lastError(): Error | undefined
  /** Resolves when the connection is ready (at once if it is). */
  whenReady(): Promise<void>
}

/**
 * Watches `client`: its errors go to `report` (so none is unhandled), and the queue's calls can
 * wait for it to be ready.
 *
 * @param client - An ioredis connection of the queue.
 * @param report - Called with each error of the connection.
 */
export function watchRedisConnection(client: Redis, report: (error: Error) => void): WatchedRedis {
  let lastError: Error | undefined
  let ready: Promise<void> | undefined
  client.on('error', (error: Error) => {
    lastError = error
    report(error)
  })
  client.on('ready', () => {
    lastError = undefined
  })
  return {
    client,
    lastError: () => lastError,
    whenReady() {
      if (client.status === 'ready') return Promise.resolve()
      // One listener however many calls wait: the promise is shared until the connection is ready.
      ready ??= new Promise<void>((resolve) => {
        client.once('ready', () => {
          ready = undefined
          resolve()
        })
      })
      return ready
    },
  }
}

/**
 * Whether `error` says the connection failed — closed, reset, refused, out of retries — rather
 * than the server refusing a command (a `ReplyError`, passed on) or a mistake of the caller.
 */
function isConnectionFailure(error: unknown): error is Error {
  if (!(error instanceof Error) || OrderSyncError.isInstance(error) || isRedisReply(error)) {
    return false
  }
  return (
    error.name === 'MaxRetriesPerRequestError' ||
    typeof (error as { code?: unknown }).code === 'string' ||
    /Connection is closed|Stream isn't writeable/.test(error.message)
  )
}

/**
 * A call of the queue that ends within `timeoutMs`: once `connections` are ready, `work` runs;
 * a call that has not ended by the deadline, or whose connection failed, rejects with a
 * {@link SyncQueueUnavailableError}. Other errors (the server's refusals, ordersync's own) pass
 * through unchanged.
 */
export type BoundedRedisCall = <T>(operation: string, work: () => Promise<T>) => Promise<T>

/**
 * Makes the queue's {@link BoundedRedisCall}.
 *
 * @param connections - The queue's connections, each call waits for all to be ready.
 * @param timeoutMs - The queue's `timeoutMs`.
 */
export function createBoundedRedisCall(
  connections: readonly WatchedRedis[],
  timeoutMs: number,
): BoundedRedisCall {
  const lastError = () =>
    connections.map((connection) => connection.lastError()).find((error) => error !== undefined)
  return async (operation, work) => {
    let timer: ReturnType<typeof setTimeout> | undefined
    let expired = false
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        expired = true
        const error = lastError()
        reject(
          new SyncQueueUnavailableError({
            operation,
            timeoutMs,
            reason: `did not answer within ${timeoutMs} ms${error === undefined ? '' : ` (last error: ${error.message})`}`,
            cause: error,
          }),
        )
      }, timeoutMs)
    })
    const run = async () => {
      await Promise.all(connections.map((connection) => connection.whenReady()))
      // A call that gave up sends nothing when Redis comes back: its caller was told it failed.
      if (expired) return undefined as never
      return work()
    }
    try {
      return await Promise.race([run(), deadline])
    } catch (error) {
      if (!isConnectionFailure(error)) throw error
      throw new SyncQueueUnavailableError({
        operation,
        timeoutMs,
        reason: `failed: ${error.message}`,
        cause: error,
      })
    } finally {
      clearTimeout(timer)
    }
  }
}
