import {
  type Instant,
  InvalidArgumentError,
  type Order,
  type OrderInput,
  type ValidationError,
  validateOrder,
} from '@ordersync/core'
import { Queue, type RedisOptions } from 'bullmq'
import { Redis } from 'ioredis'
import {
  bindOrderStateScripts,
  type JobKeys,
  type OrderStateScripts,
} from './order-state-scripts.ts'
import { versionOf } from './order-version.ts'

/**
 * How the queue treats one platform. The rate limit and the retries hold across every worker.
 *
 * @example
 * ```ts
 * const wechat: SyncQueuePlatformSettings = {
 *   rateLimit: { max: 50, durationMs: 1000 },
 *   attempts: 8,
 *   backoffMs: 2000,
 * }
 * ```
 */
export interface SyncQueuePlatformSettings {
  /**
   * At most `max` orders start syncing per `durationMs`, across all workers (BullMQ's limiter, a
   * fixed window kept in Redis). A request carries one order or more, so requests to the platform
   * never exceed it either.
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
 *   platforms: { youshu: {}, wechat: { rateLimit: { max: 50, durationMs: 1000 } } },
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
 * const { waiting, active, delayed, dead } = await queue.counts('youshu')
 * ```
 */
export interface SyncQueueCounts {
  /** Orders waiting for a worker (or for the rate limit). */
  readonly waiting: number
  /** Orders a worker is sending. */
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
 * A durable sync queue on Redis. See {@link createSyncQueue}.
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
   * rules of {@link EnqueueResult}. It resolves once the version is in Redis and its job added.
   * When it rejects (Redis unreachable) after the version was recorded but before its job was
   * added, enqueueing the same version again adds the job (the answer is then `unchanged`).
   *
   * @throws `InvalidArgumentError` (`@ordersync/core`) for a platform the queue does not serve.
   */
  enqueue(platform: string, order: OrderInput): Promise<EnqueueResult>
  /** {@link SyncQueue.enqueue} for many orders, pipelined; one result per order, in order. */
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
  /** The platform's counts across every worker. */
  counts(platform: string): Promise<SyncQueueCounts>
  /** Closes the queue's connections (workers have their own `close`). */
  close(): Promise<void>
}

/** What a worker needs of a queue; not part of the public surface. */
export interface SyncQueueInternals {
  readonly connection: RedisOptions
  readonly prefix: string
  readonly rememberSentMs: number
  readonly scripts: OrderStateScripts
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
 * Creates a durable sync queue on Redis (BullMQ): one queue per platform, one job per order,
 * keyed by platform and order id, with versions decided atomically in Redis:
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
 * Redis (or a primary with replicas), not Redis Cluster.
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
 *   platforms: { youshu: { rateLimit: { max: 20, durationMs: 1000 } } },
 * })
 * const result = await queue.enqueue('youshu', order) // { status: 'queued', orderId, modifiedAt }
 * ```
 */
export function createSyncQueue(options: SyncQueueOptions): SyncQueue {
  const platforms = checkQueuePlatforms(options.platforms)
  const prefix = options.prefix ?? 'ordersync'
  const rememberSentMs = positiveInteger(options.rememberSentMs, 2_592_000_000, 'rememberSentMs')
  // BullMQ's connection options are ioredis's. The cast bridges declarations that disagree under
  // exactOptionalPropertyTypes (ioredis 6 declares `replyMapping` twice), nothing at run time.
  const redis = new Redis({ ...options.connection, enableAutoPipelining: true } as never)
  const scripts = bindOrderStateScripts(redis)
  const queueName = (platform: string) => `sync-${platform}`
  const createQueue = (platform: string) =>
    new Queue<SyncJobData, unknown, string>(queueName(platform), {
      connection: options.connection,
      prefix,
    })
  type PlatformQueue = ReturnType<typeof createQueue>
  const queues = new Map(platforms.map((platform) => [platform, createQueue(platform)]))
  const stateKey = (platform: string, orderId: string) =>
    `${prefix}:${queueName(platform)}:order:${orderId}`
  const sequenceKey = (platform: string) =>
    `${prefix}:${queueName(platform)}:ordersync-job-sequence`

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

  const enqueueMany = async (platform: string, orders: Iterable<OrderInput>) => {
    const queue = queueOf(platform)
    const settings = options.platforms[platform] as SyncQueuePlatformSettings
    const jobKeyPrefix = queue.toKey('')
    const sequence = sequenceKey(platform)
    const all = [...orders]
    const results: EnqueueResult[] = []
    for (let start = 0; start < all.length; start += enqueueChunk) {
      const chunk = all.slice(start, start + enqueueChunk)
      const decided = await Promise.all(
        chunk.map((input) =>
          decideEnqueue(input, (order, version) =>
            scripts.enqueue(
              { state: stateKey(platform, order.id), sequence },
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
      results.push(...decided.map((entry) => entry.result))
    }
    return results
  }

  const queue: SyncQueue = {
    platforms,
    async enqueue(platform, order) {
      const [result] = await enqueueMany(platform, [order])
      return result as EnqueueResult
    },
    enqueueMany,
    async deadLetters(platform, range = {}) {
      const jobs = await queueOf(platform).getFailed(range.start ?? 0, range.end ?? -1)
      return jobs.map((job) => toDeadLetter(platform, job))
    },
    async replayDeadLetters(platform, ids) {
      const bull = queueOf(platform)
      const jobs =
        ids === undefined
          ? await bull.getFailed(0, -1)
          : (await Promise.all(ids.map((id) => bull.getJob(id)))).filter((job) => job !== undefined)
      const results: EnqueueResult[] = []
      for (const job of jobs) {
        if ((await job.getState()) !== 'failed') continue
        const letter = toDeadLetter(platform, job)
        if (letter.order === undefined) continue
        results.push(...(await enqueueMany(platform, [letter.order])))
        await job.remove()
      }
      return results
    },
    async counts(platform) {
      const counts = await queueOf(platform).getJobCounts(
        'waiting',
        'prioritized',
        'active',
        'delayed',
        'failed',
      )
      return {
        waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        dead: counts.failed ?? 0,
      }
    },
    async close() {
      await Promise.all([...queues.values()].map((bull) => bull.close()))
      await redis.quit()
    },
  }
  internals.set(queue, {
    connection: options.connection,
    prefix,
    rememberSentMs,
    scripts,
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
