import { ApiCallError } from '../errors/api-call-error.ts'
import { AuthenticationError } from '../errors/authentication-error.ts'
import { InvalidArgumentError } from '../errors/invalid-argument-error.ts'
import { OrderSyncError } from '../errors/order-sync-error.ts'
import { UnsupportedMappingError } from '../errors/unsupported-mapping-error.ts'
import { ValidationError } from '../errors/validation-error.ts'
import { createRedactor } from '../ground/redact.ts'
import type { OrderInput } from '../order/order-types.ts'
import { validateOrder } from '../order/parse-order.ts'
import type {
  DoSyncOutcome,
  OrderSyncPlatformV1,
  PreparedOrder,
  SyncWarning,
} from './platform-contract.ts'
import { SyncInterruptedError } from './sync-interrupted-error.ts'
import type {
  OrderSyncResult,
  SkipReason,
  SyncDelivery,
  SyncProgress,
  SyncReport,
} from './sync-report.ts'
import { createVersionWindow } from './version-window.ts'

/**
 * Options of {@link syncOrders}.
 *
 * @example
 * ```ts
 * const options: SyncOrdersOptions<unknown> = { platform, orders, concurrency: 8, keepResults: 'failed' }
 * ```
 */
export interface SyncOrdersOptions<Payload> {
  /** The platform client. */
  readonly platform: OrderSyncPlatformV1<Payload>
  /**
   * The orders: an array or any (async) iterable, read lazily. Each is validated at run time as
   * well, for callers without types.
   */
  readonly orders: Iterable<OrderInput> | AsyncIterable<OrderInput>
  /**
   * How many batches are in flight at once.
   *
   * @default 4
   */
  readonly concurrency?: number
  /** Called after each order completes. If it throws, the run ends early ({@link SyncInterruptedError}). */
  readonly onProgress?: (progress: SyncProgress) => void
  /** Called with each order's result as it completes. If it throws, the run ends early ({@link SyncInterruptedError}). */
  readonly onResult?: (result: OrderSyncResult) => void
  /** Stops the run: nothing new is read or sent; in-flight calls are aborted. */
  readonly signal?: AbortSignal
  /**
   * Which results the report keeps. For a backfill of millions of orders use `'failed'` or
   * `'none'` and stream the rest through `onResult`, so memory stays flat.
   *
   * @default 'all'
   */
  readonly keepResults?: 'all' | 'failed' | 'none'
  /**
   * How many distinct order ids the run remembers to refuse a stale version (one older, by
   * `modifiedAt`, than a version already sent or queued). Beyond it the ids accepted longest ago
   * are forgotten, so memory stays flat in a backfill of millions; a stale version further apart
   * than that is left to the platform's own rule for older versions (see each platform's guide).
   * At the default the window holds about 15 MB of heap for ids of 15 characters.
   *
   * @default 100000
   */
  readonly versionWindow?: number
}

interface Entry<Payload> {
  readonly index: number
  readonly prepared: PreparedOrder<Payload>
  /** `modifiedAt` in epoch milliseconds, when the order has one. */
  readonly modifiedAt: number | undefined
}

/**
 * Whether an error stops the run's sends to the platform: nothing sent with these credentials or
 * settings can succeed, so the remaining orders fail with it instead of being sent.
 */
function stopsTheRun(error: OrderSyncError): boolean {
  if (AuthenticationError.isInstance(error) || InvalidArgumentError.isInstance(error)) return true
  return ApiCallError.isInstance(error) && error.concerns !== 'order'
}

/** What a failure means for the platform's copy of the order. */
function deliveryOf(error: OrderSyncError): SyncDelivery {
  if (ApiCallError.isInstance(error) || AuthenticationError.isInstance(error)) return error.delivery
  if (
    ValidationError.isInstance(error) ||
    InvalidArgumentError.isInstance(error) ||
    UnsupportedMappingError.isInstance(error)
  ) {
    return 'not_sent'
  }
  // Anything else came out of a send: the platform may have stored the order.
  return 'uncertain'
}

// Free text from outside (a thrown message) may hold phone numbers or digests: the default
// redactor's patterns take them out before the text reaches a result.
const messageRedactor = createRedactor()

/**
 * Any failure as an {@link OrderSyncError}; `sent` says the order may have reached the platform,
 * so the message says that re-syncing is safe.
 */
function asOrderSyncError(error: unknown, platform: string, sent: boolean): OrderSyncError {
  if (OrderSyncError.isInstance(error)) return error
  let reason: string
  try {
    reason = error instanceof Error ? error.message : String(error)
  } catch {
    reason = 'an error that cannot be read'
  }
  reason = messageRedactor.text(reason.length > 200 ? `${reason.slice(0, 200)}…` : reason)
  return new OrderSyncError(
    `unexpected error while syncing: ${reason}${sent ? ' — the platform may have stored the order; re-syncing it is safe, because every sync endpoint is an upsert' : ''}`,
    { platform, cause: error },
  )
}

/**
 * The error the orders after a stop fail with: of the same kind as the one that stopped the run
 * (so a caller sees one typed error), saying that they were not sent.
 */
function notSentAfter(error: OrderSyncError): OrderSyncError {
  const reason = `not sent: the run stopped sending to ${error.platform} after ${error.message.replace(/^\[ordersync\] \[[^\]]*\] /, '')}`
  if (AuthenticationError.isInstance(error)) {
    return new AuthenticationError({
      platform: error.platform,
      reason,
      delivery: 'not_sent',
      ...(error.platformCode === undefined ? {} : { platformCode: error.platformCode }),
      cause: error,
    })
  }
  if (ApiCallError.isInstance(error)) {
    return new ApiCallError({
      platform: error.platform,
      endpoint: error.endpoint,
      reason,
      retryable: error.retryable,
      concerns: error.concerns,
      delivery: 'not_sent',
      ...(error.platformCode === undefined ? {} : { platformCode: error.platformCode }),
      ...(error.httpStatus === undefined ? {} : { httpStatus: error.httpStatus }),
      cause: error,
    })
  }
  return error
}

/**
 * The value of `promise`, or `undefined` as soon as `signal` aborts (the promise is left to settle
 * on its own).
 */
function untilHalted<T>(promise: Promise<T> | T, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return Promise.resolve(undefined)
  return new Promise<T | undefined>((resolve, reject) => {
    const onAbort = (): void => resolve(undefined)
    signal.addEventListener('abort', onAbort, { once: true })
    Promise.resolve(promise).then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}

/** Whether a platform's outcome is one the contract allows. */
function isOutcome(value: unknown): value is DoSyncOutcome {
  if (typeof value !== 'object' || value === null) return false
  const { status, error } = value as { status?: unknown; error?: unknown }
  return status === 'succeeded' || (status === 'failed' && error !== undefined)
}

function readId(input: unknown): string | undefined {
  try {
    if (typeof input !== 'object' || input === null) return undefined
    const id = (input as { id?: unknown }).id
    return typeof id === 'string' ? id : undefined
  } catch {
    return undefined
  }
}

function isFunction(value: unknown): boolean {
  return typeof value === 'function'
}

function checkArguments(options: unknown): void {
  const argument = (name: string, reason: string): never => {
    throw new InvalidArgumentError({ argument: name, reason })
  }
  if (typeof options !== 'object' || options === null) {
    argument('options', `must be an object with platform and orders, got ${describe(options)}`)
  }
  const given = options as Record<string, unknown>
  const platform = given.platform as Record<string, unknown> | undefined
  if (
    typeof platform !== 'object' ||
    platform === null ||
    platform.specificationVersion !== 'v1' ||
    !isFunction(platform.prepare) ||
    !isFunction(platform.doSync)
  ) {
    argument(
      'platform',
      `must be a platform client (such as createYoushu(...)) implementing OrderSyncPlatformV1, got ${describe(platform)}`,
    )
  }
  const orders = given.orders as Record<symbol, unknown> | undefined
  if (
    typeof orders !== 'object' ||
    orders === null ||
    !(isFunction(orders[Symbol.iterator]) || isFunction(orders[Symbol.asyncIterator]))
  ) {
    argument(
      'orders',
      `must be an array or an (async) iterable of orders, got ${describe(orders)}${typeof orders === 'object' && orders !== null ? ' (wrap a single order in an array)' : ''}`,
    )
  }
  const signal = given.signal
  if (
    signal !== undefined &&
    !(typeof AbortSignal !== 'undefined' && signal instanceof AbortSignal)
  ) {
    argument('signal', `must be an AbortSignal, got ${describe(signal)}`)
  }
  for (const name of ['onProgress', 'onResult'] as const) {
    if (given[name] !== undefined && !isFunction(given[name])) {
      argument(name, `must be a function, got ${describe(given[name])}`)
    }
  }
  const keep = given.keepResults
  if (keep !== undefined && keep !== 'all' && keep !== 'failed' && keep !== 'none') {
    argument('keepResults', `must be 'all', 'failed' or 'none', got ${describe(keep)}`)
  }
  for (const name of ['concurrency', 'versionWindow'] as const) {
    const value = given[name]
    if (value !== undefined && (!Number.isSafeInteger(value) || (value as number) < 1)) {
      argument(name, `must be an integer of at least 1, got ${describe(value)}`)
    }
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return 'a string'
  if (typeof value === 'object') return 'an object'
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return typeof value
}

/**
 * Syncs orders to one platform: validates each, prepares it, batches by the platform's
 * `maxBatchSize`, runs batches with bounded concurrency, and returns one result per order.
 *
 * - **One bad order never fails the others**: an invalid order (or one whose properties throw
 *   when read) fails alone; a batch the platform rejects as a whole because of its content is
 *   split and resent until the bad orders are isolated.
 * - **Credentials and configuration fail fast**: an authentication, signature or configuration
 *   failure is never split, and it stops the run's sends to the platform; the remaining orders
 *   fail with the same error, delivery `not_sent`.
 * - **Outcomes tell the truth**: a failed result's `delivery` says whether the platform may hold
 *   the order (`uncertain`, `partial`) or certainly does not (`not_sent`, `rejected`).
 * - **Never two versions of one order in flight**: orders with the same id are sent one after
 *   another, in the order read; a version older (by `modifiedAt`) than one already sent or queued
 *   in the run is not sent (skipped, `stale_version`, with a warning).
 * - **Memory stays flat** for any number of orders from an (async) iterable: it reads at most
 *   `concurrency × maxBatchSize` orders ahead of those completed.
 * - **Abort means stop**: nothing new is read or sent; in-flight calls are aborted; the report
 *   says what was done, what failed and what was skipped.
 * - **A throwing source or callback** ends the run cleanly: nothing new is read, in-flight batches
 *   settle, and `syncOrders` rejects with a {@link SyncInterruptedError} that carries the report
 *   so far.
 *
 * @param options - The platform, the orders, the concurrency and the callbacks.
 * @returns The report.
 * @throws {@link InvalidArgumentError} naming the argument for misused arguments (no platform,
 *   orders that are not an iterable, a signal that is not an AbortSignal, a concurrency below 1).
 * @throws {@link SyncInterruptedError} when the order source, `onResult` or `onProgress` threw.
 * @example
 * ```ts
 * import { syncOrders } from '@ordersync/core'
 *
 * const report = await syncOrders({ platform: youshu, orders: readOrdersFromDatabase(), concurrency: 8 })
 * console.log(report.succeeded, report.failed, report.uncertain)
 * ```
 */
export async function syncOrders<Payload>(
  options: SyncOrdersOptions<Payload>,
): Promise<SyncReport> {
  checkArguments(options)
  const { platform, signal } = options
  const concurrency = options.concurrency ?? 4
  const keep = options.keepResults ?? 'all'
  const versionWindow = options.versionWindow ?? 100_000
  const batchSize = platform.maxBatchSize
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new InvalidArgumentError({
      platform: platform.platform,
      argument: 'platform.maxBatchSize',
      reason: `must be an integer of at least 1, got ${String(batchSize)}`,
    })
  }
  const total = Array.isArray(options.orders) ? options.orders.length : undefined
  const results: OrderSyncResult[] = []
  let read = 0
  let succeeded = 0
  let failed = 0
  let uncertain = 0
  let skipped = 0
  // Set when the source or a callback threw: the run ends early and syncOrders rejects.
  let interruption: { readonly error: unknown; readonly source: string } | undefined
  // Set by a credentials or configuration failure: nothing more is sent, and the orders after it
  // fail with `notSentError` (the same kind of error, saying they were not sent).
  let notSentError: OrderSyncError | undefined
  const stopWith = (error: OrderSyncError): void => {
    notSentError ??= notSentAfter(error)
  }
  // Aborts on the caller's signal or on an interruption, so that a read of the source that is
  // still waiting (a change stream, a slow cursor) is given up at once.
  const halt = new AbortController()
  const onAbort = (): void => halt.abort()
  if (signal?.aborted) halt.abort()
  else signal?.addEventListener('abort', onAbort, { once: true })

  const complete = (result: OrderSyncResult): void => {
    if (result.status === 'succeeded') succeeded += 1
    else if (result.status === 'failed') {
      failed += 1
      if (result.delivery === 'uncertain' || result.delivery === 'partial') uncertain += 1
    } else skipped += 1
    if (keep === 'all' || (keep === 'failed' && result.status !== 'succeeded')) results.push(result)
    if (interruption !== undefined) return
    try {
      options.onResult?.(result)
      options.onProgress?.({
        read,
        done: succeeded + failed + skipped,
        succeeded,
        failed,
        uncertain,
        skipped,
        total,
      })
    } catch (error) {
      interruption = {
        error,
        source: options.onResult === undefined ? 'onProgress' : 'onResult or onProgress',
      }
    }
  }

  // Entries that have their result, so that nothing can give one a second.
  const settled = new WeakSet<Entry<Payload>>()
  const fail = (entry: Entry<Payload>, error: OrderSyncError, delivery: SyncDelivery): void => {
    if (settled.has(entry)) return
    settled.add(entry)
    complete({
      index: entry.index,
      orderId: entry.prepared.orderId,
      status: 'failed',
      error,
      delivery,
      warnings: entry.prepared.warnings,
    })
  }

  const skip = (entry: Entry<Payload>, reason: SkipReason, extra: readonly SyncWarning[] = []) => {
    if (settled.has(entry)) return
    settled.add(entry)
    complete({
      index: entry.index,
      orderId: entry.prepared.orderId,
      status: 'skipped',
      reason,
      warnings: [...entry.prepared.warnings, ...extra],
    })
  }

  // Versions: the newest `modifiedAt` accepted per id (for the last `versionWindow` ids), the ids
  // in flight or queued, and the later versions waiting for them, in the order read.
  const newest = createVersionWindow(versionWindow)
  const busy = new Set<string>()
  const waiting = new Map<string, Entry<Payload>[]>()
  const ready: Entry<Payload>[] = []

  /** Queues an entry unless a newer version was accepted already. */
  const admit = (entry: Entry<Payload>): void => {
    const id = entry.prepared.orderId
    const modifiedAt = entry.modifiedAt
    if (modifiedAt !== undefined) {
      const known = newest.get(id)
      if (known !== undefined && modifiedAt < known) {
        skip(entry, 'stale_version', [
          {
            path: ['modifiedAt'],
            code: 'stale_version',
            message: `not sent: a newer version of order ${JSON.stringify(id.length > 64 ? `${id.slice(0, 64)}…` : id)} (modifiedAt ${new Date(known).toISOString()}) is sent in this run, and this one (${new Date(modifiedAt).toISOString()}) would overwrite it`,
          },
        ])
        return
      }
      newest.remember(id, modifiedAt)
    }
    if (busy.has(id)) {
      const queue = waiting.get(id)
      if (queue === undefined) waiting.set(id, [entry])
      else queue.push(entry)
      return
    }
    busy.add(id)
    ready.push(entry)
  }

  /**
   * After an entry completes: the next version of the same order may go. Waiting versions were
   * admitted in non-decreasing `modifiedAt` order (admit refuses older ones), so the first is next.
   */
  const release = (entry: Entry<Payload>): void => {
    const id = entry.prepared.orderId
    const queue = waiting.get(id)
    const next = queue?.shift()
    if (queue !== undefined && queue.length === 0) waiting.delete(id)
    if (next === undefined) {
      busy.delete(id)
      return
    }
    ready.push(next)
  }

  const settle = (entry: Entry<Payload>, outcome: DoSyncOutcome): void => {
    if (outcome.status === 'succeeded') {
      if (settled.has(entry)) return
      settled.add(entry)
      complete({
        index: entry.index,
        orderId: entry.prepared.orderId,
        status: 'succeeded',
        platformIds: outcome.platformIds ?? {},
        ...(outcome.platformData === undefined ? {} : { platformData: outcome.platformData }),
        warnings: [...entry.prepared.warnings, ...(outcome.warnings ?? [])],
        accepted: outcome.accepted ?? false,
      })
    } else {
      const error = asOrderSyncError(outcome.error, platform.platform, true)
      if (stopsTheRun(error)) stopWith(error)
      fail(entry, error, outcome.delivery ?? deliveryOf(error))
    }
  }

  const runBatch = async (batch: readonly Entry<Payload>[]): Promise<void> => {
    if (notSentError !== undefined) {
      for (const entry of batch) fail(entry, notSentError, 'not_sent')
      return
    }
    let outcomes: readonly DoSyncOutcome[]
    try {
      outcomes = await platform.doSync(
        batch.map((entry) => entry.prepared),
        signal === undefined ? {} : { signal },
      )
    } catch (thrown) {
      const error = asOrderSyncError(thrown, platform.platform, true)
      if (stopsTheRun(error)) {
        stopWith(error)
        for (const entry of batch) fail(entry, error, deliveryOf(error))
        return
      }
      // A whole batch rejected for good may be rejected for one order in it: split and resend
      // until the bad orders are isolated. Transient failures were already retried; splitting
      // would not help them, nor a run that was aborted.
      if (
        batch.length > 1 &&
        !signal?.aborted &&
        ApiCallError.isInstance(error) &&
        !error.retryable
      ) {
        const middle = Math.ceil(batch.length / 2)
        await runBatch(batch.slice(0, middle))
        await runBatch(batch.slice(middle))
        return
      }
      for (const entry of batch) fail(entry, error, deliveryOf(error))
      return
    }
    // The whole answer is checked before any of it is used, so that no order gets two results.
    if (
      !Array.isArray(outcomes) ||
      outcomes.length !== batch.length ||
      !outcomes.every((outcome) => isOutcome(outcome))
    ) {
      const error = new OrderSyncError(
        `the platform answered ${Array.isArray(outcomes) ? `${outcomes.length} outcomes, not all well-formed,` : 'no list of outcomes'} for a batch of ${batch.length} orders — the platform may have stored them; re-syncing is safe, because every sync endpoint is an upsert`,
        { platform: platform.platform },
      )
      for (const entry of batch) fail(entry, error, 'uncertain')
      return
    }
    outcomes.forEach((outcome, position) => {
      settle(batch[position] as Entry<Payload>, outcome)
    })
  }

  const readOne = (input: unknown, index: number): void => {
    const validation = validateOrder(input)
    if (!validation.success) {
      complete({
        index,
        orderId: readId(input),
        status: 'failed',
        error: validation.error,
        delivery: 'not_sent',
        warnings: [],
      })
      return
    }
    const order = validation.order
    let prepared: PreparedOrder<Payload>
    try {
      prepared = platform.prepare(order)
      // A platform package outside this repository may break the contract; its order then fails
      // here, named, rather than being lost later.
      if (
        typeof prepared !== 'object' ||
        prepared === null ||
        typeof prepared.orderId !== 'string' ||
        !Array.isArray(prepared.warnings)
      ) {
        throw new OrderSyncError(
          `prepare() returned ${prepared === null ? 'null' : typeof prepared === 'object' ? 'an object without a string orderId and a warnings array' : typeof prepared}; a platform's prepare must return { orderId, payload, warnings } (OrderSyncPlatformV1)`,
          { platform: platform.platform },
        )
      }
    } catch (error) {
      complete({
        index,
        orderId: order.id,
        status: 'failed',
        error: asOrderSyncError(error, platform.platform, false),
        delivery: 'not_sent',
        warnings: [],
      })
      return
    }
    const entry: Entry<Payload> = {
      index,
      prepared,
      modifiedAt: order.modifiedAt,
    }
    if (notSentError !== undefined) {
      fail(entry, notSentError, 'not_sent')
      return
    }
    admit(entry)
  }

  const orders = options.orders as Iterable<unknown> | AsyncIterable<unknown>
  const iterator: AsyncIterator<unknown> | Iterator<unknown> =
    Symbol.asyncIterator in orders
      ? (orders as AsyncIterable<unknown>)[Symbol.asyncIterator]()
      : (orders as Iterable<unknown>)[Symbol.iterator]()
  const running = new Set<Promise<void>>()
  const readAhead = concurrency * batchSize
  let exhausted = false
  // Whether a read of the source was cut short by the halt (its promise is still pending).
  let readPending = false
  const outstanding = (): number => read - (succeeded + failed + skipped)
  const stopped = (): boolean => signal?.aborted === true || interruption !== undefined

  const launch = (batch: Entry<Payload>[]): void => {
    const task: Promise<void> = runBatch(batch)
      .catch((error: unknown) => {
        // runBatch reports every failure as results; this is a bug guard, never silent, and it
        // gives a result only to the orders that have none.
        for (const entry of batch)
          fail(entry, asOrderSyncError(error, platform.platform, true), 'uncertain')
      })
      .finally(() => {
        running.delete(task)
        for (const entry of batch) release(entry)
      })
    running.add(task)
  }

  try {
    for (;;) {
      // Read until a batch is ready, the source ends, or the read-ahead bound is reached.
      while (!exhausted && !stopped() && ready.length < batchSize && outstanding() < readAhead) {
        let next: IteratorResult<unknown> | undefined
        try {
          readPending = true
          next = await untilHalted(iterator.next(), halt.signal)
          // Cut short by the halt, the read is still pending in the source.
          readPending = next === undefined
        } catch (error) {
          readPending = false
          interruption = { error, source: 'the order source' }
          halt.abort()
          break
        }
        if (next === undefined) break
        if (next.done === true) {
          exhausted = true
          break
        }
        const index = read
        read += 1
        readOne(next.value, index)
      }
      if (stopped()) break
      // The reader stops short of a full batch only at the end of the source or at the read-ahead
      // bound (later versions waiting for their turn): then a partial batch goes.
      while (ready.length > 0 && running.size < concurrency) launch(ready.splice(0, batchSize))
      // Room for another batch and orders left to read: read on rather than wait.
      if (running.size < concurrency && !exhausted && outstanding() < readAhead) continue
      if (running.size === 0) {
        if (exhausted) break
        continue
      }
      await Promise.race(running)
    }
  } finally {
    await Promise.all(running)
    // What was read and not sent: aborted, or cut short by a throwing source or callback.
    const reason: SkipReason = interruption !== undefined ? 'interrupted' : 'aborted'
    for (const entry of ready.splice(0)) skip(entry, reason)
    for (const queue of waiting.values()) for (const entry of queue) skip(entry, reason)
    waiting.clear()
    signal?.removeEventListener('abort', onAbort)
    if (!exhausted) {
      // An async generator queues return() behind a pending next(): when a read was cut short,
      // ask the source to close without waiting for it.
      const closing = Promise.resolve()
        .then(() => iterator.return?.())
        .catch(() => {
          // The source's own cleanup failed; the run's outcome stands.
        })
      if (!readPending) await closing
    }
  }
  if (keep !== 'none') results.sort((a, b) => a.index - b.index)
  const report: SyncReport = {
    results,
    read,
    succeeded,
    failed,
    uncertain,
    skipped,
    aborted: signal?.aborted === true && !exhausted,
  }
  if (interruption !== undefined) {
    throw new SyncInterruptedError({
      platform: platform.platform,
      source: interruption.source,
      report,
      cause: interruption.error,
    })
  }
  return report
}
