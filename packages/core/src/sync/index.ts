export type {
  DoSyncOptions,
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
export {
  createMemoryVersionStore,
  type MemoryVersionStoreOptions,
  type SendSettlement,
  type StoredVersion,
  type VersionClaim,
  type VersionRepair,
  type VersionStore,
} from './version-store.ts'
export { warnDroppedFields } from './warn-dropped-fields.ts'
