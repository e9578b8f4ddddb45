import type { OrderSyncError } from '../errors/order-sync-error.ts'
import type { Order } from '../order/order-types.ts'

/**
 * Something the platform cannot carry exactly: a field dropped, a status folded into a coarser
 * one, a value clipped to a documented limit. Nothing is dropped silently.
 *
 * @example
 * ```ts
 * const warning: SyncWarning = {
 *   path: ['charges', 'fees', 0],
 *   code: 'field_dropped',
 *   message: 'Youshu has no field for additional charges: "Service charge" (10.00 CNY) is not reported',
 * }
 * ```
 */
export interface SyncWarning {
  /** The canonical field concerned. */
  readonly path: readonly (string | number)[]
  /** A stable kind: `field_dropped`, `status_folded`, `value_clipped`, … */
  readonly code: string
  /** What happened, in words a user can act on. */
  readonly message: string
}

/**
 * What `prepare` makes of one canonical order.
 *
 * @example
 * ```ts
 * const prepared: PreparedOrder<{ out_order_id: string }> = {
 *   orderId: 'o-1',
 *   payload: { out_order_id: 'o-1' },
 *   warnings: [],
 * }
 * ```
 */
export interface PreparedOrder<Payload = unknown> {
  /** The canonical order id. */
  readonly orderId: string
  /** The platform payload, ready to send. */
  readonly payload: Payload
  /** What the platform cannot carry. */
  readonly warnings: readonly SyncWarning[]
}

/**
 * The outcome of one order in `doSync`.
 *
 * @example
 * ```ts
 * const outcome: DoSyncOutcome = { status: 'succeeded', platformIds: { order_id: '32434234' } }
 * const withTicket: DoSyncOutcome = {
 *   status: 'succeeded',
 *   platformIds: { out_order_id: 'xxxxx', order_id: '32434234' },
 *   platformData: { ticket: 'xxxxxxx', ticket_expire_time: '2020-12-01 00:00:00' },
 * }
 * ```
 */
export type DoSyncOutcome =
  | {
      readonly status: 'succeeded'
      /** The ids the platform gave the order, by the platform's field name. */
      readonly platformIds?: Readonly<Record<string, string>>
      /**
       * What the platform answered about the order that is not an id and that the caller needs,
       * by the platform's field name (WeChat's `ticket` and `ticket_expire_time`, which open the
       * cash register). Core passes it to the succeeded result as it is; never a secret.
       *
       * @example
       * ```ts
       * const outcome: DoSyncOutcome = { status: 'succeeded', platformData: { ticket: 'xxxxxxx' } }
       * ```
       */
      readonly platformData?: Readonly<Record<string, string>>
      /** Warnings from the platform's answer. */
      readonly warnings?: readonly SyncWarning[]
      /** Whether the platform only accepted the order for later processing (Alipay+ `A`). */
      readonly accepted?: boolean
    }
  | {
      readonly status: 'failed'
      readonly error: OrderSyncError
      /**
       * `partial` when the sync takes several calls and an earlier one was stored (WeChat's add
       * succeeded, its pay step failed; Youshu's cash-on-delivery 1110 stored, 1150 failed).
       * Otherwise core reads the delivery from the error.
       */
      readonly delivery?: 'partial'
    }

/**
 * The contract between core and a platform package, version 1. Users call `syncOrders`; the `do`
 * prefix says that `doSync` is for core.
 *
 * A breaking change adds `OrderSyncPlatformV2` beside it and core adapts V1, so a platform package
 * never has to move in lockstep with core.
 *
 * @example
 * ```ts
 * const platform: OrderSyncPlatformV1<string> = {
 *   specificationVersion: 'v1',
 *   platform: 'echo',
 *   maxBatchSize: 10,
 *   prepare: (order) => ({ orderId: order.id, payload: order.id, warnings: [] }),
 *   doSync: async (batch) => batch.map(() => ({ status: 'succeeded' })),
 * }
 * ```
 */
export interface OrderSyncPlatformV1<Payload = unknown> {
  /** The contract version. */
  readonly specificationVersion: 'v1'
  /** The platform id, e.g. `youshu`. */
  readonly platform: string
  /** The most orders one call carries (1 where the platform takes one order per call). */
  readonly maxBatchSize: number
  /**
   * Turns a valid canonical order into the platform's payload: pure and synchronous, no I/O.
   *
   * @throws an `OrderSyncError` (validation or unsupported mapping) for an order the platform cannot take.
   */
  prepare(order: Order): PreparedOrder<Payload>
  /**
   * Sends a batch (at most `maxBatchSize`) and returns one outcome per order, in order. It throws
   * when the whole batch failed; core then splits a batch rejected by a non-retryable error and
   * resends the halves, so that one bad order never sinks the others.
   */
  doSync(
    batch: readonly PreparedOrder<Payload>[],
    options: DoSyncOptions<Payload>,
  ): Promise<readonly DoSyncOutcome[]>
}

/**
 * What core hands `doSync` besides the batch. A platform passes the signal on to every transport
 * call it makes for the batch, as it must for aborts: core ties `onInDoubt` to that signal, so the
 * transport tells it of a request in doubt with no more work from the platform.
 *
 * @example
 * ```ts
 * const options: DoSyncOptions = { signal: AbortSignal.timeout(30_000), onInDoubt: () => {} }
 * ```
 */
export interface DoSyncOptions<Payload = unknown> {
  /** Aborts the sync, including a retry that is waiting. */
  readonly signal?: AbortSignal | undefined
  /**
   * Called, synchronously, whenever a request carrying the batch's orders ended without an answer
   * that settles it (a timeout after sending, a dropped connection, a retryable 5xx, an abort in
   * flight): that request may still reach the platform later. The transport calls it already for
   * calls made with `signal`; a platform that sends some other way calls it itself.
   */
  readonly onInDoubt?: (() => void) | undefined
  /**
   * What the platform holds of each order of the batch (same positions), as the version store
   * knows: the version last confirmed, when nothing was in doubt or in flight since; `undefined`
   * where the store does not know. A platform may use it to choose its call (an update endpoint
   * for an order it holds) or to skip a read, and falls back to what it does without it.
   */
  readonly holds?: readonly (PreparedOrder<Payload> | undefined)[] | undefined
}
