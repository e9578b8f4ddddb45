/**
 * `@ordersync/alipayplus`: sync orders to the Alipay+ Mini Program Platform
 * (`/v2/miniprogram/order/sync`) from ordersync's canonical order, RSA-signed.
 *
 * @packageDocumentation
 */
export {
  type AlipayPlusClient,
  type AlipayPlusResult,
  type AlipayPlusSettings,
  alipayPlusOrderSyncPath,
  createAlipayPlus,
} from './alipayplus-client.ts'
export { alipayPlusResultCodes, classifyAlipayPlusResponse } from './alipayplus-errors.ts'
export {
  type AlipayPlusLineOptions,
  type AlipayPlusOrderOptions,
  alipayPlusLineOptionsSchema,
  alipayPlusOrderOptionsSchema,
} from './alipayplus-order-options.ts'
export {
  type AlipayPlusAddress,
  type AlipayPlusAmount,
  type AlipayPlusBuyer,
  type AlipayPlusGoods,
  type AlipayPlusMerchant,
  type AlipayPlusPromoDetail,
  type AlipayPlusRefund,
  type AlipayPlusStore,
  type AlipayPlusSyncOrderRequest,
  alipayPlusCommonStatuses,
  alipayPlusDeliveryStatuses,
  alipayPlusOrderTypes,
  alipayPlusSyncOrderRequestSchema,
  alipayPlusWallets,
} from './alipayplus-order-schema.ts'
export { alipayPlusVersion } from './alipayplus-version.ts'
export { checkAlipayPlusOrderConsistency } from './check-alipayplus-order-consistency.ts'
export {
  type AlipayPlusConversionOptions,
  type AlipayPlusPreparedOrder,
  toAlipayPlusOrder,
} from './convert-to-alipayplus-order.ts'
export {
  type AlipayPlusOrderBizStatus,
  type AlipayPlusOrderType,
  mapAlipayPlusOrderType,
  mapAlipayPlusStatus,
} from './map-alipayplus-status.ts'
export {
  type AlipayPlusResponseVerificationInput,
  type AlipayPlusSignatureInput,
  alipayPlusContentToSign,
  importAlipayPlusPrivateKey,
  importAlipayPlusPublicKey,
  signAlipayPlusRequest,
  verifyAlipayPlusResponse,
} from './sign-alipayplus-request.ts'
