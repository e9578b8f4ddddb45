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
export { type SyncOrdersOptions, syncOrders } from './sync-orders.ts'
export type {
  OrderSyncResult,
  SkipReason,
  SyncDelivery,
  SyncProgress,
  SyncReport,
} from './sync-report.ts'
export { warnDroppedFields } from './warn-dropped-fields.ts'
