/**
 * `@ordersync/baidu`: report orders to the Baidu smart mini program order center (百度智能小程序
 * 订单中心) — main orders with their after-sale orders, status, logistics — from ordersync's
 * canonical order.
 *
 * @packageDocumentation
 */
export type { BaiduApi, BaiduCallResult, BaiduMissingRow } from './baidu-api.ts'
export {
  type BaiduClient,
  type BaiduSettings,
  baiduEndpoints,
  baiduHost,
  createBaidu,
} from './baidu-client.ts'
export {
  type BaiduErrorCode,
  baiduGatewayErrorCodes,
  classifyBaiduResponse,
  classifyBaiduTokenResponse,
} from './baidu-errors.ts'
export {
  type BaiduLineOptions,
  type BaiduOrderOptions,
  baiduLineOptionsSchema,
  baiduOrderOptionsSchema,
} from './baidu-order-options.ts'
export {
  type BaiduAddMainInfoRequest,
  type BaiduAfterSaleStatus,
  type BaiduAppendSubInfoRequest,
  type BaiduDetailPage,
  type BaiduExpress,
  type BaiduMainOrder,
  type BaiduOrder,
  type BaiduOrderKey,
  type BaiduOrderQuery,
  type BaiduPayment,
  type BaiduPaymentSpecInfo,
  type BaiduProduct,
  type BaiduSubInfo,
  type BaiduSubStatus,
  type BaiduSubsOrder,
  type BaiduSubsOrderItem,
  type BaiduUpdateMainInfoRequest,
  type BaiduUpdateMainLogisticsRequest,
  type BaiduUpdateMainStatusRequest,
  type BaiduUpdateSubInfoRequest,
  type BaiduUpdateSubStatusRequest,
  baiduAddMainInfoRequestSchema,
  baiduAfterSaleOrderTypes,
  baiduAfterSaleStatuses,
  baiduAppendSubInfoRequestSchema,
  baiduCategoryIds,
  baiduOrderQuerySchema,
  baiduOrderSchema,
  baiduOrderStatusesByCategory,
  baiduUpdateMainInfoRequestSchema,
  baiduUpdateMainLogisticsRequestSchema,
  baiduUpdateMainStatusRequestSchema,
  baiduUpdateSubInfoRequestSchema,
  baiduUpdateSubStatusRequestSchema,
} from './baidu-order-schema.ts'
export type { BaiduResponse, BaiduResponseRow } from './baidu-response.ts'
export { baiduVersion } from './baidu-version.ts'
export {
  checkBaiduMainOrder,
  checkBaiduSubsOrder,
  checkBaiduSubsOrderItem,
} from './check-baidu-order-consistency.ts'
export {
  type BaiduConversionOptions,
  type BaiduPreparedOrder,
  toBaiduOrder,
} from './convert-to-baidu-order.ts'
export {
  type BaiduCategory,
  type BaiduStatusMapping,
  mapBaiduAfterSaleStatus,
  mapBaiduAfterSaleType,
  mapBaiduStatus,
  summarizeBaiduAfterSaleStatus,
} from './map-baidu-status.ts'
