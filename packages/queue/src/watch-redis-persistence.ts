import type { Redis } from 'ioredis'
import {
  persistenceShortfalls,
  type RedisPersistence,
  readRedisPersistence,
} from './read-redis-persistence.ts'
import { SyncQueuePersistenceError } from './sync-queue-persistence-error.ts'

/**
 * What the queue does about a Redis that may lose its orders (see
 * {@link SyncQueuePersistenceError}).
 *
 * @example
 * ```ts
 * const persistence: SyncQueuePersistence = 'require-aof'
 * ```
 */
export type SyncQueuePersistence = 'require-aof' | 'warn' | 'ignore'

/** The persistence of the queue's Redis, read at start and after each reconnection. */
export interface PersistenceWatch {
  readonly setting: SyncQueuePersistence
  /** The latest read, if one was made. */
  latest(): RedisPersistence | undefined
  /**
   * Resolves once the server's persistence meets the setting (waiting for the first read).
   *
   * @throws {@link SyncQueuePersistenceError} under `'require-aof'`, when AOF is not on.
   */
  require(): Promise<void>
}

/**
 * Reads the server's persistence each time `redis` is ready, and reports a shortfall through
 * `report` when it differs from the last one reported (a flapping connection does not repeat it).
 *
 * @param redis - The queue's connection.
 * @param setting - The queue's `persistence`.
 * @param report - The queue's `onError`.
 */
export function watchRedisPersistence(
  redis: Redis,
  setting: SyncQueuePersistence,
  report: (error: Error) => void,
): PersistenceWatch {
  let latest: RedisPersistence | undefined
  let reported: string | undefined
  let firstRead: (persistence: RedisPersistence) => void = () => {}
  const first = new Promise<RedisPersistence>((resolve) => {
    firstRead = resolve
  })
  const read = async () => {
    let persistence: RedisPersistence
    try {
      persistence = await readRedisPersistence(redis)
    } catch {
      // The connection failed mid-read: the next `ready` reads again.
      return
    }
    latest = persistence
    firstRead(persistence)
    const shortfalls = persistenceShortfalls(persistence)
    const verdict = shortfalls.join('\n')
    if (verdict === reported) return
    reported = verdict
    if (shortfalls.length > 0) report(new SyncQueuePersistenceError(persistence, shortfalls))
  }
  if (setting !== 'ignore') redis.on('ready', read)
  return {
    setting,
    latest: () => latest,
    async require() {
      if (setting !== 'require-aof') return
      const persistence = latest ?? (await first)
      if (persistence.mode !== 'aof') {
        throw new SyncQueuePersistenceError(persistence, persistenceShortfalls(persistence))
      }
    },
  }
}
