export type {
  DoSyncOutcome,
  OrderSyncPlatformV1,
  PreparedOrder,
  SyncWarning,
} from './platform-contract.ts'
export {
  type OrderSyncResult,
  type SyncOrdersOptions,
  type SyncProgress,
  type SyncReport,
  syncOrders,
} from './sync-orders.ts'
export { waitUnlessAborted } from './wait-unless-aborted.ts'
export { warnDroppedFields } from './warn-dropped-fields.ts'
