import {
  ApiCallError,
  type CallOptions,
  checkCallOptions,
  parsePlatformRequest,
  postJson,
  type Transport,
} from '@ordersync/core'
import type * as t from 'io-ts'
import type { z } from 'zod'
import {
  confirmationCompletedAnswer,
  envelopeAnswer,
  getOrderAnswer,
  getOrderListAnswer,
  isTradeManagedAnswer,
  type WechatShippingOrder,
  type WechatShippingOrderPage,
  type WechatShippingResponse,
} from './wechat-shipping-answers.ts'
import { wechatShippingEndpoints } from './wechat-shipping-endpoints.ts'
import {
  type WechatShippingAppRequest,
  type WechatShippingMsgJumpPathRequest,
  type WechatShippingNotifyConfirmReceiveRequest,
  type WechatShippingOrderListRequest,
  type WechatShippingPaymentReference,
  type WechatShippingSpecialOrderRequest,
  wechatShippingAppRequestSchema,
  wechatShippingMsgJumpPathRequestSchema,
  wechatShippingNotifyConfirmReceiveRequestSchema,
  wechatShippingOrderListRequestSchema,
  wechatShippingPaymentReferenceSchema,
  wechatShippingSpecialOrderRequestSchema,
} from './wechat-shipping-request-schema.ts'
import {
  createWechatShippingCombinedUploadSchema,
  createWechatShippingUploadSchema,
  type WechatShippingCombinedUploadRequest,
  type WechatShippingUploadRequest,
  type WechatShippingUploadRules,
} from './wechat-shipping-upload-schema.ts'

const platform = 'wechat-shipping'

/**
 * The client's `api`: one typed method per call of WeChat's order shipping management service,
 * each request checked against its schema before anything is sent (a `ValidationError` naming
 * every problem), and each answer decoded. Options come first: `null`, or a `signal` that is not
 * an `AbortSignal`, throws `InvalidArgumentError` (`@ordersync/core`) before any request or token
 * refresh starts. A non-zero `errcode` is an `ApiCallError` with WeChat's code and what to do
 * ({@link wechatShippingErrcodes}).
 *
 * @example
 * ```ts
 * const api: WechatShippingApi = createWechatShipping({ appId, appSecret, baseURL }).api
 * const { is_trade_managed } = await api.isTradeManaged()
 * is_trade_managed // true
 * ```
 */
export interface WechatShippingApi {
  /** `POST /wxa/sec/order/upload_shipping_info` (发货信息录入): one payment's shipping. */
  uploadShippingInfo(
    request: WechatShippingUploadRequest,
    options?: CallOptions,
  ): Promise<WechatShippingResponse>
  /** `POST /wxa/sec/order/upload_combined_shipping_info` (发货信息合单录入): a combined payment's. */
  uploadCombinedShippingInfo(
    request: WechatShippingCombinedUploadRequest,
    options?: CallOptions,
  ): Promise<WechatShippingResponse>
  /** `POST /wxa/sec/order/get_order` (查询订单发货状态): one payment, its state and shipping. */
  getOrder(
    request: WechatShippingPaymentReference,
    options?: CallOptions,
  ): Promise<WechatShippingOrder>
  /**
   * `POST /wxa/sec/order/get_order_list` (查询订单列表), page after page: each page is fetched
   * when the loop asks for it, with the filter and the cursor (`last_index`) of the page before,
   * until WeChat says `has_more: false`. The options and the filter are checked when it is called
   * (a throw, not a rejected iteration). A page that says `has_more` without a new cursor ends the
   * loop with an `ApiCallError`, rather than fetching the same page forever.
   *
   * @example
   * ```ts
   * const shipping = createWechatShipping({ appId, appSecret, baseURL })
   * for await (const page of shipping.api.getOrderList({ order_state: 1 })) {
   *   for (const order of page.order_list) console.log(order.transaction_id)
   * }
   * ```
   */
  getOrderList(
    request?: WechatShippingOrderListRequest,
    options?: CallOptions,
  ): AsyncIterableIterator<WechatShippingOrderPage>
  /** `POST /wxa/sec/order/notify_confirm_receive` (确认收货提醒): once per express payment; `received_time` in Unix seconds. */
  notifyConfirmReceive(
    request: WechatShippingNotifyConfirmReceiveRequest,
    options?: CallOptions,
  ): Promise<WechatShippingResponse>
  /** `POST /wxa/sec/order/set_msg_jump_path` (消息跳转路径设置): the page shipping messages open. */
  setMsgJumpPath(
    request: WechatShippingMsgJumpPathRequest,
    options?: CallOptions,
  ): Promise<WechatShippingResponse>
  /** `POST /wxa/sec/order/is_trade_managed`: whether the service is on for the mini program (the client's own `appId` by default). */
  isTradeManaged(
    request?: WechatShippingAppRequest,
    options?: CallOptions,
  ): Promise<{ readonly is_trade_managed: boolean }>
  /**
   * `POST /wxa/sec/order/is_trade_management_confirmation_completed`: whether every merchant ID
   * bound to the mini program authorized order management or was unbound (the client's own `appId`
   * by default).
   */
  isTradeManagementConfirmationCompleted(
    request?: WechatShippingAppRequest,
    options?: CallOptions,
  ): Promise<{ readonly completed: boolean }>
  /** `POST /wxa/sec/order/opspecialorder` (特殊发货报备): a pre-sale or test payment. */
  opSpecialOrder(
    request: WechatShippingSpecialOrderRequest,
    options?: CallOptions,
  ): Promise<WechatShippingResponse>
}

/** One call: the body sent as the caller wrote it (the parsed copy would reorder keys), decoded. */
async function call<T>(
  transport: Transport,
  endpoint: string,
  request: unknown,
  decode: t.Decoder<unknown, T>,
  signal: AbortSignal | undefined,
  carriesOrder: boolean,
): Promise<T> {
  const { data } = await postJson(transport, {
    endpoint,
    json: request,
    decode,
    signal,
    carriesOrder,
  })
  return data
}

const toResponse = (answer: t.TypeOf<typeof envelopeAnswer>): WechatShippingResponse => ({
  errcode: answer.errcode,
  errmsg: answer.errmsg ?? '',
})

/** Options checked, then the request against its schema, in that order: nothing starts before. */
function check<Request>(
  schema: z.ZodType<Request>,
  request: unknown,
  options: unknown,
  call: string,
): { readonly signal: AbortSignal | undefined } {
  const checked = checkCallOptions(options, platform)
  parsePlatformRequest(schema, request, { platform, subject: `WeChat ${call} request` })
  return checked
}

/** The pages of get_order_list, fetched as the loop asks. */
async function* orderPages(
  transport: Transport,
  filter: WechatShippingOrderListRequest,
  signal: AbortSignal | undefined,
): AsyncGenerator<WechatShippingOrderPage, void, undefined> {
  let cursor = filter.last_index
  for (;;) {
    const request = cursor === undefined ? filter : { ...filter, last_index: cursor }
    const endpoint = wechatShippingEndpoints.getOrderList
    const answer = await call(transport, endpoint, request, getOrderListAnswer, signal, false)
    const page: WechatShippingOrderPage = {
      order_list: answer.order_list ?? [],
      has_more: answer.has_more ?? false,
      ...(answer.last_index === undefined ? {} : { last_index: answer.last_index }),
    }
    yield page
    if (!page.has_more) return
    if (page.last_index === undefined || page.last_index === '' || page.last_index === cursor) {
      throw new ApiCallError({
        platform,
        endpoint,
        reason: `has_more is true but last_index ${page.last_index === undefined ? 'is missing' : 'did not move on'}: the list cannot go on without fetching the same page again`,
        retryable: false,
        delivery: 'not_sent',
      })
    }
    cursor = page.last_index
  }
}

/**
 * The client's `api` over its transport.
 *
 * @param transport - The client's transport.
 * @param appId - The mini program's AppID: the default `appid` of the two trade-management checks.
 * @param rules - The parcel limit and the carriers that need a contact, for the upload schemas.
 * @returns The api.
 * @example
 * ```ts
 * // type-checked only: createWechatShipping makes it over its transport
 * declare const transport: Transport
 * const api = createWechatShippingApi(transport, 'wx1234567890abcdef', { maxParcels: 15, contactCarriers: ['SF'] })
 * ```
 */
export function createWechatShippingApi(
  transport: Transport,
  appId: string,
  rules: WechatShippingUploadRules,
): WechatShippingApi {
  const uploadSchema = createWechatShippingUploadSchema(rules)
  const combinedSchema = createWechatShippingCombinedUploadSchema(rules)
  const endpoints = wechatShippingEndpoints
  return {
    async uploadShippingInfo(request, options) {
      const { signal } = check(uploadSchema, request, options, 'upload_shipping_info')
      const answer = await call(
        transport,
        endpoints.uploadShippingInfo,
        request,
        envelopeAnswer,
        signal,
        true,
      )
      return toResponse(answer)
    },
    async uploadCombinedShippingInfo(request, options) {
      const { signal } = check(combinedSchema, request, options, 'upload_combined_shipping_info')
      const endpoint = endpoints.uploadCombinedShippingInfo
      return toResponse(await call(transport, endpoint, request, envelopeAnswer, signal, true))
    },
    async getOrder(request, options) {
      const { signal } = check(wechatShippingPaymentReferenceSchema, request, options, 'get_order')
      const answer = await call(
        transport,
        endpoints.getOrder,
        request,
        getOrderAnswer,
        signal,
        false,
      )
      return answer.order
    },
    getOrderList(request = {}, options) {
      const { signal } = check(
        wechatShippingOrderListRequestSchema,
        request,
        options,
        'get_order_list',
      )
      return orderPages(transport, request, signal)
    },
    async notifyConfirmReceive(request, options) {
      const schema = wechatShippingNotifyConfirmReceiveRequestSchema
      const { signal } = check(schema, request, options, 'notify_confirm_receive')
      const endpoint = endpoints.notifyConfirmReceive
      return toResponse(await call(transport, endpoint, request, envelopeAnswer, signal, true))
    },
    async setMsgJumpPath(request, options) {
      const schema = wechatShippingMsgJumpPathRequestSchema
      const { signal } = check(schema, request, options, 'set_msg_jump_path')
      const endpoint = endpoints.setMsgJumpPath
      return toResponse(await call(transport, endpoint, request, envelopeAnswer, signal, true))
    },
    async isTradeManaged(request = { appid: appId }, options) {
      const { signal } = check(wechatShippingAppRequestSchema, request, options, 'is_trade_managed')
      const endpoint = endpoints.isTradeManaged
      const answer = await call(transport, endpoint, request, isTradeManagedAnswer, signal, false)
      return { is_trade_managed: answer.is_trade_managed }
    },
    async isTradeManagementConfirmationCompleted(request = { appid: appId }, options) {
      const name = 'is_trade_management_confirmation_completed'
      const { signal } = check(wechatShippingAppRequestSchema, request, options, name)
      const endpoint = endpoints.isTradeManagementConfirmationCompleted
      const answer = await call(
        transport,
        endpoint,
        request,
        confirmationCompletedAnswer,
        signal,
        false,
      )
      return { completed: answer.completed }
    },
    async opSpecialOrder(request, options) {
      const schema = wechatShippingSpecialOrderRequestSchema
      const { signal } = check(schema, request, options, 'opspecialorder')
      const endpoint = endpoints.opSpecialOrder
      return toResponse(await call(transport, endpoint, request, envelopeAnswer, signal, true))
    },
  }
}
