import {
  ApiCallError,
  type Instant,
  InvalidArgumentError,
  type OrderInput,
  type OrderSyncError,
  type OrderSyncPlatformV1,
  type OrderSyncResult,
  syncOrders,
} from '@ordersync/core'
import { DelayedError, type Job, UnrecoverableError, Worker } from 'bullmq'
import type { StoredVersion } from './order-state-scripts.ts'
import { type SyncJobData, type SyncQueue, syncQueueInternals } from './sync-queue.ts'

/**
 * One order's outcome in a worker, as it happens:
 * - `succeeded` — the platform stored this version;
 * - `retrying` — it failed in a way worth retrying (see {@link createSyncWorker}); it is tried
 *   again after the backoff;
 * - `dead` — it failed for good and went to the dead-letter queue;
 * - `superseded` — it failed, but a newer version was enqueued meanwhile: that one is sent
 *   instead, and the failed one is dropped.
 *
 * @example
 * ```ts
 * const onResult = (event: SyncQueueResult) => {
 *   if (event.status === 'dead') console.error(event.platform, event.orderId, event.error.message)
 * }
 * ```
 */
export type SyncQueueResult =
  | {
      readonly status: 'succeeded'
      readonly platform: string
      readonly orderId: string
      readonly modifiedAt: Instant
      /** 1 for the first attempt. */
      readonly attempt: number
      /** Core's result: the platform's ids, the warnings, whether the platform only accepted it. */
      readonly result: Extract<OrderSyncResult, { status: 'succeeded' }>
    }
  | {
      readonly status: 'retrying' | 'dead' | 'superseded'
      readonly platform: string
      readonly orderId: string
      readonly modifiedAt: Instant
      readonly attempt: number
      readonly error: OrderSyncError
    }

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
   * serve some platforms only.
   */
  // biome-ignore lint/suspicious/noExplicitAny: a worker takes clients of any payload type
  readonly platforms: readonly OrderSyncPlatformV1<any>[]
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
   * How long a job's lock lasts without renewal. A worker that dies (SIGKILL, lost host) holds
   * its orders that long; then another worker takes them over.
   *
   * @default 30000
   */
  readonly lockMs?: number
  /**
   * How often the worker looks for orders whose worker died.
   *
   * @default 30000
   */
  readonly stalledIntervalMs?: number
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
 * process.on('SIGTERM', () => worker.close())
 * ```
 */
export interface SyncWorker {
  /** The running counts. */
  readonly progress: SyncWorkerProgress
  /** Resolves once the worker is connected and taking jobs. */
  waitUntilReady(): Promise<void>
  /**
   * Stops taking orders. By default it waits for the orders in flight; with `force`, it aborts
   * them (their outcome is uncertain, so they are retried — safe, every sync endpoint is an upsert).
   */
  close(options?: { readonly force?: boolean }): Promise<void>
}

/**
 * Whether a failed order is worth trying again later: an {@link ApiCallError} about the order
 * (not about credentials or configuration, which no retry fixes) that the platform called
 * retryable, or whose outcome is uncertain or that never reached the platform — resending an
 * uncertain one is safe: every sync endpoint is an upsert; or an error core could not classify,
 * thrown by something below the platform client (a token store whose Redis is unreachable), which
 * may pass. A validation, mapping or authentication error is final.
 */
function isWorthRetrying(error: OrderSyncError): boolean {
  if (ApiCallError.isInstance(error)) {
    return error.concerns === 'order' && (error.retryable || error.delivery !== 'rejected')
  }
  return error.name === 'OrderSyncError'
}

interface Waiting {
  readonly order: OrderInput
  readonly resolve: (result: OrderSyncResult) => void
  readonly reject: (error: unknown) => void
}

// Gathers the orders that are ready together into one syncOrders call, so that a platform that
// takes batches gets batches, and every shared behaviour (validation, prepare, batch splitting,
// the transport's retries and token refresh) is core's.
function createBatcher(
  platform: OrderSyncPlatformV1<unknown>,
  windowMs: number,
  signal: AbortSignal,
): (order: OrderInput) => Promise<OrderSyncResult> {
  let waiting: Waiting[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    const batch = waiting
    waiting = []
    if (batch.length === 0) return
    syncOrders({
      platform,
      orders: batch.map((entry) => entry.order),
      concurrency: 1,
      keepResults: 'none',
      signal,
      onResult: (result) => batch[result.index]?.resolve(result),
    }).catch((error: unknown) => {
      for (const entry of batch) entry.reject(error)
    })
  }
  return (order) =>
    new Promise((resolve, reject) => {
      waiting.push({ order, resolve, reject })
      if (waiting.length >= platform.maxBatchSize) flush()
      else timer ??= setTimeout(flush, windowMs)
    })
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

/**
 * Starts a worker that takes orders from `queue` and syncs them through core's `syncOrders`,
 * one BullMQ worker per platform, in this process. Run as many as you like, in as many
 * processes and hosts: the queue's guarantees hold across all of them.
 *
 * For each order the worker reads the version waiting in Redis, sends it, and records it as sent.
 * A failure is retried with the queue's backoff when it is worth retrying — an `ApiCallError`
 * about the order that the platform called retryable (busy, rate limited, 5xx), or whose outcome
 * is uncertain (timeout, dropped connection: the platform may hold the order; resending is safe
 * because every sync endpoint is an upsert) or that never reached the platform; or an error core
 * could not classify (a token store's Redis unreachable). A validation, mapping or authentication
 * error, a definite rejection, wrong credentials or configuration, and the last attempt go to the
 * dead-letter queue. If the worker dies mid-order, another takes the order over once the
 * lock (`lockMs`) runs out.
 *
 * Each completed job also returns `{ orderId, modifiedAt, status }`, which BullMQ's
 * `QueueEvents` shows to any process.
 *
 * @param queue - The queue, from {@link createSyncQueue}.
 * @param options - The platform clients, the concurrency, the timings and the callbacks.
 * @returns The worker, already running.
 * @throws `InvalidArgumentError` (`@ordersync/core`) for a client of a platform the queue does not serve, or a
 *   timing that is not a non-negative integer.
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
 *   await worker.close()
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
  const abort = new AbortController()
  const progress = { succeeded: 0, retrying: 0, dead: 0, superseded: 0 }
  const report = (event: SyncQueueResult) => {
    progress[event.status] += 1
    options.onResult?.(event)
    options.onProgress?.({ ...progress })
  }
  // The errors the processor throws itself, so that the `failed` listener leaves them alone.
  const decided = new WeakSet<Error>()

  const workers = options.platforms.map((client) => {
    const platform = client.platform
    const settings = internals.settings(platform)
    const concurrency = concurrencyOf(options, platform)
    const send = createBatcher(client, windowMs, abort.signal)

    const processor = async (job: Job<SyncJobData>, token?: string) => {
      const jobId = job.id as string
      const { orderId } = job.data
      const state = internals.stateKey(platform, orderId)
      const attempt = job.attemptsMade + 1
      const lastAttempt = attempt >= (job.opts.attempts ?? 1)
      for (;;) {
        const version: StoredVersion | undefined = await internals.scripts.claim(state, jobId)
        // Another job serves this order now, or there is nothing left to send.
        if (version === undefined) return { orderId, status: 'obsolete' }
        const modifiedAt = version.modifiedAt as Instant
        // The version was validated when it was enqueued; syncOrders validates it again.
        const result = await send(JSON.parse(version.json) as OrderInput)
        if (result.status === 'succeeded') {
          const next = await internals.scripts.commit(
            state,
            jobId,
            version,
            internals.rememberSentMs,
          )
          report({ status: 'succeeded', platform, orderId, modifiedAt, attempt, result })
          if (next === 'more') continue
          return { orderId, modifiedAt, status: 'succeeded' }
        }
        if (result.status === 'skipped' || abort.signal.aborted) {
          // The worker is closing: the order goes back to the queue without using an attempt.
          await job.moveToDelayed(Date.now(), token)
          const error = new DelayedError()
          decided.add(error)
          throw error
        }
        const failure = result.error
        if (isWorthRetrying(failure) && !lastAttempt) {
          report({ status: 'retrying', platform, orderId, modifiedAt, attempt, error: failure })
          const error = new Error(failure.message)
          decided.add(error)
          throw error
        }
        const next = await internals.scripts.abandon(
          state,
          jobId,
          version,
          internals.rememberSentMs,
        )
        if (next === 'more') {
          report({ status: 'superseded', platform, orderId, modifiedAt, attempt, error: failure })
          continue
        }
        if (next === 'obsolete') return { orderId, status: 'obsolete' }
        await job.updateData({ orderId, order: version.json, modifiedAt: version.modifiedAt })
        report({ status: 'dead', platform, orderId, modifiedAt, attempt, error: failure })
        const error = new UnrecoverableError(failure.message)
        decided.add(error)
        throw error
      }
    }

    const worker = new Worker<SyncJobData>(internals.queueName(platform), processor, {
      connection: internals.connection,
      prefix: internals.prefix,
      concurrency,
      lockDuration,
      stalledInterval,
      maxStalledCount,
      ...(settings.rateLimit === undefined
        ? {}
        : {
            limiter: { max: settings.rateLimit.max, duration: settings.rateLimit.durationMs },
          }),
    })
    worker.on('error', (error) => options.onError?.(error))
    // A job BullMQ failed for good without the processor deciding it — taken over from dead
    // workers too often, or a Redis error mid-order on the last attempt: its waiting version
    // becomes its dead letter.
    worker.on('failed', (job, error) => {
      if (job === undefined || decided.has(error) || !job.finishedOn) return
      const id = job.id as string
      internals.scripts
        .abandonPending(
          internals.stateKey(platform, job.data.orderId),
          id,
          internals.rememberSentMs,
        )
        .then(async (pending) => {
          if (pending === undefined) return
          await job.updateData({
            orderId: job.data.orderId,
            order: pending.json,
            modifiedAt: pending.modifiedAt,
          })
        })
        .catch((failure: unknown) =>
          options.onError?.(failure instanceof Error ? failure : new Error(String(failure))),
        )
    })
    return worker
  })

  return {
    get progress() {
      return { ...progress }
    },
    async waitUntilReady() {
      await Promise.all(workers.map((worker) => worker.waitUntilReady()))
    },
    async close(closeOptions = {}) {
      if (closeOptions.force === true) abort.abort(new Error('the worker was closed'))
      await Promise.all(workers.map((worker) => worker.close()))
    },
  }
}
