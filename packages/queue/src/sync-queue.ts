import {
  type Instant,
  InvalidArgumentError,
  type Order,
  type OrderInput,
  OrderSyncError,
  type ValidationError,
  validateOrder,
} from '@ordersync/core'
import { Queue, type RedisOptions } from 'bullmq'
import { Redis } from 'ioredis'
import {
  type BoundedRedisCall,
  createBoundedRedisCall,
  watchRedisConnection,
} from './bounded-redis-call.ts'
import {
  bindOrderStateScripts,
  type JobKeys,
  type OrderStateScripts,
} from './order-state-scripts.ts'
import { versionOf } from './order-version.ts'
import { createPlatformRateLimiter, type PlatformRateLimiter } from './platform-rate-limiter.ts'
import {
  type PersistenceWatch,
  type SyncQueuePersistence,
  watchRedisPersistence,
} from './watch-redis-persistence.ts'

/**
 * How the queue treats one platform. The rate limit and the retries hold across every worker.
 *
 * @example
 * ```ts
 * const wechat: SyncQueuePlatformSettings = {
 *   rateLimit: { max: 50, durationMs: 1100 },
 *   attempts: 8,
 *   backoffMs: 2000,
 * }
 * ```
 */
export interface SyncQueuePlatformSettings {
  /**
   * At most `max` requests to the platform in any `durationMs` (a sliding window), across all
   * workers, counted on every request the workers' clients send: each order's, each retry, a read
   * before a write (WeChat's `shop/order/get` before `shop/order/add`), a token fetch. A worker
   * counts them through the `fetch` it gives its clients, so a client of a platform with a rate
   * limit is given to {@link createSyncWorker} as a function that makes it with that `fetch`. The
   * limit is kept in Redis and counts a request when it leaves; the platform counts it when it
   * arrives, so leave a little room for the network's jitter.
   *
   * @default no limit
   */
  readonly rateLimit?: { readonly max: number; readonly durationMs: number }
  /**
   * How many times an order is tried before it goes to the dead-letter queue (when each failure
   * was worth retrying; see {@link createSyncWorker}).
   *
   * @default 8
   */
  readonly attempts?: number
  /**
   * The first retry's delay, doubled on each further retry (BullMQ's exponential backoff). The
   * transport already retried within the call; this is the queue's slower second line.
   *
   * @default 1000
   */
  readonly backoffMs?: number
}

/**
 * Options of {@link createSyncQueue}.
 *
 * @example
 * ```ts
 * const options: SyncQueueOptions = {
 *   connection: { host: '127.0.0.1', port: 6379 },
 *   platforms: { youshu: {}, wechat: { rateLimit: { max: 50, durationMs: 1100 } } },
 * }
 * ```
 */
export interface SyncQueueOptions {
  /**
   * Where Redis is, as ioredis options (`host`, `port`, `username`, `password`, `db`, `tls`, …).
   * The queue and each worker open their own connections from it (BullMQ needs a blocking one
   * per worker).
   */
  readonly connection: RedisOptions
  /** The platforms the queue serves, by platform id (`youshu`, `wechat`, …), with their settings. */
  readonly platforms: Readonly<Record<string, SyncQueuePlatformSettings>>
  /**
   * Put before every Redis key, so that several applications can share one Redis.
   *
   * @default 'ordersync'
   */
  readonly prefix?: string
  /**
   * Called with the queue's own errors: its Redis connections' (Redis unreachable: ioredis
   * reconnects by itself, and the queue's calls meanwhile reject with a
   * {@link SyncQueueUnavailableError}), and a {@link SyncQueuePersistenceError} when Redis may
   * lose the queue's orders. Never thrown, never unhandled.
   *
   * @default one line on stderr per outage (`console.error`), not one per reconnection attempt
   */
  readonly onError?: (error: Error) => void
  /**
   * How long a call of the queue waits for Redis before it rejects with a
   * {@link SyncQueueUnavailableError}: `enqueue`, each 500 orders of `enqueueMany`, `counts`,
   * `deadLetters`, each letter of `replayDeadLetters`, `waitUntilReady`. A call waits for the
   * connection to be ready before it sends anything, so a short reconnection costs a wait, not
   * an error, and an outage piles nothing up to be sent later.
   *
   * @default 5000
   */
  readonly timeoutMs?: number
  /**
   * What the queue does when its Redis may lose orders — no append-only file (a restart loses
   * the orders waiting, or those since the last RDB snapshot), `appendfsync no`, or a
   * `maxmemory-policy` that evicts keys. It reads the server's configuration at start and after
   * each reconnection (`CONFIG GET`; `INFO persistence` where CONFIG is disabled, as on many
   * managed services: the RDB rules are then unknown):
   * - `'warn'` — a {@link SyncQueuePersistenceError} goes to `onError`; the queue works on;
   * - `'require-aof'` — without the append-only file, `enqueue`, `enqueueMany`,
   *   `replayDeadLetters` and `waitUntilReady` reject with that error (so does an unknown
   *   persistence); the other shortfalls go to `onError`;
   * - `'ignore'` — nothing is read.
   *
   * @default 'warn'
   */
  readonly persistence?: SyncQueuePersistence
  /**
   * How long the queue remembers the last version it delivered of an order, to refuse an older
   * one (and an unchanged resend) that arrives later. An order enqueued again after that is sent.
   * What it keeps is the version's `modifiedAt` and digest; for an order taken over from a worker
   * that died or stopped mid-send, also the version's JSON, so that an older version that worker
   * sends late can still be overwritten.
   *
   * @default 2592000000 (30 days)
   */
  readonly rememberSentMs?: number
}

/**
 * What {@link SyncQueue.enqueue} did with an order:
 * - `queued` — it waits to be sent;
 * - `replaced` — it took the place of an older version that was still waiting (or in flight:
 *   it is then sent right after it), which will not be sent;
 * - `unchanged` — the same `modifiedAt` and content as the version waiting or last sent: nothing
 *   new to send;
 * - `stale` — older (by `modifiedAt`) than the version waiting or last sent: refused, so that an
 *   older version never overwrites a newer one;
 * - `invalid` — not a valid canonical order.
 *
 * @example
 * ```ts
 * // type-checked only: it needs a Redis server, which the examples' sandbox does not run
 * const queue = createSyncQueue({ connection: { host: '127.0.0.1', port: 6379 }, platforms: { youshu: {} } })
 * const result: EnqueueResult = await queue.enqueue('youshu', order)
 * if (result.status === 'invalid') console.error(result.error.issues)
 * ```
 */
export type EnqueueResult =
  | {
      readonly status: 'queued' | 'replaced' | 'unchanged' | 'stale'
      readonly orderId: string
      /** The enqueued version's `modifiedAt`. */
      readonly modifiedAt: Instant
    }
  | {
      readonly status: 'invalid'
      /** The order's id, when it had a readable one. */
      readonly orderId: string | undefined
      readonly error: ValidationError
    }

/**
 * An order that failed for good, kept in the platform's dead-letter queue (the BullMQ queue's
 * failed set) until it is replayed.
 *
 * @example
 * ```ts
 * // type-checked only: it needs a Redis server, which the examples' sandbox does not run
 * const queue = createSyncQueue({ connection: { host: '127.0.0.1', port: 6379 }, platforms: { youshu: {} } })
 * for (const letter of await queue.deadLetters('youshu')) console.log(letter.orderId, letter.reason)
 * ```
 */
export interface DeadLetter {
  /** The job id, to replay this letter alone. */
  readonly id: string
  readonly platform: string
  readonly orderId: string
  /** The failed version's `modifiedAt`, when the order is kept. */
  readonly modifiedAt: Instant | undefined
  /** The failed version, as it would be enqueued again; `undefined` when none was kept. */
  readonly order: OrderInput | undefined
  /** Why it failed: the last error's message (redacted like every ordersync message). */
  readonly reason: string
  /** Attempts made. */
  readonly attempts: number
  /** When it failed for good, in epoch milliseconds. */
  readonly failedAt: number | undefined
}

/**
 * Where a platform's queue stands, across every worker.
 *
 * @example
 * ```ts
 * // type-checked only: it needs a Redis server, which the examples' sandbox does not run
 * const queue = createSyncQueue({ connection: { host: '127.0.0.1', port: 6379 }, platforms: { youshu: {} } })
 * const { waiting, oldestWaitingAgeMs, active, delayed, dead } = await queue.counts('youshu')
 * ```
 */
export interface SyncQueueCounts {
  /** Orders waiting for a worker. */
  readonly waiting: number
  /**
   * How long the oldest order waiting for a worker has been in the queue, in milliseconds: since
   * its job was added (an order's job serves its newer versions too, and a retried order counts
   * from its first attempt). 0 when none waits. A steady rise means the workers fall behind.
   */
  readonly oldestWaitingAgeMs: number
  /** Orders a worker is sending, or holding until the rate limit gives it a slot. */
  readonly active: number
  /**
   * Orders waiting to be retried, and orders waiting out their doubt horizon (`lateArrivalMs`
   * of {@link createSyncWorker}) before their newest version is sent again.
   */
  readonly delayed: number
  /** Orders in the dead-letter queue. */
  readonly dead: number
}

/**
 * A sync queue on Redis. See {@link createSyncQueue}.
 *
 * @example
 * ```ts
 * // type-checked only: it needs a Redis server, which the examples' sandbox does not run
 * const queue = createSyncQueue({ connection: { host: '127.0.0.1', port: 6379 }, platforms: { youshu: {} } })
 * await queue.enqueue('youshu', order)
 * await queue.close()
 * ```
 */
export interface SyncQueue {
  /** The platform ids it serves. */
  readonly platforms: readonly string[]
  /**
   * Adds a version of an order for `platform`: validated at run time (an `OrderInput` from an
   * untyped source is answered `invalid`, never thrown), then kept or refused by the version
   * rules of {@link EnqueueResult}. It resolves once Redis holds the version and its job in
   * memory — not yet on disk: Redis writes them as its persistence says (with the append-only
   * file and `appendfsync everysec`, within about a second; without it, a restart of Redis loses
   * them). When it rejects after the version was recorded but before its job was added,
   * enqueueing the same version again adds the job (the answer is then `unchanged`).
   *
   * @throws `InvalidArgumentError` (`@ordersync/core`) for a platform the queue does not serve.
   * @throws {@link SyncQueueUnavailableError} when Redis does not answer within `timeoutMs`:
   *   keep the order where it came from and enqueue it again later.
   * @throws {@link SyncQueuePersistenceError} with `persistence: 'require-aof'`, when Redis runs
   *   without the append-only file.
   */
  enqueue(platform: string, order: OrderInput): Promise<EnqueueResult>
  /**
   * {@link SyncQueue.enqueue} for many orders, pipelined; one result per order, in order. It
   * works 500 orders at a time, each within `timeoutMs`: when it rejects, the chunks before the
   * failing one were enqueued.
   */
  enqueueMany(platform: string, orders: Iterable<OrderInput>): Promise<EnqueueResult[]>
  /** The dead letters of `platform`, oldest first, from `start` to `end` (inclusive, BullMQ ranges). */
  deadLetters(
    platform: string,
    range?: { readonly start?: number; readonly end?: number },
  ): Promise<DeadLetter[]>
  /**
   * Enqueues dead letters again (all of the platform's, or those with the given ids) and removes
   * them from the dead-letter queue. The version rules apply: a letter older than what was sent
   * since comes back `stale` and is not sent. BullMQ's own retry of a failed job (`job.retry()`,
   * `Queue.retryJobs()`, a dashboard's Retry button) is the same: the letter is enqueued again by
   * the version rules and its job sends the order's newest version (nothing when the platform
   * already holds that one or a newer one); it gets the attempts BullMQ leaves it (one, unless
   * retried with `resetAttemptsMade`).
   */
  replayDeadLetters(platform: string, ids?: readonly string[]): Promise<EnqueueResult[]>
  /**
   * The platform's counts across every worker.
   *
   * @throws {@link SyncQueueUnavailableError} when Redis does not answer within `timeoutMs`.
   */
  counts(platform: string): Promise<SyncQueueCounts>
  /**
   * Resolves once Redis answers and its persistence meets the queue's `persistence` setting: a
   * process that should not start without them awaits it at start.
   *
   * @throws {@link SyncQueueUnavailableError} when Redis does not answer within `timeoutMs`.
   * @throws {@link SyncQueuePersistenceError} with `persistence: 'require-aof'`, when Redis runs
   *   without the append-only file.
   */
  waitUntilReady(): Promise<void>
  /**
   * Closes the queue's connections (workers have their own `close`): at once when Redis is
   * unreachable, within `timeoutMs` otherwise.
   */
  close(): Promise<void>
}

/** What a worker and the health check need of a queue; not part of the public surface. */
export interface SyncQueueInternals {
  readonly connection: RedisOptions
  readonly prefix: string
  readonly rememberSentMs: number
  readonly timeoutMs: number
  readonly scripts: OrderStateScripts
  readonly persistence: PersistenceWatch
  /** Runs a call of the queue within `timeoutMs` (see {@link BoundedRedisCall}). */
  readonly call: BoundedRedisCall
  /** PING, within `timeoutMs`. */
  ping(): Promise<void>
  /** The rate limiter of `platform`, when it has a rate limit. */
  rateLimiter(platform: string): PlatformRateLimiter | undefined
  queueName(platform: string): string
  stateKey(platform: string, orderId: string): string
  /** Where the state of job `jobId` of an order lives, for the order-state scripts. */
  jobKeys(platform: string, orderId: string, jobId: string): JobKeys
  /** Adds the job `jobId` for an order, to start after `delayMs`. */
  addJob(platform: string, orderId: string, jobId: string, delayMs: number): Promise<void>
  settings(platform: string): SyncQueuePlatformSettings
}

const internals = new WeakMap<SyncQueue, SyncQueueInternals>()

/** The internals of a queue made by {@link createSyncQueue}, for its workers. */
export function syncQueueInternals(queue: SyncQueue): SyncQueueInternals {
  const found = internals.get(queue)
  if (found === undefined) {
    throw new InvalidArgumentError({
      platform: 'queue',
      argument: 'queue',
      reason: 'must be a queue made by createSyncQueue',
    })
  }
  return found
}

/** The data of a job: the order it serves, and once dead, the version that failed. */
export interface SyncJobData {
  readonly orderId: string
  readonly order?: string
  readonly modifiedAt?: number
}

const enqueueChunk = 500

/** The BullMQ options of an order's job: the platform's attempts and backoff. */
function jobOptions(settings: SyncQueuePlatformSettings, jobId: string, delayMs = 0) {
  return {
    jobId,
    attempts: settings.attempts ?? 8,
    backoff: { type: 'exponential', delay: settings.backoffMs ?? 1000 },
    removeOnComplete: true,
    removeOnFail: false,
    ...(delayMs > 0 ? { delay: delayMs } : {}),
  }
}

function positiveInteger(value: number | undefined, fallback: number, argument: string): number {
  const chosen = value ?? fallback
  if (!Number.isSafeInteger(chosen) || chosen < 1) {
    throw new InvalidArgumentError({
      platform: 'queue',
      argument,
      reason: `must be an integer of at least 1, got ${String(chosen)}`,
    })
  }
  return chosen
}

const persistenceSettings: readonly SyncQueuePersistence[] = ['require-aof', 'warn', 'ignore']

function checkPersistenceSetting(setting: SyncQueuePersistence | undefined): void {
  if (setting !== undefined && !persistenceSettings.includes(setting)) {
    throw new InvalidArgumentError({
      platform: 'queue',
      argument: 'persistence',
      reason: `must be 'require-aof', 'warn' or 'ignore', got ${JSON.stringify(setting)}`,
    })
  }
}

/**
 * Checks the queue's platforms and their settings, naming the setting at fault; returns the
 * platform ids.
 */
function checkQueuePlatforms(
  platforms: Readonly<Record<string, SyncQueuePlatformSettings>>,
): string[] {
  const ids = Object.keys(platforms)
  if (ids.length === 0) {
    throw new InvalidArgumentError({
      platform: 'queue',
      argument: 'platforms',
      reason: 'name at least one platform, e.g. { youshu: {} }',
    })
  }
  for (const [platform, settings] of Object.entries(platforms)) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(platform)) {
      throw new InvalidArgumentError({
        platform: 'queue',
        argument: 'platforms',
        reason: `a platform id is lower-case letters, digits and dashes, got ${JSON.stringify(platform)}`,
      })
    }
    positiveInteger(settings.attempts, 8, `platforms.${platform}.attempts`)
    positiveInteger(settings.backoffMs, 1000, `platforms.${platform}.backoffMs`)
    if (settings.rateLimit !== undefined) {
      positiveInteger(settings.rateLimit.max, 1, `platforms.${platform}.rateLimit.max`)
      positiveInteger(
        settings.rateLimit.durationMs,
        1,
        `platforms.${platform}.rateLimit.durationMs`,
      )
    }
  }
  return ids
}

/**
 * What enqueueing one order comes to: `invalid` for an order that is not valid (no job), or the
 * version rules' outcome decided in Redis, with the id of the job to add when one is needed.
 */
async function decideEnqueue(
  input: OrderInput,
  decide: (
    order: Order,
    version: Awaited<ReturnType<typeof versionOf>>,
  ) => Promise<{
    readonly outcome: Exclude<EnqueueResult['status'], 'invalid'>
    readonly jobId: string
  }>,
): Promise<{ result: EnqueueResult; jobId: string }> {
  const validation = validateOrder(input)
  if (!validation.success) {
    const id = (input as { id?: unknown } | null)?.id
    return {
      result: {
        status: 'invalid',
        orderId: typeof id === 'string' ? id : undefined,
        error: validation.error,
      },
      jobId: '',
    }
  }
  const order = validation.order
  const { outcome, jobId } = await decide(order, await versionOf(order))
  return { result: { status: outcome, orderId: order.id, modifiedAt: order.modifiedAt }, jobId }
}

/** A failed job as the dead letter the queue's API shows. */
function toDeadLetter(
  platform: string,
  job: {
    id?: string | undefined
    data: SyncJobData
    failedReason: string
    attemptsMade: number
    finishedOn?: number | undefined
  },
): DeadLetter {
  return {
    id: job.id ?? '',
    platform,
    orderId: job.data.orderId,
    modifiedAt: job.data.modifiedAt as Instant | undefined,
    order: job.data.order === undefined ? undefined : JSON.parse(job.data.order),
    reason: job.failedReason,
    attempts: job.attemptsMade,
    failedAt: job.finishedOn,
  }
}

/**
 * Enqueues the dead letters of `platform` again (all, or those with `ids`) and removes them from
 * the dead-letter queue, each step within the queue's `timeoutMs`.
 */
async function replayLetters(
  bull: Queue<SyncJobData, unknown, string>,
  platform: string,
  ids: readonly string[] | undefined,
  call: BoundedRedisCall,
  enqueue: (letters: OrderInput[]) => Promise<EnqueueResult[]>,
): Promise<EnqueueResult[]> {
  const operation = 'replayDeadLetters'
  const jobs = await call(operation, async () =>
    ids === undefined
      ? bull.getFailed(0, -1)
      : (await Promise.all(ids.map((id) => bull.getJob(id)))).filter((job) => job !== undefined),
  )
  const results: EnqueueResult[] = []
  for (const job of jobs) {
    if ((await call(operation, () => job.getState())) !== 'failed') continue
    const letter = toDeadLetter(platform, job)
    if (letter.order === undefined) continue
    results.push(...(await enqueue([letter.order])))
    await call(operation, () => job.remove())
  }
  return results
}

/**
 * The queue's error report: `onError`, or by default a line on stderr for the first connection
 * error of each outage (ioredis fails every reconnection attempt anew) and for each ordersync
 * error (the persistence warning).
 */
function createErrorReport(onError: ((error: Error) => void) | undefined): {
  report(error: Error): void
  recovered(): void
} {
  // BullMQ's queues pass on the errors of the connection they share: each is reported once.
  const seen = new WeakSet<Error>()
  let inOutage = false
  const print = (error: Error) => {
    if (OrderSyncError.isInstance(error)) {
      console.error(error.message)
      return
    }
    if (inOutage) return
    inOutage = true
    console.error(`[ordersync] [queue] Redis: ${error.message} (reconnecting)`)
  }
  const deliver = onError ?? print
  return {
    report(error) {
      if (seen.has(error)) return
      seen.add(error)
      deliver(error)
    },
    recovered() {
      inOutage = false
    },
  }
}

/** Closes a connection: QUIT when it is ready (within `timeoutMs`), at once otherwise. */
async function closeConnection(client: Redis, timeoutMs: number): Promise<void> {
  if (client.status !== 'ready') {
    client.disconnect()
    return
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs)
  })
  await Promise.race([client.quit().catch(() => {}), late])
  clearTimeout(timer)
  client.disconnect()
}

/** Where a platform's queue stands: BullMQ's counts, and the age of its oldest waiting job. */
async function countJobs(bull: Queue<SyncJobData, unknown, string>): Promise<SyncQueueCounts> {
  const [counts, oldest] = await Promise.all([
    bull.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed'),
    // Ascending: the oldest job of each list first.
    bull.getJobs(['wait', 'prioritized'], 0, 0, true),
  ])
  const oldestAddedAt = Math.min(...oldest.map((job) => job.timestamp))
  return {
    waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
    oldestWaitingAgeMs: oldest.length === 0 ? 0 : Math.max(0, Date.now() - oldestAddedAt),
    active: counts.active ?? 0,
    delayed: counts.delayed ?? 0,
    dead: counts.failed ?? 0,
  }
}

/** What enqueueing needs of its queue. */
interface EnqueueContext {
  readonly settings: SyncQueueOptions['platforms']
  readonly scripts: OrderStateScripts
  readonly persistence: PersistenceWatch
  readonly queueOf: (platform: string) => Queue<SyncJobData, unknown, string>
  readonly stateKey: (platform: string, orderId: string) => string
  readonly sequenceKey: (platform: string) => string
}

/**
 * Enqueues up to {@link enqueueChunk} orders of `platform`: the version rules decided in Redis,
 * then the jobs they call for, in one `addBulk`. Refused when the persistence the queue requires
 * is missing.
 */
async function enqueueChunkIn(
  context: EnqueueContext,
  platform: string,
  chunk: readonly OrderInput[],
): Promise<EnqueueResult[]> {
  await context.persistence.require()
  const queue = context.queueOf(platform)
  const settings = context.settings[platform] as SyncQueuePlatformSettings
  const jobKeyPrefix = queue.toKey('')
  const sequence = context.sequenceKey(platform)
  const decided = await Promise.all(
    chunk.map((input) =>
      decideEnqueue(input, (order, version) =>
        context.scripts.enqueue(
          { state: context.stateKey(platform, order.id), sequence },
          version,
          jobKeyPrefix,
          encodeURIComponent(order.id),
        ),
      ),
    ),
  )
  const jobs = decided.filter((entry) => entry.jobId !== '')
  if (jobs.length > 0) {
    await queue.addBulk(
      jobs.map(({ result, jobId }) => ({
        name: 'sync',
        data: { orderId: result.orderId as string },
        opts: jobOptions(settings, jobId),
      })),
    )
  }
  return decided.map((entry) => entry.result)
}

/** The rate limiter of each platform that has a rate limit, by platform id. */
function createRateLimiters(
  platforms: SyncQueueOptions['platforms'],
  redis: Redis,
  keyOf: (platform: string) => string,
): ReadonlyMap<string, PlatformRateLimiter> {
  return new Map(
    Object.entries(platforms).flatMap(([platform, settings]) =>
      settings.rateLimit === undefined
        ? []
        : [
            [
              platform,
              createPlatformRateLimiter(redis, keyOf(platform), platform, settings.rateLimit),
            ] as const,
          ],
    ),
  )
}

/**
 * The queue's two connections — one for its own scripts (auto-pipelined), one that BullMQ's
 * queues share — each watched, the calls bounded by `timeoutMs`, and the server's persistence
 * read at each reconnection.
 */
function openQueueConnections(options: SyncQueueOptions, timeoutMs: number) {
  const errors = createErrorReport(options.onError)
  // BullMQ's connection options are ioredis's. The cast bridges declarations that disagree under
  // exactOptionalPropertyTypes (ioredis 6 declares `replyMapping` twice), nothing at run time.
  const redis = new Redis({ ...options.connection, enableAutoPipelining: true } as never)
  const bullRedis = new Redis({ ...options.connection } as never)
  const watched = [redis, bullRedis].map((client) => {
    client.on('ready', () => errors.recovered())
    return watchRedisConnection(client, errors.report)
  })
  const persistence = watchRedisPersistence(redis, options.persistence ?? 'warn', errors.report)
  return {
    redis,
    bullRedis,
    report: errors.report,
    persistence,
    call: createBoundedRedisCall(watched, timeoutMs),
    close: () =>
      Promise.all([redis, bullRedis].map((client) => closeConnection(client, timeoutMs))),
  }
}

/**
 * Creates a sync queue on Redis (BullMQ): one queue per platform, one job per order, keyed by
 * platform and order id, with versions decided atomically in Redis:
 *
 * - a re-enqueued unchanged order (same `modifiedAt` and content) is not sent again;
 * - a newer version (by `modifiedAt`) supersedes an older one still waiting, and one that is in
 *   flight is followed by the newer one as soon as it completes;
 * - an older version never overwrites a newer one already sent: the last sent `modifiedAt` of
 *   each order is kept in Redis (for `rememberSentMs`);
 * - whatever the faults, the platform ends up holding the newest version: after a send that may
 *   still land late (a timeout, a dropped connection, a 5xx, a worker that died or stopped
 *   mid-send), the newest version is sent again once that request can no longer arrive
 *   (`lateArrivalMs` of {@link createSyncWorker});
 * - two versions of one order are never sent at once across workers: one job at a time serves
 *   an order, and only that job, holding its lock, may send it (checked right before each
 *   request); a worker that loses its lock aborts its request in flight.
 *
 * Two versions with the same `modifiedAt` but different content: the one enqueued last wins.
 * Workers ({@link createSyncWorker}) send, retry and dead-letter; this object only enqueues and
 * inspects, so an application server can enqueue without running a worker. It needs a single
 * Redis (or a primary with replicas), not Redis Cluster. The orders survive a crashed worker or
 * application process; they survive a restart of Redis only as far as Redis's persistence keeps
 * them (its append-only file: see `persistence`).
 *
 * @param options - The Redis connection, the platforms and their settings.
 * @returns The queue.
 * @throws `InvalidArgumentError` (`@ordersync/core`) for no platform, or a setting that is not a positive integer.
 * @example
 * ```ts
 * // type-checked only: it needs a Redis server, which the examples' sandbox does not run
 * import { createSyncQueue } from '@ordersync/queue'
 *
 * const queue = createSyncQueue({
 *   connection: { host: '127.0.0.1', port: 6379 },
 *   platforms: { youshu: { rateLimit: { max: 20, durationMs: 1100 } } },
 *   onError: (error) => console.error(error.message),
 * })
 * const result = await queue.enqueue('youshu', order) // { status: 'queued', orderId, modifiedAt }
 * ```
 */
export function createSyncQueue(options: SyncQueueOptions): SyncQueue {
  const platforms = checkQueuePlatforms(options.platforms)
  const prefix = options.prefix ?? 'ordersync'
  const rememberSentMs = positiveInteger(options.rememberSentMs, 2_592_000_000, 'rememberSentMs')
  const timeoutMs = positiveInteger(options.timeoutMs, 5_000, 'timeoutMs')
  checkPersistenceSetting(options.persistence)
  const connections = openQueueConnections(options, timeoutMs)
  const { redis, call } = connections
  const scripts = bindOrderStateScripts(redis)
  const queueName = (platform: string) => `sync-${platform}`
  const createQueue = (platform: string) => {
    const bull = new Queue<SyncJobData, unknown, string>(queueName(platform), {
      connection: connections.bullRedis as never,
      prefix,
    })
    bull.on('error', connections.report)
    return bull
  }
  type PlatformQueue = ReturnType<typeof createQueue>
  const queues = new Map(platforms.map((platform) => [platform, createQueue(platform)]))
  const stateKey = (platform: string, orderId: string) =>
    `${prefix}:${queueName(platform)}:order:${orderId}`
  const sequenceKey = (platform: string) =>
    `${prefix}:${queueName(platform)}:ordersync-job-sequence`
  const rateLimiters = createRateLimiters(
    options.platforms,
    redis,
    (platform) => `${prefix}:${queueName(platform)}:ordersync-request-log`,
  )

  const queueOf = (platform: string): PlatformQueue => {
    const queue = queues.get(platform)
    if (queue === undefined) {
      throw new InvalidArgumentError({
        platform: 'queue',
        argument: 'platform',
        reason: `this queue serves ${platforms.join(', ')}, not ${JSON.stringify(platform)}; add it to createSyncQueue's platforms`,
      })
    }
    return queue
  }

  const enqueueContext: EnqueueContext = {
    settings: options.platforms,
    scripts,
    persistence: connections.persistence,
    queueOf,
    stateKey,
    sequenceKey,
  }
  const enqueueAll = async (
    operation: string,
    platform: string,
    orders: Iterable<OrderInput>,
  ): Promise<EnqueueResult[]> => {
    queueOf(platform)
    const all = [...orders]
    const results: EnqueueResult[] = []
    for (let start = 0; start < all.length; start += enqueueChunk) {
      const chunk = all.slice(start, start + enqueueChunk)
      results.push(
        ...(await call(operation, () => enqueueChunkIn(enqueueContext, platform, chunk))),
      )
    }
    return results
  }

  const queue: SyncQueue = {
    platforms,
    async enqueue(platform, order) {
      const [result] = await enqueueAll('enqueue', platform, [order])
      return result as EnqueueResult
    },
    enqueueMany: (platform, orders) => enqueueAll('enqueueMany', platform, orders),
    async deadLetters(platform, range = {}) {
      const bull = queueOf(platform)
      const jobs = await call('deadLetters', () =>
        bull.getFailed(range.start ?? 0, range.end ?? -1),
      )
      return jobs.map((job) => toDeadLetter(platform, job))
    },
    async replayDeadLetters(platform, ids) {
      const bull = queueOf(platform)
      // Refused up front when the persistence the queue requires is missing, with or without
      // letters to replay: the answer does not depend on the dead-letter queue's content.
      await call('replayDeadLetters', () => connections.persistence.require())
      return replayLetters(bull, platform, ids, call, (letters) =>
        enqueueAll('replayDeadLetters', platform, letters),
      )
    },
    async counts(platform) {
      const bull = queueOf(platform)
      return call('counts', () => countJobs(bull))
    },
    async waitUntilReady() {
      await call('waitUntilReady', async () => {
        await redis.ping()
        await connections.persistence.require()
      })
    },
    async close() {
      await Promise.all([...queues.values()].map((bull) => bull.close()))
      await connections.close()
    },
  }
  internals.set(queue, {
    connection: options.connection,
    prefix,
    rememberSentMs,
    timeoutMs,
    scripts,
    persistence: connections.persistence,
    call,
    ping: () => call('ping', async () => void (await redis.ping())),
    rateLimiter: (platform) => rateLimiters.get(platform),
    queueName,
    stateKey,
    jobKeys: (platform, orderId, jobId) => {
      const jobKeyPrefix = queueOf(platform).toKey('')
      return {
        state: stateKey(platform, orderId),
        lock: `${jobKeyPrefix}${jobId}:lock`,
        sequence: sequenceKey(platform),
        jobKeyPrefix,
        jobIdPrefix: encodeURIComponent(orderId),
      }
    },
    async addJob(platform, orderId, jobId, delayMs) {
      const settings = options.platforms[platform] as SyncQueuePlatformSettings
      await queueOf(platform).add('sync', { orderId }, jobOptions(settings, jobId, delayMs))
    },
    settings: (platform) => {
      queueOf(platform)
      return options.platforms[platform] as SyncQueuePlatformSettings
    },
  })
  return queue
}
