import type { OrderSyncError } from '../errors/order-sync-error.ts'
import type { SyncWarning } from './platform-contract.ts'

/**
 * What a failed order means for the platform's copy of it:
 * - `not_sent` — nothing was sent (invalid order, the run stopped on a credentials error first);
 * - `rejected` — the platform refused it: it does not hold this version;
 * - `uncertain` — the platform may hold it (a timeout after sending, a dropped connection, retries
 *   exhausted on 5xx, an abort in flight); re-syncing is safe, because every sync endpoint is an
 *   upsert;
 * - `partial` — a sync of several calls stopped half-way: an earlier call was stored (Youshu's
 *   cash-on-delivery 1110 before its 1150, WeChat's add before its pay step).
 *
 * @example
 * ```ts
 * const delivery: SyncDelivery = 'uncertain'
 * ```
 */
export type SyncDelivery = 'not_sent' | 'rejected' | 'uncertain' | 'partial'

/**
 * Why an order was read but not sent:
 * - `aborted` — the run's signal aborted first;
 * - `stale_version` — a version of the same order with a later `modifiedAt` was sent (or is
 *   queued) in this run, so sending this older one would overwrite newer data;
 * - `interrupted` — the run ended early because the order source, `onResult` or `onProgress`
 *   threw.
 *
 * @example
 * ```ts
 * const reason: SkipReason = 'stale_version'
 * ```
 */
export type SkipReason = 'aborted' | 'stale_version' | 'interrupted'

/**
 * The result of one order of a `syncOrders` run.
 *
 * @example
 * ```ts
 * const report = await syncOrders({ platform, orders })
 * for (const result of report.results) {
 *   if (result.status === 'failed') console.error(result.orderId, result.delivery, result.error.message)
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
      /**
       * What the platform answered that is not an id, when it answered any, by the platform's
       * field name: WeChat's `ticket` and `ticket_expire_time` (see the platform's guide).
       *
       * @example
       * ```ts
       * const report = await syncOrders({ platform, orders })
       * for (const result of report.results) {
       *   if (result.status === 'succeeded') console.log(result.orderId, result.platformData ?? {})
       * }
       * ```
       */
      readonly platformData?: Readonly<Record<string, string>>
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
      /** Whether the platform may hold the order; see {@link SyncDelivery}. */
      readonly delivery: SyncDelivery
      readonly warnings: readonly SyncWarning[]
    }
  | {
      readonly index: number
      readonly orderId: string | undefined
      /** Read but never sent; `reason` says why. */
      readonly status: 'skipped'
      readonly reason: SkipReason
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
  /** Of the failed, those the platform may hold (`uncertain` or `partial`). */
  readonly uncertain: number
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
 * console.log(`${report.succeeded} synced, ${report.failed} failed (${report.uncertain} maybe stored)`)
 * ```
 */
export interface SyncReport {
  /** One result per order in input order (only the failed and skipped ones with `keepResults: 'failed'`, none with `'none'`). */
  readonly results: readonly OrderSyncResult[]
  readonly read: number
  readonly succeeded: number
  readonly failed: number
  /**
   * Of the failed, those the platform may hold: delivery `uncertain` (a timeout after sending, a
   * dropped connection, retries exhausted) or `partial`. Re-syncing them is safe: every sync
   * endpoint is an upsert.
   */
  readonly uncertain: number
  readonly skipped: number
  /** Whether the run was aborted before reading every order. */
  readonly aborted: boolean
}
