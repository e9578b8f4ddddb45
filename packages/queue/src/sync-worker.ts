import { InvalidArgumentError, type OrderSyncPlatformV1 } from '@ordersync/core'
import { type Job, Worker } from 'bullmq'
import { createFencedBatcher, type ThrottleCall } from './fenced-batcher.ts'
import { processSyncJob, type SyncJobContext } from './process-sync-job.ts'
import {
  type SyncJobData,
  type SyncQueue,
  type SyncQueueInternals,
  syncQueueInternals,
} from './sync-queue.ts'
import type { SyncQueueResult } from './sync-queue-result.ts'
import { createWorkerActivity, type WorkerActivity } from './worker-activity.ts'

/**
 * A worker's running counts, since it started.
 *
 * @example
 * ```ts
 * const onProgress = ({ succeeded, dead }: SyncWorkerProgress) => console.log(`${succeeded} sent, ${dead} dead`)
 * ```
 */
export interface SyncWorkerProgress {
  readonly succeeded: number
  readonly retrying: number
  readonly dead: number
  readonly superseded: number
}

/**
 * What a worker gives the function that makes one of its platform clients: the `fetch` the client
 * must send with, which takes a slot of the platform's rate limit before every request.
 *
 * @example
 * ```ts
 * const makeYoushu = ({ fetch }: SyncWorkerTransport) => createYoushu({ environment: 'production', appId, appSecret, merchantId, fetch })
 * ```
 */
export interface SyncWorkerTransport {
  /** Give it to the client's `fetch` setting. It calls `globalThis.fetch` when the platform has no rate limit. */
  readonly fetch: typeof globalThis.fetch
}

/**
 * A platform client for {@link createSyncWorker}: the client itself, or a function that makes it
 * with the worker's `fetch` — required for a platform with a rate limit, whose every request the
 * worker counts through that `fetch`.
 *
 * @example
 * ```ts
 * const platforms: SyncWorkerPlatform[] = [
 *   ({ fetch }) => createWechat({ appId, appSecret, fetch }), // rate-limited: made with the worker's fetch
 *   youshu, // no rate limit: the client as it is
 * ]
 * ```
 */
export type SyncWorkerPlatform =
  // biome-ignore lint/suspicious/noExplicitAny: a worker takes clients of any payload type
  | OrderSyncPlatformV1<any>
  // biome-ignore lint/suspicious/noExplicitAny: a worker takes clients of any payload type
  | ((transport: SyncWorkerTransport) => OrderSyncPlatformV1<any>)

/**
 * Options of {@link createSyncWorker}.
 *
 * @example
 * ```ts
 * const options: SyncWorkerOptions = { platforms: [youshu], concurrency: 32, onResult: console.log }
 * ```
 */
export interface SyncWorkerOptions {
  /**
   * The platform clients this worker sends with; each must be one the queue serves. A worker may
   * serve some platforms only. A platform with a rate limit (the queue's `rateLimit`) is given as
   * a function that makes its client with the worker's `fetch`
   * (`({ fetch }) => createWechat({ ...settings, fetch })`): the limit counts every request the
   * client sends — each order's, each retry, a read before a write, a token fetch.
   */
  readonly platforms: readonly SyncWorkerPlatform[]
  /**
   * How many orders of each platform this worker handles at once: one number for every platform,
   * or one per platform id (`{ youshu: 32, wechat: 8 }`; a platform left out gets 16). Orders
   * that are ready together go to the platform in one call, up to its `maxBatchSize`.
   *
   * @default 16
   */
  readonly concurrency?: number | Readonly<Record<string, number>>
  /**
   * How long the worker waits for more orders to fill a batch before sending, in milliseconds.
   *
   * @default 10
   */
  readonly batchWindowMs?: number
  /**
   * How long a job's lock lasts without renewal (the worker renews it while it works). A worker
   * that dies (SIGKILL, lost host) or stops (a long GC pause, SIGSTOP, a suspended VM) holds its
   * orders that long; the next check for stalled orders (`stalledIntervalMs`) hands them to
   * another worker, so a takeover comes within `lockMs` + `stalledIntervalMs` (when
   * `stalledIntervalMs` ≤ `lockMs`; otherwise within 2 × `stalledIntervalMs`) while another
   * worker runs; a worker started after the death takes them at its second check, 2 ×
   * `stalledIntervalMs` after it starts. A worker that
   * finds its lock lost aborts its requests in flight and sends nothing more for those orders.
   *
   * @default 30000
   */
  readonly lockMs?: number
  /**
   * How often the workers look for orders whose worker died or stopped (one check per interval
   * across all workers).
   *
   * @default 30000
   */
  readonly stalledIntervalMs?: number
  /**
   * How long after the client gave up on a request (a timeout after sending, a dropped
   * connection, a retryable 5xx, an abort in flight) that request may still reach the platform
   * and be stored. No platform states it, so it is a setting. After such a send, and after a
   * takeover from a worker that stopped, the newest version of the order is sent again once this
   * long has passed, so that an older version landing late is always overwritten; only a
   * confirmation of the newest version sent after that horizon finishes the order. Raise it for a
   * platform or network that holds requests longer; a larger value delays those re-sends, never
   * a first send (0 re-sends at once). While it waits, the order counts as `delayed`.
   *
   * @default 15000
   */
  readonly lateArrivalMs?: number
  /**
   * How many times an order may be taken over from a dead worker before it goes to the
   * dead-letter queue (an order that crashes every worker must not crash them all forever).
   *
   * @default 2
   */
  readonly maxStalledCount?: number
  /** Called with each order's outcome. */
  readonly onResult?: (event: SyncQueueResult) => void
  /** Called after each outcome with the running counts. */
  readonly onProgress?: (progress: SyncWorkerProgress) => void
  /**
   * Called with the worker's own errors: Redis unreachable (the worker reconnects and goes on by
   * itself), a job that could not be moved. Never with order failures, which are results.
   */
  readonly onError?: (error: Error) => void
}

/**
 * A running worker. See {@link createSyncWorker}.
 *
 * @example
 * ```ts
 * // type-checked only: it needs a Redis server, which the examples' sandbox does not run
 * const queue = createSyncQueue({ connection: { host: '127.0.0.1', port: 6379 }, platforms: { youshu: {} } })
 * const worker: SyncWorker = createSyncWorker(queue, { platforms: [youshu] })
 * process.on('SIGTERM', () => worker.close({ graceMs: 60_000 }))
 * ```
 */
export interface SyncWorker {
  /** The running counts. */
  readonly progress: SyncWorkerProgress
  /** Resolves once the worker is connected and taking jobs. */
  waitUntilReady(): Promise<void>
  /**
   * Stops taking orders and waits for the orders in flight; with `force`, it aborts them at once,
   * and with `graceMs`, once they have had that long. An aborted order goes back to the queue
   * without using an attempt; one whose request may have reached the platform is sent again after
   * `lateArrivalMs` (safe: every sync endpoint is an upsert). Nothing is lost either way: an order
   * whose worker is killed before it settles it is taken over once its lock runs out.
   *
   * One platform call may take up to the client's `retry.maxElapsedMs` + `retry.timeoutMs` (70 s
   * with core's defaults), plus its wait for the rate limit: without `graceMs`, a close may take
   * that long. Give `graceMs` a few seconds less than the time the process has to stop (a
   * container's `terminationGracePeriodSeconds`), so that the worker closes before it is killed.
   */
  close(options?: { readonly force?: boolean; readonly graceMs?: number }): Promise<void>
}

/** What the health check reads of a worker; not part of the public surface. */
export interface SyncWorkerInternals {
  /** The platform ids it serves. */
  readonly platforms: readonly string[]
  /** Whether it takes orders: not closed, and each of its BullMQ workers running. */
  running(): boolean
  /** The orders it is working on. */
  inFlight(): number
  /** When it last started or finished an order, or started a call to a platform (epoch ms). */
  lastProgressAt(): number
}

const workerInternals = new WeakMap<SyncWorker, SyncWorkerInternals>()

/** What the health check reads of a worker made by {@link createSyncWorker}. */
export function syncWorkerInternals(worker: SyncWorker): SyncWorkerInternals {
  const found = workerInternals.get(worker)
  if (found === undefined) {
    throw new InvalidArgumentError({
      platform: 'queue',
      argument: 'worker',
      reason: 'must be a worker made by createSyncWorker',
    })
  }
  return found
}

function nonNegativeInteger(value: number | undefined, fallback: number, argument: string): number {
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

/** How many orders of `platform` this worker handles at once: the setting for it, at least 1. */
function concurrencyOf(options: SyncWorkerOptions, platform: string): number {
  const chosen =
    typeof options.concurrency === 'object' ? options.concurrency[platform] : options.concurrency
  const argument =
    typeof options.concurrency === 'object' ? `concurrency.${platform}` : 'concurrency'
  const concurrency = nonNegativeInteger(chosen, 16, argument)
  if (concurrency < 1) {
    throw new InvalidArgumentError({
      platform: 'queue',
      argument,
      reason: 'must be at least 1, got 0',
    })
  }
  return concurrency
}

/** The lock signals of a worker's jobs: aborted when BullMQ could not renew a job's lock. */
function createLockWatch(): {
  watch: SyncJobContext['watchLock']
  lost(jobIds: readonly string[]): void
} {
  const watched = new Map<string, Set<AbortController>>()
  return {
    watch(jobId) {
      const controller = new AbortController()
      const set = watched.get(jobId) ?? new Set()
      set.add(controller)
      watched.set(jobId, set)
      return {
        signal: controller.signal,
        release() {
          set.delete(controller)
          if (set.size === 0 && watched.get(jobId) === set) watched.delete(jobId)
        },
      }
    },
    lost(jobIds) {
      for (const jobId of jobIds) {
        for (const controller of watched.get(jobId) ?? []) {
          controller.abort(new Error(`the lock of job ${jobId} was lost`))
        }
      }
    },
  }
}

/**
 * The client of one platform entry, and the gate its calls pass for the platform's rate limit. A
 * function entry is given a `fetch` that takes a slot before each request once the platform is
 * known (the client says which it is); a client given as it is cannot be counted, so a platform
 * with a rate limit refuses it.
 */
function platformClient(
  internals: SyncQueueInternals,
  entry: SyncWorkerPlatform,
  // biome-ignore lint/suspicious/noExplicitAny: a worker takes clients of any payload type
): { client: OrderSyncPlatformV1<any>; throttle: ThrottleCall | undefined } {
  let limitedFetch: typeof globalThis.fetch | undefined
  // The runtime's fetch is read at each request, so that one replaced later (a test's) is used.
  const fetch: typeof globalThis.fetch = (input, init) =>
    (limitedFetch ?? globalThis.fetch)(input, init)
  const client = typeof entry === 'function' ? entry({ fetch }) : entry
  internals.settings(client.platform)
  const limiter = internals.rateLimiter(client.platform)
  if (limiter === undefined) return { client, throttle: undefined }
  if (typeof entry !== 'function') {
    throw new InvalidArgumentError({
      platform: 'queue',
      argument: 'platforms',
      reason: `${client.platform} has a rate limit, which counts every request its client sends: give the worker a function that makes the client with the fetch it is given, platforms: [({ fetch }) => createClient({ ...settings, fetch })]`,
    })
  }
  limitedFetch = limiter.wrapFetch(() => globalThis.fetch)
  return { client, throttle: (signal, call) => limiter.throttleCall(signal, call) }
}

/**
 * A job BullMQ failed for good without the processor deciding it — taken over from stopped
 * workers too often, or a Redis error mid-order on the last attempt: its waiting version becomes
 * its dead letter.
 */
async function deadLetterPending(
  internals: ReturnType<typeof syncQueueInternals>,
  platform: string,
  job: Job<SyncJobData>,
): Promise<void> {
  const pending = await internals.scripts.abandonPending(
    internals.stateKey(platform, job.data.orderId),
    job.id as string,
    internals.rememberSentMs,
  )
  if (pending === undefined) return
  await job.updateData({
    orderId: job.data.orderId,
    order: pending.json,
    modifiedAt: pending.modifiedAt,
  })
}

/**
 * Closes a worker's BullMQ workers: they stop taking jobs, the jobs in flight end (aborted at once
 * with `force`, or once `graceMs` has passed), and BullMQ moves them; then the workers close.
 * BullMQ's own graceful close is not used: it waits for its fetch loop, which can stay stuck after
 * Redis reconnected (BullMQ 6.7), holding a shutdown until the process is killed.
 */
async function closeWorkers(
  workers: readonly Worker<SyncJobData>[],
  activity: WorkerActivity,
  abort: AbortController,
  options: { readonly force?: boolean; readonly graceMs?: number },
): Promise<void> {
  const graceMs =
    options.graceMs === undefined ? undefined : nonNegativeInteger(options.graceMs, 0, 'graceMs')
  activity.close()
  if (options.force === true) abort.abort(new Error('the worker was closed'))
  // Past the grace period, the orders still in flight are aborted as with `force`.
  const grace =
    graceMs === undefined
      ? undefined
      : setTimeout(
          () => abort.abort(new Error(`the worker was closed: graceMs (${graceMs} ms) ran out`)),
          graceMs,
        )
  try {
    await Promise.all(workers.map((worker) => worker.pause(true)))
    await activity.settled(5_000)
  } finally {
    clearTimeout(grace)
  }
  await Promise.all(workers.map((worker) => worker.close(true)))
}

/**
 * Starts a worker that takes orders from `queue` and syncs them through core's `syncOrders`,
 * one BullMQ worker per platform, in this process. Run as many as you like, in as many
 * processes and hosts: the queue's guarantees hold across all of them.
 *
 * For each order the worker reads the newest version waiting in Redis, checks right before the
 * request that its job still holds the order (its BullMQ lock, and the order's record of which
 * job serves it), sends it, and records it as delivered. A failure is retried with the queue's
 * backoff when it is worth retrying — an `ApiCallError` about the order that the platform called
 * retryable (busy, rate limited, 5xx), or whose outcome is uncertain (timeout, dropped connection:
 * the platform may hold the order; resending is safe because every sync endpoint is an upsert) or
 * that never reached the platform; or an error core could not classify (a token store's Redis
 * unreachable). A validation, mapping or authentication error, a definite rejection, wrong
 * credentials or configuration, and the last attempt go to the dead-letter queue.
 *
 * Convergence: after a send during which some request may still reach the platform later (the
 * platform client's transport says so through `doSync`'s `onInDoubt`, or the failure is
 * `uncertain`), the order stays queued and its newest version is sent again once `lateArrivalMs`
 * has passed, so that an older version landing late is overwritten; only a confirmation of the
 * newest version sent after that horizon finishes the order. A worker that dies or stops mid-order
 * loses its lock; another takes the order over (within `lockMs` + `stalledIntervalMs`) and treats
 * the first worker's send as in doubt. A worker that finds its lock lost aborts its request in
 * flight and sends nothing more; if it sent anyway (it was stopped with the request on its way),
 * it has the newest version sent again after the horizon.
 *
 * Rate limit: for a platform with the queue's `rateLimit`, the worker gives the function that
 * makes the client a `fetch` that takes a slot of the limit, kept in Redis across every worker,
 * before each request; and it starts a call to the platform only when a slot is free, so that no
 * request waits for one inside the client's per-attempt timeout.
 *
 * Each completed job also returns `{ orderId, modifiedAt, status }`, which BullMQ's
 * `QueueEvents` shows to any process.
 *
 * @param queue - The queue, from {@link createSyncQueue}.
 * @param options - The platform clients, the concurrency, the timings and the callbacks.
 * @returns The worker, already running.
 * @throws `InvalidArgumentError` (`@ordersync/core`) for a client of a platform the queue does not serve, a
 *   client given as it is for a platform with a rate limit, or a timing that is not a
 *   non-negative integer.
 * @example
 * ```ts
 * // type-checked only: it needs a Redis server, which the examples' sandbox does not run
 * import { createSyncQueue, createSyncWorker } from '@ordersync/queue'
 * import { createYoushu } from '@ordersync/youshu'
 *
 * const queue = createSyncQueue({ connection: { host: '127.0.0.1', port: 6379 }, platforms: { youshu: {} } })
 * const worker = createSyncWorker(queue, {
 *   platforms: [createYoushu({ environment: 'production', appId, appSecret, merchantId })],
 *   concurrency: 32,
 *   onResult: (event) => console.log(event.status, event.orderId),
 * })
 * process.on('SIGTERM', async () => {
 *   await worker.close({ graceMs: 60_000 }) // less than the time the process has to stop
 *   await queue.close()
 * })
 * ```
 */
export function createSyncWorker(queue: SyncQueue, options: SyncWorkerOptions): SyncWorker {
  const internals = syncQueueInternals(queue)
  if (options.platforms.length === 0) {
    throw new InvalidArgumentError({
      platform: 'queue',
      argument: 'platforms',
      reason: 'give the worker at least one platform client',
    })
  }
  const windowMs = nonNegativeInteger(options.batchWindowMs, 10, 'batchWindowMs')
  const lockDuration = nonNegativeInteger(options.lockMs, 30_000, 'lockMs')
  const stalledInterval = nonNegativeInteger(options.stalledIntervalMs, 30_000, 'stalledIntervalMs')
  const maxStalledCount = nonNegativeInteger(options.maxStalledCount, 2, 'maxStalledCount')
  const lateArrivalMs = nonNegativeInteger(options.lateArrivalMs, 15_000, 'lateArrivalMs')
  const abort = new AbortController()
  const progress = { succeeded: 0, retrying: 0, dead: 0, superseded: 0 }
  const activity = createWorkerActivity()
  const report = (event: SyncQueueResult) => {
    progress[event.status] += 1
    options.onResult?.(event)
    options.onProgress?.({ ...progress })
  }
  const onError = (error: Error) => options.onError?.(error)
  // The errors the processor throws itself, so that the `failed` listener leaves them alone.
  const decided = new WeakSet<Error>()

  const clients = options.platforms.map((entry) => platformClient(internals, entry))
  const workers = clients.map(({ client, throttle }) => {
    const platform = client.platform
    const locks = createLockWatch()
    const context: SyncJobContext = {
      platform,
      internals,
      send: createFencedBatcher(
        client,
        windowMs,
        abort.signal,
        throttle === undefined
          ? undefined
          : (signal, call) =>
              throttle(signal, () => {
                activity.noteProgress()
                return call()
              }),
      ),
      closing: abort.signal,
      lateArrivalMs,
      watchLock: locks.watch,
      report,
      onError,
      decided,
    }
    const worker = new Worker<SyncJobData>(
      internals.queueName(platform),
      (job: Job<SyncJobData>, token?: string) =>
        activity.track(job.id as string, () => processSyncJob(context, job, token ?? '')),
      {
        connection: internals.connection,
        prefix: internals.prefix,
        concurrency: concurrencyOf(options, platform),
        lockDuration,
        stalledInterval,
        maxStalledCount,
      },
    )
    worker.on('error', onError)
    worker.on('completed', (job) => activity.moved(job.id as string))
    // A job whose lock could not be renewed is no longer this worker's: its request in flight is
    // aborted, and it sends nothing more (the fence refuses it).
    worker.on('lockRenewalFailed', (jobIds: string[]) => locks.lost(jobIds))
    worker.on('failed', (job, error) => {
      if (job !== undefined) activity.moved(job.id as string)
      if (job !== undefined && !decided.has(error) && job.finishedOn) {
        deadLetterPending(internals, platform, job).catch((failure: unknown) =>
          onError(failure instanceof Error ? failure : new Error(String(failure))),
        )
      }
    })
    return worker
  })

  const syncWorker: SyncWorker = {
    get progress() {
      return { ...progress }
    },
    async waitUntilReady() {
      await Promise.all(workers.map((worker) => worker.waitUntilReady()))
    },
    close: (closeOptions = {}) => closeWorkers(workers, activity, abort, closeOptions),
  }
  workerInternals.set(syncWorker, {
    platforms: clients.map(({ client }) => client.platform),
    running: () => !activity.closed && workers.every((worker) => worker.isRunning()),
    inFlight: activity.inFlight,
    lastProgressAt: activity.lastProgressAt,
  })
  return syncWorker
}
