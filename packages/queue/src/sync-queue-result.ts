import type { Instant, OrderSyncError, OrderSyncResult } from '@ordersync/core'

/**
 * One order's outcome in a worker, as it happens:
 * - `succeeded` — the platform stored this version, and no earlier request of the order can land
 *   after it (a version confirmed while a request may still land is sent again after
 *   `lateArrivalMs` and reported once, when that send is confirmed);
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
