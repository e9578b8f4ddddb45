export type {
  DoSyncOutcome,
  OrderSyncPlatformV1,
  PreparedOrder,
  SyncWarning,
} from './platform-contract.ts'
export {
  SyncInterruptedError,
  type SyncInterruptedErrorOptions,
} from './sync-interrupted-error.ts'
export {
  type OrderSyncResult,
  type SkipReason,
  type SyncDelivery,
  type SyncOrdersOptions,
  type SyncProgress,
  type SyncReport,
  syncOrders,
} from './sync-orders.ts'
export { createSharedWork, type SharedWork, waitUnlessAborted } from './wait-unless-aborted.ts'
export { warnDroppedFields } from './warn-dropped-fields.ts'
