/**
 * `@ordersync/wixtar`: upload finished orders to Wixtar Data Center
 * (`POST /v1/data_center/order/upload`, OAuth 2.0 client-credentials Bearer token) from
 * ordersync's canonical order.
 *
 * @packageDocumentation
 */
export { checkWixtarOrderConsistency } from './check-wixtar-order-consistency.ts'
export {
  toWixtarOrder,
  type WixtarConversionOptions,
  type WixtarPreparedOrder,
} from './convert-to-wixtar-order.ts'
export { mapWixtarStatus, wixtarStatusTable } from './map-wixtar-status.ts'
export {
  createWixtar,
  defaultWixtarBatchSize,
  type WixtarClient,
  type WixtarSettings,
  wixtarEndpoints,
} from './wixtar-client.ts'
export {
  classifyWixtarResponse,
  classifyWixtarTokenResponse,
  wixtarHttpStatuses,
} from './wixtar-errors.ts'
export {
  defaultWixtarAmountScale,
  formatWixtarAmount,
  fromWixtarAmount,
  toWixtarAmount,
  toWixtarMoney,
  type WixtarAmountScale,
  type WixtarAmountUnit,
  type WixtarMoney,
} from './wixtar-money.ts'
export { WixtarNotReportableError } from './wixtar-not-reportable-error.ts'
export {
  type WixtarLineOptions,
  type WixtarOrderOptions,
  wixtarLineOptionsSchema,
  wixtarOrderOptionsSchema,
} from './wixtar-order-options.ts'
export {
  type WixtarItem,
  type WixtarModifierGroup,
  type WixtarOrder,
  type WixtarOrderState,
  type WixtarRequestMoney,
  type WixtarUploadRequest,
  wixtarItemSchema,
  wixtarMoneySchema,
  wixtarOrderSchema,
  wixtarOrderStates,
  wixtarUploadRequestSchema,
} from './wixtar-order-schema.ts'
export { wixtarVersion } from './wixtar-version.ts'
