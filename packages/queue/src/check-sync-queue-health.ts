import { InvalidArgumentError } from '@ordersync/core'
import { persistenceShortfalls } from './read-redis-persistence.ts'
import {
  type SyncQueue,
  type SyncQueueCounts,
  type SyncQueueInternals,
  syncQueueInternals,
} from './sync-queue.ts'
import { type SyncWorker, type SyncWorkerInternals, syncWorkerInternals } from './sync-worker.ts'

/**
 * One check of {@link checkSyncQueueHealth}: whether it passed, and what it saw, in words.
 *
 * @example
 * ```ts
 * const check: SyncQueueHealthCheck = { ok: true, detail: 'answered PING' }
 * ```
 */
export interface SyncQueueHealthCheck {
  readonly ok: boolean
  readonly detail: string
}

/**
 * What {@link checkSyncQueueHealth} found: a verdict for each probe, and each check.
 *
 * @example
 * ```ts
 * // type-checked only: it needs a Redis server, which the examples' sandbox does not run
 * const queue = createSyncQueue({ connection: { host: '127.0.0.1', port: 6379 }, platforms: { youshu: {} } })
 * const worker = createSyncWorker(queue, { platforms: [youshu] })
 * const health: SyncQueueHealth = await checkSyncQueueHealth(queue, { worker })
 * if (!health.live) console.error(health.checks.worker.detail)
 * ```
 */
export interface SyncQueueHealth {
  /** Every check passed. */
  readonly ok: boolean
  /**
   * The readiness verdict — whether this process can enqueue: Redis answers and, with
   * `persistence: 'require-aof'`, runs the append-only file (without it, enqueues are refused).
   */
  readonly ready: boolean
  /**
   * The liveness verdict — whether the worker should be restarted: `false` only when it is
   * closed or stalled (`true` without a worker). Never `false` for Redis being away: a restart
   * does not bring Redis back.
   */
  readonly live: boolean
  readonly checks: {
    /** Redis answered PING within the queue's `timeoutMs`. */
    readonly redis: SyncQueueHealthCheck
    /**
     * Redis keeps the queue's orders: the append-only file on, `appendfsync` not `no`,
     * `maxmemory-policy noeviction` (passes, unchecked, with `persistence: 'ignore'`).
     */
    readonly persistence: SyncQueueHealthCheck
    /**
     * The worker is running and not stalled: it started or finished an order, or started a call,
     * within `stalledAfterMs` whenever it had orders in flight or orders were waiting. It passes
     * while Redis is unreachable (the worker waits for it) and without a worker.
     */
    readonly worker: SyncQueueHealthCheck
    /** Each platform's dead-letter queue holds at most `maxDeadLetters`. */
    readonly deadLetters: SyncQueueHealthCheck
  }
  /** Each platform's counts, for metrics and alerts; `undefined` when Redis did not answer. */
  readonly counts: Readonly<Record<string, SyncQueueCounts>> | undefined
}

/**
 * Options of {@link checkSyncQueueHealth}.
 *
 * @example
 * ```ts
 * // type-checked only: it needs a Redis server, which the examples' sandbox does not run
 * const queue = createSyncQueue({ connection: { host: '127.0.0.1', port: 6379 }, platforms: { youshu: {} } })
 * const worker = createSyncWorker(queue, { platforms: [youshu] })
 * const options: SyncQueueHealthOptions = { worker, maxDeadLetters: 10, stalledAfterMs: 120_000 }
 * ```
 */
export interface SyncQueueHealthOptions {
  /** The worker of this process, if it runs one: its liveness is checked. */
  readonly worker?: SyncWorker
  /**
   * The most dead letters a platform may hold before the check fails.
   *
   * @default 0
   */
  readonly maxDeadLetters?: number
  /**
   * How long a worker may go without starting or finishing an order, or starting a call to a
   * platform, while it has orders in flight or orders wait, before it counts as stalled. One call
   * may legitimately take the client's `retry.maxElapsedMs` + `retry.timeoutMs` (70 s with core's
   * defaults): keep it well above that.
   *
   * @default 180000
   */
  readonly stalledAfterMs?: number
}

/** Redis answered PING within `timeoutMs`. */
async function checkRedis(internals: SyncQueueInternals): Promise<SyncQueueHealthCheck> {
  try {
    await internals.ping()
    return { ok: true, detail: 'answered PING' }
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) }
  }
}

/** Every platform's counts, or `undefined` when Redis does not answer. */
async function readCounts(
  queue: SyncQueue,
): Promise<Readonly<Record<string, SyncQueueCounts>> | undefined> {
  try {
    const counts = await Promise.all(
      queue.platforms.map(async (platform) => [platform, await queue.counts(platform)] as const),
    )
    return Object.fromEntries(counts)
  } catch {
    return undefined
  }
}

/** What the queue last read of the server's persistence. */
function checkPersistence(internals: SyncQueueInternals): SyncQueueHealthCheck {
  const watch = internals.persistence
  if (watch.setting === 'ignore') return { ok: true, detail: "not checked (persistence: 'ignore')" }
  const persistence = watch.latest()
  if (persistence === undefined) {
    return { ok: false, detail: 'not read yet: Redis has not answered since the queue started' }
  }
  const shortfalls = persistenceShortfalls(persistence)
  if (shortfalls.length > 0) return { ok: false, detail: shortfalls.join('; ') }
  return {
    ok: true,
    detail: `append-only file on (appendfsync ${persistence.appendfsync ?? 'unknown'}), maxmemory-policy ${persistence.maxmemoryPolicy ?? 'unknown'}`,
  }
}

/** The worker runs and is not stalled; `redisOk` false: it waits for Redis, which is no stall. */
function checkWorker(
  worker: SyncWorkerInternals,
  counts: Readonly<Record<string, SyncQueueCounts>> | undefined,
  redisOk: boolean,
  stalledAfterMs: number,
): SyncQueueHealthCheck {
  if (!worker.running()) return { ok: false, detail: 'not running: the worker was closed' }
  const inFlight = worker.inFlight()
  const idleMs = Date.now() - worker.lastProgressAt()
  const waiting = worker.platforms.reduce(
    (total, platform) => total + (counts?.[platform]?.waiting ?? 0),
    0,
  )
  const state = `${inFlight} in flight, ${counts === undefined ? 'an unknown number of' : waiting} waiting, last progress ${Math.round(idleMs / 1000)} s ago`
  if (!redisOk) return { ok: true, detail: `waiting for Redis: ${state}` }
  if ((inFlight > 0 || waiting > 0) && idleMs > stalledAfterMs) {
    return {
      ok: false,
      detail: `stalled: no order started or finished for more than ${stalledAfterMs} ms (${state})`,
    }
  }
  return { ok: true, detail: `running: ${state}` }
}

/** Each platform's dead letters are at most `maxDeadLetters`. */
function checkDeadLetters(
  counts: Readonly<Record<string, SyncQueueCounts>> | undefined,
  maxDeadLetters: number,
): SyncQueueHealthCheck {
  if (counts === undefined) return { ok: false, detail: 'unknown: Redis did not answer' }
  const over = Object.entries(counts).filter(([, count]) => count.dead > maxDeadLetters)
  if (over.length === 0) return { ok: true, detail: `at most ${maxDeadLetters} per platform` }
  return {
    ok: false,
    detail: `more than ${maxDeadLetters}: ${over.map(([platform, count]) => `${platform} ${count.dead}`).join(', ')}`,
  }
}

function nonNegative(value: number | undefined, fallback: number, argument: string): number {
  const chosen = value ?? fallback
  if (!Number.isSafeInteger(chosen) || chosen < 0) {
    throw new InvalidArgumentError({
      platform: 'queue',
      argument,
      reason: `must be a non-negative integer, got ${String(chosen)}`,
    })
  }
  return chosen
}

/**
 * Checks the queue and this process's worker, for a readiness and a liveness probe, and for
 * alerts: Redis reachable, its persistence, the worker running and not stalled, the dead-letter
 * queues under a threshold, and each platform's counts. It resolves within the queue's
 * `timeoutMs` (Redis unreachable makes checks fail, never the call), so set the probe's timeout
 * above it.
 *
 * Probes: a readiness probe reads `ready` (this process can enqueue); a liveness probe reads
 * `live` (the worker is running and not stalled). The dead letters and the counts are for
 * alerts, not probes: restarting a process fixes neither.
 *
 * @param queue - The queue, from {@link createSyncQueue}.
 * @param options - The worker of this process, the dead-letter threshold, the stall time.
 * @returns The verdicts and each check, with the counts.
 * @throws `InvalidArgumentError` (`@ordersync/core`) for a queue or worker not made by this package,
 *   or a threshold that is not a non-negative integer.
 * @example
 * ```ts
 * // type-checked only: it needs a Redis server, which the examples' sandbox does not run
 * import { createServer } from 'node:http'
 * import { checkSyncQueueHealth, createSyncQueue, createSyncWorker } from '@ordersync/queue'
 *
 * const queue = createSyncQueue({ connection: { host: '127.0.0.1', port: 6379 }, platforms: { youshu: {} } })
 * const worker = createSyncWorker(queue, { platforms: [youshu] })
 * // The probes' endpoints: a readiness probe on /readyz, a liveness probe on /livez.
 * createServer(async (request, response) => {
 *   const health = await checkSyncQueueHealth(queue, { worker, maxDeadLetters: 10 })
 *   const pass = request.url === '/livez' ? health.live : request.url === '/readyz' ? health.ready : health.ok
 *   response.writeHead(pass ? 200 : 503, { 'content-type': 'application/json' })
 *   response.end(JSON.stringify(health))
 * }).listen(8080)
 * ```
 */
export async function checkSyncQueueHealth(
  queue: SyncQueue,
  options: SyncQueueHealthOptions = {},
): Promise<SyncQueueHealth> {
  const internals = syncQueueInternals(queue)
  const worker = options.worker === undefined ? undefined : syncWorkerInternals(options.worker)
  const maxDeadLetters = nonNegative(options.maxDeadLetters, 0, 'maxDeadLetters')
  const stalledAfterMs = nonNegative(options.stalledAfterMs, 180_000, 'stalledAfterMs')
  const [redis, counts] = await Promise.all([checkRedis(internals), readCounts(queue)])
  const checks = {
    redis,
    persistence: checkPersistence(internals),
    worker:
      worker === undefined
        ? { ok: true, detail: 'no worker given' }
        : checkWorker(worker, counts, redis.ok, stalledAfterMs),
    deadLetters: checkDeadLetters(counts, maxDeadLetters),
  }
  const persistence = internals.persistence
  const refused = persistence.setting === 'require-aof' && persistence.latest()?.mode !== 'aof'
  return {
    ok: Object.values(checks).every((check) => check.ok),
    ready: redis.ok && !refused,
    live: checks.worker.ok,
    checks,
    counts,
  }
}
