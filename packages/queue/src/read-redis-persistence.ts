import type { Redis } from 'ioredis'

// What the queue's Redis keeps on disk, read at start: the queue's orders are safe from a Redis
// restart only with the append-only file. CONFIG GET says it all; managed Redis services often
// disable CONFIG (or deny it by ACL), and then INFO persistence still says whether AOF is on,
// though not the RDB snapshot rules.

/**
 * What the queue's Redis server keeps on disk, as the queue read it:
 * - `aof` — the append-only file is on (with or without RDB snapshots): a restart loses at most
 *   what `appendfsync` leaves unwritten (about a second with `everysec`);
 * - `rdb` — RDB snapshots only (`save` rules): a restart loses every order enqueued since the
 *   last snapshot;
 * - `none` — nothing: a restart loses every order waiting in the queue;
 * - `unknown` — the server would not say (CONFIG disabled and AOF off, or INFO refused too).
 *
 * @example
 * ```ts
 * const recommended: RedisPersistence = {
 *   mode: 'aof',
 *   appendfsync: 'everysec',
 *   save: '',
 *   maxmemoryPolicy: 'noeviction',
 *   readWith: 'config',
 *   unreadable: undefined,
 * }
 * ```
 */
export interface RedisPersistence {
  readonly mode: 'aof' | 'rdb' | 'none' | 'unknown'
  /** `everysec`, `always` or `no`; `undefined` when AOF is off or CONFIG could not be read. */
  readonly appendfsync: string | undefined
  /** The RDB snapshot rules (`''`: none); `undefined` when CONFIG could not be read. */
  readonly save: string | undefined
  /** `noeviction` is the one the queue needs; `undefined` when CONFIG could not be read. */
  readonly maxmemoryPolicy: string | undefined
  /** How it was read: `CONFIG GET`, `INFO persistence` (CONFIG refused), or not at all. */
  readonly readWith: 'config' | 'info' | 'nothing'
  /** Why CONFIG (and INFO, for `nothing`) could not be read: the server's answer. */
  readonly unreadable: string | undefined
}

/** Whether `error` is the server's refusal of a command (ioredis's `ReplyError`), not a dropped connection. */
export function isRedisReply(error: unknown): boolean {
  return error instanceof Error && error.name === 'ReplyError'
}

/** The message of the server's refusal. */
function refusal(error: unknown): string {
  return error instanceof Error ? error.message.trim() : String(error)
}

async function configValue(redis: Redis, name: string): Promise<string> {
  const answer = (await redis.config('GET', name)) as string[]
  return answer[1] ?? ''
}

/** The persistence read from `INFO persistence`, for a server that refuses CONFIG. */
async function readFromInfo(redis: Redis, configRefusal: string): Promise<RedisPersistence> {
  const unknown = {
    appendfsync: undefined,
    save: undefined,
    maxmemoryPolicy: undefined,
  }
  let info: string
  try {
    info = await redis.info('persistence')
  } catch (error) {
    if (!isRedisReply(error)) throw error
    return {
      mode: 'unknown',
      ...unknown,
      readWith: 'nothing',
      unreadable: `${configRefusal}; INFO persistence: ${refusal(error)}`,
    }
  }
  const aofEnabled = /^aof_enabled:(\d)/m.exec(info)?.[1]
  return {
    mode: aofEnabled === '1' ? 'aof' : 'unknown',
    ...unknown,
    readWith: 'info',
    unreadable: configRefusal,
  }
}

/**
 * Reads what the Redis server keeps on disk.
 *
 * @param redis - A connection to the server, ready.
 * @returns What it keeps; `unknown` when the server refuses to say.
 * @throws The connection's error when it failed (not a refusal): read again once it is back.
 */
export async function readRedisPersistence(redis: Redis): Promise<RedisPersistence> {
  let values: string[]
  try {
    values = await Promise.all(
      ['appendonly', 'appendfsync', 'save', 'maxmemory-policy'].map((name) =>
        configValue(redis, name),
      ),
    )
  } catch (error) {
    if (!isRedisReply(error)) throw error
    return readFromInfo(redis, `CONFIG GET: ${refusal(error)}`)
  }
  const [appendonly, appendfsync, save, maxmemoryPolicy] = values as [
    string,
    string,
    string,
    string,
  ]
  const aof = appendonly === 'yes'
  return {
    mode: aof ? 'aof' : save.trim() === '' ? 'none' : 'rdb',
    appendfsync: aof ? appendfsync : undefined,
    save,
    maxmemoryPolicy,
    readWith: 'config',
    unreadable: undefined,
  }
}

/**
 * What falls short of the configuration the queue needs (AOF, `appendfsync everysec` or
 * `always`, `maxmemory-policy noeviction`), each in words with its consequence; empty when
 * nothing does.
 *
 * @param persistence - What the server keeps, from {@link readRedisPersistence}.
 */
export function persistenceShortfalls(persistence: RedisPersistence): string[] {
  const shortfalls: string[] = []
  const { mode, save } = persistence
  if (mode === 'none') {
    shortfalls.push(
      `no persistence (appendonly no, save ""): a restart of Redis loses every order waiting in the queue`,
    )
  } else if (mode === 'rdb') {
    shortfalls.push(
      `RDB snapshots only (appendonly no, save "${save}"): a restart of Redis loses every order enqueued since the last snapshot`,
    )
  } else if (mode === 'unknown') {
    shortfalls.push(
      persistence.readWith === 'info'
        ? `persistence unknown: the server refuses CONFIG (${persistence.unreadable}) and INFO persistence says aof_enabled:0, so a restart of Redis loses every order enqueued since the last RDB snapshot, if it takes any`
        : `persistence unknown: the server refuses CONFIG and INFO (${persistence.unreadable})`,
    )
  }
  if (persistence.appendfsync === 'no') {
    shortfalls.push(
      'appendfsync no: the operating system decides when the append-only file reaches the disk, so a crash may lose the last 30 s of enqueues',
    )
  }
  const policy = persistence.maxmemoryPolicy
  if (policy !== undefined && policy !== 'noeviction') {
    shortfalls.push(
      `maxmemory-policy ${policy}: Redis may evict the queue's keys when memory runs out, and an evicted key loses an order`,
    )
  }
  return shortfalls
}
