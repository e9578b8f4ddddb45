import { ApiCallError } from '../errors/api-call-error.ts'
import { InvalidArgumentError } from '../errors/invalid-argument-error.ts'
import { OrderSyncError } from '../errors/order-sync-error.ts'
import { validateOrder } from '../order/parse-order.ts'
import type {
  DoSyncOutcome,
  OrderSyncPlatformV1,
  PreparedOrder,
  SyncWarning,
} from './platform-contract.ts'

/**
 * The result of one order of a `syncOrders` run.
 *
 * @example
 * ```ts
 * const report = await syncOrders({ platform, orders })
 * for (const result of report.results) {
 *   if (result.status === 'failed') console.error(result.orderId, result.error.message)
 * }
 * ```
 */
export type OrderSyncResult =
  | {
      /** The order's position in the input, from 0. */
      readonly index: number
      readonly orderId: string
      readonly status: 'succeeded'
      /** The ids the platform gave the order. */
      readonly platformIds: Readonly<Record<string, string>>
      /** What the platform could not carry, and what its answer warned about. */
      readonly warnings: readonly SyncWarning[]
      /** Whether the platform only accepted the order for later processing. */
      readonly accepted: boolean
    }
  | {
      readonly index: number
      /** The order's id, when it had a readable one. */
      readonly orderId: string | undefined
      readonly status: 'failed'
      /** Why: a `ValidationError`, an `UnsupportedMappingError`, an `ApiCallError`, an `AuthenticationError`. */
      readonly error: OrderSyncError
      readonly warnings: readonly SyncWarning[]
    }
  | {
      readonly index: number
      readonly orderId: string | undefined
      /** Read but never sent, because the run was aborted. */
      readonly status: 'skipped'
      readonly warnings: readonly SyncWarning[]
    }

/**
 * Where a run stands, after each order completes.
 *
 * @example
 * ```ts
 * await syncOrders({ platform, orders, onProgress: (progress) => console.log(`${progress.done}/${progress.total ?? '?'}`) })
 * ```
 */
export interface SyncProgress {
  /** Orders read from the input so far. */
  readonly read: number
  /** Orders with a result. */
  readonly done: number
  readonly succeeded: number
  readonly failed: number
  readonly skipped: number
  /** The number of orders, when the input is an array. */
  readonly total: number | undefined
}

/**
 * What `syncOrders` returns.
 *
 * @example
 * ```ts
 * const report = await syncOrders({ platform, orders })
 * console.log(`${report.succeeded} synced, ${report.failed} failed`)
 * ```
 */
export interface SyncReport {
  /** One result per order in input order (only the failed ones with `keepResults: 'failed'`, none with `'none'`). */
  readonly results: readonly OrderSyncResult[]
  readonly read: number
  readonly succeeded: number
  readonly failed: number
  readonly skipped: number
  /** Whether the run was aborted before reading every order. */
  readonly aborted: boolean
}

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
  /** The orders, as `OrderInput`s: an array or any (async) iterable, read lazily. */
  readonly orders: Iterable<unknown> | AsyncIterable<unknown>
  /**
   * How many batches are in flight at once.
   *
   * @default 4
   */
  readonly concurrency?: number
  /** Called after each order completes. */
  readonly onProgress?: (progress: SyncProgress) => void
  /** Called with each order's result as it completes. */
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
}

interface Entry<Payload> {
  readonly index: number
  readonly prepared: PreparedOrder<Payload>
}

function asOrderSyncError(error: unknown, platform: string): OrderSyncError {
  if (OrderSyncError.isInstance(error)) return error
  return new OrderSyncError(
    `unexpected error while syncing: ${error instanceof Error ? error.message : String(error)}`,
    { platform, cause: error },
  )
}

function readId(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined
  const id = (input as { id?: unknown }).id
  return typeof id === 'string' ? id : undefined
}

/**
 * Syncs orders to one platform: validates each, prepares it, batches by the platform's
 * `maxBatchSize`, runs batches with bounded concurrency, and returns one result per order.
 *
 * - One bad order never fails the others: a validation error fails that order only; a batch the
 *   platform rejects as a whole with a non-retryable error is split and resent until the bad
 *   orders are isolated.
 * - Memory stays flat for any number of orders from an (async) iterable: it reads at most
 *   `concurrency × maxBatchSize` orders ahead of those completed.
 * - An abort stops reading and sending; the report says what was done, what failed (in flight
 *   when aborted: the platform may or may not have stored it) and what was skipped.
 *
 * @param options - The platform, the orders, the concurrency and the callbacks.
 * @returns The report.
 * @throws {@link InvalidArgumentError} for a concurrency below 1 or a platform whose `maxBatchSize` is below 1.
 * @example
 * ```ts
 * import { syncOrders } from '@ordersync/core'
 *
 * const report = await syncOrders({ platform: youshu, orders: readOrdersFromDatabase(), concurrency: 8 })
 * console.log(report.succeeded, report.failed)
 * ```
 */
export async function syncOrders<Payload>(
  options: SyncOrdersOptions<Payload>,
): Promise<SyncReport> {
  const { platform, signal } = options
  const concurrency = options.concurrency ?? 4
  const keep = options.keepResults ?? 'all'
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
    throw new InvalidArgumentError({
      argument: 'concurrency',
      reason: `must be an integer of at least 1, got ${String(concurrency)}`,
    })
  }
  if (!Number.isSafeInteger(platform.maxBatchSize) || platform.maxBatchSize < 1) {
    throw new InvalidArgumentError({
      platform: platform.platform,
      argument: 'platform.maxBatchSize',
      reason: `must be an integer of at least 1, got ${String(platform.maxBatchSize)}`,
    })
  }
  const total = Array.isArray(options.orders) ? options.orders.length : undefined
  const results: OrderSyncResult[] = []
  let read = 0
  let succeeded = 0
  let failed = 0
  let skipped = 0

  const complete = (result: OrderSyncResult): void => {
    if (result.status === 'succeeded') succeeded += 1
    else if (result.status === 'failed') failed += 1
    else skipped += 1
    if (keep === 'all' || (keep === 'failed' && result.status !== 'succeeded')) results.push(result)
    options.onResult?.(result)
    options.onProgress?.({
      read,
      done: succeeded + failed + skipped,
      succeeded,
      failed,
      skipped,
      total,
    })
  }

  const failAll = (batch: readonly Entry<Payload>[], error: OrderSyncError): void => {
    for (const entry of batch) {
      complete({
        index: entry.index,
        orderId: entry.prepared.orderId,
        status: 'failed',
        error,
        warnings: entry.prepared.warnings,
      })
    }
  }

  const runBatch = async (batch: readonly Entry<Payload>[]): Promise<void> => {
    let outcomes: readonly DoSyncOutcome[]
    try {
      outcomes = await platform.doSync(
        batch.map((entry) => entry.prepared),
        signal === undefined ? {} : { signal },
      )
    } catch (thrown) {
      if (signal?.aborted) {
        failAll(
          batch,
          new OrderSyncError(
            'the run was aborted while this order was being sent; the platform may or may not have stored it',
            {
              platform: platform.platform,
              cause: thrown,
            },
          ),
        )
        return
      }
      const error = asOrderSyncError(thrown, platform.platform)
      // A whole batch rejected for good may be rejected for one order in it: split and resend
      // until the bad orders are isolated. Transient failures were already retried; splitting
      // would not help them.
      if (batch.length > 1 && ApiCallError.isInstance(error) && !error.retryable) {
        const middle = Math.ceil(batch.length / 2)
        await runBatch(batch.slice(0, middle))
        await runBatch(batch.slice(middle))
        return
      }
      failAll(batch, error)
      return
    }
    if (outcomes.length !== batch.length) {
      failAll(
        batch,
        new OrderSyncError(
          `the platform answered ${outcomes.length} outcomes for a batch of ${batch.length} orders`,
          {
            platform: platform.platform,
          },
        ),
      )
      return
    }
    outcomes.forEach((outcome, position) => {
      const entry = batch[position] as Entry<Payload>
      const warnings = entry.prepared.warnings
      if (outcome.status === 'succeeded') {
        complete({
          index: entry.index,
          orderId: entry.prepared.orderId,
          status: 'succeeded',
          platformIds: outcome.platformIds ?? {},
          warnings: [...warnings, ...(outcome.warnings ?? [])],
          accepted: outcome.accepted ?? false,
        })
      } else {
        complete({
          index: entry.index,
          orderId: entry.prepared.orderId,
          status: 'failed',
          error: outcome.error,
          warnings,
        })
      }
    })
  }

  const iterator: AsyncIterator<unknown> | Iterator<unknown> =
    Symbol.asyncIterator in options.orders
      ? (options.orders as AsyncIterable<unknown>)[Symbol.asyncIterator]()
      : (options.orders as Iterable<unknown>)[Symbol.iterator]()
  const running = new Set<Promise<void>>()
  let exhausted = false
  try {
    while (!exhausted && !signal?.aborted) {
      const batch: Entry<Payload>[] = []
      while (batch.length < platform.maxBatchSize && !signal?.aborted) {
        const next = await iterator.next()
        if (next.done === true) {
          exhausted = true
          break
        }
        const index = read
        read += 1
        const validation = validateOrder(next.value)
        if (!validation.success) {
          complete({
            index,
            orderId: readId(next.value),
            status: 'failed',
            error: validation.error,
            warnings: [],
          })
          continue
        }
        try {
          batch.push({ index, prepared: platform.prepare(validation.order) })
        } catch (error) {
          complete({
            index,
            orderId: validation.order.id,
            status: 'failed',
            error: asOrderSyncError(error, platform.platform),
            warnings: [],
          })
        }
      }
      if (signal?.aborted) {
        for (const entry of batch) {
          complete({
            index: entry.index,
            orderId: entry.prepared.orderId,
            status: 'skipped',
            warnings: entry.prepared.warnings,
          })
        }
        break
      }
      if (batch.length === 0) continue
      const task: Promise<void> = runBatch(batch).finally(() => running.delete(task))
      running.add(task)
      if (running.size >= concurrency) await Promise.race(running)
    }
  } finally {
    await Promise.all(running)
    if (!exhausted) await iterator.return?.()
  }
  if (keep !== 'none') results.sort((a, b) => a.index - b.index)
  return {
    results,
    read,
    succeeded,
    failed,
    skipped,
    aborted: signal?.aborted === true && !exhausted,
  }
}
