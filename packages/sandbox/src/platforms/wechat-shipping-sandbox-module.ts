import type {
  SandboxContext,
  SandboxPlatformModule,
  SandboxRequest,
  SandboxResponse,
  SandboxRoute,
} from '../sandbox-types.ts'
import { isObject, type JsonObject } from './json-checks.ts'
import {
  type CheckedOrderKey,
  checkModes,
  checkOrderKey,
  checkPayer,
  checkShipment,
  checkUploadTime,
  optionalInteger,
  optionalObject,
  optionalString,
  refuse,
  type WechatShippingCheckRules,
  WechatShippingRefusal,
} from './wechat-shipping-checks.ts'
import {
  addPayment,
  applyShipping,
  findByKey,
  findByOrderKey,
  movePayment,
  type PaymentBook,
  type PaymentRecord,
  planShipping,
  storeUpload,
  viewOrder,
  viewPayment,
  type WechatShippingSandboxControl,
  type WechatShippingStateRules,
} from './wechat-shipping-payments.ts'
import {
  createWechatTokenAuthority,
  resolveWechatTokenAuthority,
  type WechatTokenAuthority,
} from './wechat-token-authority.ts'

// The WeChat mini program order shipping management service (小程序发货信息管理服务), written from
// WeChat's documents alone (it does not import @ordersync/wechat-shipping): the service page
// (https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/order-shipping/order-shipping.html)
// and its server API pages under
// https://developers.weixin.qq.com/miniprogram/dev/server/API/order_shipping/ (api_uploadshippinginfo,
// api_uploadcombinedshippinginfo, api_getorder, api_getorderlist, api_notifyconfirmreceive,
// api_setmsgjumppath, api_istrademanaged, api_istrademanagementconfirmationcompleted,
// api_opspecialorder); the carrier list "获取运力id列表"
// (https://developers.weixin.qq.com/miniprogram/dev/server/API/weixin-express/express-msg/api_get_delivery_list.html);
// and the order center's detail path
// (https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/order_center/order_center.html).

/**
 * Every errcode the order shipping module answers besides 0, named; the errmsg is WeChat's text
 * for the code. Codes WeChat answers for a busy or failing system (`-1`, `10060012`, `10060019`)
 * and its rate limit (`44990`) are never answered on their own: inject them with
 * `control.injectFault`. `invalidAccessToken` (40014) is listed for clients: the module answers
 * 40001 for any token it does not know.
 *
 * @example
 * ```ts
 * wechatShippingSandboxErrcodes.reshipmentUsed // 10060003: the one re-shipment was used
 * ```
 */
export const wechatShippingSandboxErrcodes = {
  /** -1 "system error": busy, try later (inject it). */
  systemError: -1,
  /** 40001 "invalid credential": an unknown, replaced or invalidated access_token. */
  invalidCredential: 40001,
  /** 40013 "invalid appid": `is_trade_managed` and its sibling asked about another app. */
  invalidAppId: 40013,
  /** 40014 "invalid access_token": WeChat's, never answered by the sandbox (it answers 40001). */
  invalidAccessToken: 40014,
  /** 40097 "invalid args": `appid` missing. */
  appIdMissing: 40097,
  /** 41001 "access_token missing". */
  accessTokenMissing: 41001,
  /** 42001 "access_token expired". */
  accessTokenExpired: 42001,
  /** 43002 "require POST method". */
  requirePost: 43002,
  /** 44002 "empty post data". */
  emptyBody: 44002,
  /** 44990 rate limit of `is_trade_managed` (inject it). */
  rateLimited: 44990,
  /** 47001 "data format error": not a JSON object, or a field of the wrong JSON type. */
  dataFormatError: 47001,
  /** 10060001 支付单不存在: no such payment, or not yet visible (`paymentVisibleAfterMs`). */
  paymentNotFound: 10060001,
  /** 10060002 支付单已完成发货，无法继续发货: a partial split upload after complete shipping. */
  alreadyShipped: 10060002,
  /** 10060003 支付单已使用重新发货机会: a second re-shipment. */
  reshipmentUsed: 10060003,
  /** 10060004 支付单处于不可发货的状态: receipt confirmed, settled or refunded. */
  notShippable: 10060004,
  /** 10060005 物流类型有误: `logistics_type` not 1–4. */
  invalidLogisticsType: 10060005,
  /** 10060006 非快递发货时不允许分拆发货: split mode with `logistics_type` other than 1. */
  splitNeedsExpress: 10060006,
  /** 10060007: split mode without a boolean `is_all_delivered`. */
  isAllDeliveredMissing: 10060007,
  /** 10060008: an empty `item_desc`. */
  itemDescEmpty: 10060008,
  /** 10060009: an `item_desc` over 120 characters. */
  itemDescTooLong: 10060009,
  /** 10060011 last_index不合法: a cursor `get_order_list` did not give. */
  invalidLastIndex: 10060011,
  /** 10060012 系统错误 (inject it). */
  shippingSystemError: 10060012,
  /** 10060013 子单单号重复: one sub-order twice in `sub_orders`. */
  duplicateSubOrder: 10060013,
  /** 10060014 请求参数非法: a missing or out-of-range parameter that has no code of its own. */
  invalidParameter: 10060014,
  /** 10060019 系统错误 (inject it). */
  uploadSystemError: 10060019,
  /** 10060020: completing a payment whose parcels have only blank descriptions. */
  noItemDescription: 10060020,
  /** 10060023 发货信息未更新: the upload changes nothing (a client may take it as done). */
  notUpdated: 10060023,
  /** 10060024 物流信息列表太长: more parcels than `maxParcels`. */
  shippingListTooLong: 10060024,
  /** 10060025: an `express_company` over 128 bytes. */
  expressCompanyTooLong: 10060025,
  /** 10060026: a `tracking_no` over 128 bytes. */
  trackingNoTooLong: 10060026,
  /** 10060028 支付单不是已发货状态: a receipt reminder before shipping. */
  notShipped: 10060028,
  /** 10060029 签收时间非法: `received_time` not after shipping, or in the future (milliseconds). */
  invalidReceivedTime: 10060029,
  /** 10060030 支付单已使用提醒收货机会: a second receipt reminder. */
  reminderUsed: 10060030,
  /** 10060031: the payment is not `payer.openid`'s. */
  notPayer: 10060031,
  /** 10060032: a receipt reminder for anything but express. */
  reminderNeedsExpress: 10060032,
  /** 10060035 无效的路径: an order-center detail path without `${商品订单号}`. */
  invalidPath: 10060035,
  /** 268485194: `order_number_type` not 1 or 2. */
  invalidOrderNumberType: 268485194,
  /** 268485195: `order_number_type` 2 without `transaction_id`. */
  transactionIdMissing: 268485195,
  /** 268485196: `order_number_type` 1 without `mchid`. */
  mchidMissing: 268485196,
  /** 268485197: `order_number_type` 1 without `out_trade_no`. */
  outTradeNoMissing: 268485197,
  /** 268485216: `upload_time` not RFC 3339 with its offset. */
  invalidUploadTime: 268485216,
  /** 268485224: `delivery_mode` not 1 or 2. */
  invalidDeliveryMode: 268485224,
  /** 268485226: express without `tracking_no`. */
  trackingNoMissing: 268485226,
  /** 268485227: express without `express_company`. */
  expressCompanyMissing: 268485227,
  /** 268485228: unified mode with a `shipping_list` of other than 1 parcel. */
  unifiedNeedsOneParcel: 268485228,
  /** 268485253: a sub-order's `order_number_type` other than the combined payment's. */
  subOrderTypeMismatch: 268485253,
  /** 268546000 type非法: `opspecialorder` type not 1 or 2. */
  invalidSpecialType: 268546000,
  /** 268546001 delay_to非法: missing for a pre-sale, or not 15–330 days after payment. */
  invalidDelayTo: 268546001,
  /** 268546002 账户不存在这个待发货单号: no unshipped payment of that `order_id`. */
  noUnshippedOrder: 268546002,
} as const

/**
 * The errcodes that mean "the access token is bad": refresh it once and replay the call (WxJava's
 * list for the WeChat APIs: 40001, 40014, 42001).
 *
 * @example
 * ```ts
 * const errcode = 42001 // a call's answer: access_token expired
 * wechatShippingSandboxTokenErrcodes.includes(errcode) // true — refresh the token, replay once
 * ```
 */
export const wechatShippingSandboxTokenErrcodes: readonly number[] = [40001, 40014, 42001]

/**
 * The errcodes worth retrying with back-off: a busy or failing system (-1, 10060012, 10060019)
 * and the rate limit of `is_trade_managed` (44990). 10060001 is worth a few retries only within
 * minutes of payment (the payment is not indexed yet), and is not listed.
 *
 * @example
 * ```ts
 * wechatShippingSandboxRetryableErrcodes.includes(-1) // true
 * ```
 */
export const wechatShippingSandboxRetryableErrcodes: readonly number[] = [
  -1, 10060012, 10060019, 44990,
]

// WeChat's errmsg of each code (the live text carries a trace id: " rid: …").
const errmsgs: Readonly<Record<number, string>> = {
  [-1]: 'system error',
  40013: 'invalid appid',
  40097: 'invalid args',
  43002: 'require POST method',
  44002: 'empty post data',
  47001: 'data format error',
  10060001: '支付单不存在',
  10060002: '支付单已完成发货，无法继续发货',
  10060003: '支付单已使用重新发货机会',
  10060004: '支付单处于不可发货的状态',
  10060005: '物流类型有误',
  10060006: '非快递发货时不允许分拆发货',
  10060007: '分拆发货模式下必须填写 is_all_delivered 字段',
  10060008: '商品描述 item_desc 字段不能为空',
  10060009: '商品描述 item_desc 字段太长',
  10060011: 'last_index不合法',
  10060013: '子单单号重复',
  10060014: '请求参数非法',
  10060020: '该笔支付单在没有任何商品描述的情况下不允许完成发货',
  10060023: '发货信息未更新',
  10060024: '物流信息列表太长',
  10060025: '物流公司编码太长',
  10060026: '物流单号太长',
  10060028: '支付单不是已发货状态',
  10060029: '签收时间非法',
  10060030: '支付单已使用提醒收货机会',
  10060031: '该笔支付单不属于 openid 所指定的用户',
  10060032: '只有物流快递发货时允许提醒用户确认收货',
  10060035: '无效的路径',
  268485194: '订单单号类型非法',
  268485195: '微信支付单号形式下 transaction_id 字段不能为空',
  268485196: '商户侧单号形式下 mchid 字段不能为空',
  268485197: '商户侧单号形式下 out_trade_no 字段不能为空',
  268485216: '上传时间非法，请按照 RFC 3339 格式填写',
  268485224: '发货模式非法',
  268485226: '物流单号不能为空',
  268485227: '物流公司编码不能为空',
  268485228: '统一发货模式下，物流信息列表长度必须为 1',
  268485253: '主单的订单单号类型与子单的单号类型不一致',
  268546000: 'type非法',
  268546001: 'delay_to非法',
  268546002: '账户不存在这个待发货单号',
}

/**
 * What the order shipping module accepts: the mini program's `appId` and `appSecret` (its token
 * authority's, shared with the `wechat` module in `createDefaultSandboxModules()`).
 *
 * @example
 * ```ts
 * const { appId, appSecret } = sandbox.credentials['wechat-shipping']
 * ```
 */
export type WechatShippingSandboxCredentials = {
  readonly appId: string
  readonly appSecret: string
}

/**
 * A carrier of `get_delivery_list`.
 *
 * @example
 * ```ts
 * const yunda: WechatShippingSandboxCarrier = { delivery_id: 'YD', delivery_name: '韵达速递' }
 * ```
 */
export type WechatShippingSandboxCarrier = {
  readonly delivery_id: string
  readonly delivery_name: string
}

/**
 * Options of {@link createWechatShippingSandboxModule}. Where WeChat's documents leave a rule
 * open, an option holds it, its default the sandbox's reading.
 *
 * @example
 * ```ts
 * createWechatShippingSandboxModule({ maxParcels: 10, paymentVisibleAfterMs: 60_000 })
 * ```
 */
export interface WechatShippingSandboxOptions {
  /**
   * The token authority, shared with the `wechat` module so that each accepts the other's tokens
   * (then `tokenLifetimeSeconds` is the authority's option, not this one's).
   *
   * @default a new createWechatTokenAuthority() of its own
   */
  readonly tokenAuthority?: WechatTokenAuthority
  /**
   * The lifetime of a new token, seconds, when the module makes its own authority.
   *
   * @default 7200
   */
  readonly tokenLifetimeSeconds?: number
  /**
   * How long after payment a payment stays unknown (10060001) to every call: WeChat indexes a
   * payment up to about a minute after it is paid (community staff). 0 so tests are not slowed.
   *
   * @default 0
   */
  readonly paymentVisibleAfterMs?: number
  /**
   * Whether an upload naming an unknown payment creates it, paid now by the upload's
   * `payer.openid` (the sandbox has no pay flow); false answers 10060001 for any payment not
   * registered with `control.registerPayment`.
   *
   * @default true
   */
  readonly createPaymentsOnUpload?: boolean
  /**
   * The merchant id of payments created without one (an upload by `transaction_id`, or
   * `registerPayment` without `mchid`).
   *
   * @default '1900000109'
   */
  readonly defaultMchid?: string
  /**
   * The most parcels in a split upload's `shipping_list` (more: 10060024). The current pages say
   * 15; older copies and the SDKs made from them say 10, which a client can keep to with 10 here.
   *
   * @default 15
   */
  readonly maxParcels?: number
  /**
   * What a split upload that continues a split shipping does with the parcels on record, which
   * WeChat does not document: `'merge'` replaces a parcel of the same carrier and waybill and
   * adds the others (right for a client that resends every parcel and for one that sends only new
   * ones), `'append'` adds every parcel, `'replace'` keeps only the upload's. A re-shipment
   * always replaces.
   *
   * @default 'merge'
   */
  readonly splitUploads?: 'merge' | 'append' | 'replace'
  /**
   * The `order_state` a split upload with `is_all_delivered: false` leaves, which WeChat does
   * not document: 1 (待发货, shipping not complete) or 2 (已发货).
   *
   * @default 1
   */
  readonly partialSplitState?: 1 | 2
  /**
   * Whether `is_all_delivered` in unified mode is refused (10060014); WeChat does not say, and
   * live unified uploads with it (`true` or `null`) got past the checks, so it is ignored.
   *
   * @default 'ignore'
   */
  readonly unifiedIsAllDelivered?: 'ignore' | 'reject'
  /**
   * The errcode of an update whose `upload_time` is not later than the last upload's, which
   * WeChat requires without naming a code: 10060023 (发货信息未更新), which a client may take as
   * "already recorded".
   *
   * @default 10060023
   */
  readonly staleUploadTimeErrcode?: number
  /**
   * The `express_company` ids of SF Express, whose parcels need `contact` (a masked phone).
   * WeChat says "顺丰" without giving its id; `SF` is its id in WeChat's older carrier list.
   *
   * @default ['SF']
   */
  readonly sfExpressCompanies?: readonly string[]
  /**
   * The errcode of a missing SF `contact`, or of a phone in it that is not masked with its last
   * four digits shown; WeChat names none.
   *
   * @default 10060014
   */
  readonly contactErrcode?: number
  /**
   * What `get_delivery_list` answers: WeChat's list has some 1400 carriers; the default holds
   * the ids seen in the service's documents and examples.
   *
   * @default SF, STO, YTO, ZTO, YD, JTSD, JDKY, ANE, DHL, BDT, (AU)
   */
  readonly carriers?: readonly WechatShippingSandboxCarrier[]
  /**
   * Whether an `express_company` not in `carriers` is refused (10060014), to catch ids of
   * another list (`YUNDA` of the older list for `YD`).
   *
   * @default false
   */
  readonly knownCarriersOnly?: boolean
  /**
   * The largest `get_order_list` page; a larger `page_size` is cut to it. WeChat gives 100 as
   * the default and no maximum.
   *
   * @default 100
   */
  readonly maxPageSize?: number
  /**
   * What `is_trade_managed` answers (also `control.setTradeManaged`).
   *
   * @default true
   */
  readonly tradeManaged?: boolean
  /**
   * What `is_trade_management_confirmation_completed` answers (also
   * `control.setConfirmationCompleted`).
   *
   * @default true
   */
  readonly confirmationCompleted?: boolean
  /**
   * Whether a refusal's errmsg ends with a trace id, ` rid: xxxxxxxx-xxxxxxxx-xxxxxxxx`, as
   * WeChat's live answers do, so that a client matches `errcode`, never `errmsg`.
   *
   * @default true
   */
  readonly ridSuffix?: boolean
}

/**
 * The order shipping module: a sandbox platform module with its own {@link
 * WechatShippingSandboxControl} for tests.
 *
 * @example
 * ```ts
 * const module: WechatShippingSandboxModule = createWechatShippingSandboxModule()
 * module.control.registerPayment({ openid: 'o-payer' })
 * ```
 */
export type WechatShippingSandboxModule = SandboxPlatformModule<
  'wechat-shipping',
  WechatShippingSandboxCredentials
> & { readonly control: WechatShippingSandboxControl }

const defaultCarriers: readonly WechatShippingSandboxCarrier[] = [
  { delivery_id: 'SF', delivery_name: '顺丰速运' },
  { delivery_id: 'STO', delivery_name: '申通快递' },
  { delivery_id: 'YTO', delivery_name: '圆通速递' },
  { delivery_id: 'ZTO', delivery_name: '中通快递' },
  { delivery_id: 'YD', delivery_name: '韵达速递' },
  { delivery_id: 'JTSD', delivery_name: '极兔速递' },
  { delivery_id: 'JDKY', delivery_name: '京东快运' },
  { delivery_id: 'ANE', delivery_name: '安能物流' },
  { delivery_id: 'DHL', delivery_name: 'DHL' },
  { delivery_id: 'BDT', delivery_name: '八达通' },
  { delivery_id: '(AU)', delivery_name: 'Interparcel' },
]

const day = 86_400
// A received_time later than the sandbox's clock by more than this is refused (10060029): a
// parcel is not signed for in the future, and a time in milliseconds lands there.
const receivedTimeLeeway = 60
// The query parameters WeChat appends to the jump path (set_msg_jump_path).
const appendedParameters = ['transaction_id', 'merchant_id', 'merchant_trade_no', 'sub_merchant_id']
// biome-ignore lint/suspicious/noTemplateCurlyInString: WeChat's literal placeholder, not a template
const orderNumberPlaceholder = '${商品订单号}'

/** What the module's routes share: its rules, its tokens, its payments and its switches. */
interface ShippingState {
  readonly credentials: WechatShippingSandboxCredentials
  readonly tokenAuthority: WechatTokenAuthority
  readonly checkRules: WechatShippingCheckRules
  readonly stateRules: WechatShippingStateRules
  readonly options: WechatShippingSandboxOptions
  readonly book: PaymentBook
  tradeManaged: boolean
  confirmationCompleted: boolean
  jumpPath: string | undefined
  orderDetailPath: string | undefined
  /** Numbers the trace ids of refusals. */
  refusals: number
}

/** One route's work, once its body is a JSON object and its token passed: the answer's body. */
type ShippingHandler = (
  state: ShippingState,
  body: JsonObject,
  context: SandboxContext,
) => Record<string, unknown>

const ok = (fields: Record<string, unknown> = {}): Record<string, unknown> => ({
  errcode: 0,
  errmsg: 'ok',
  ...fields,
})

const hex8 = (value: number): string => (value >>> 0).toString(16).padStart(8, '0')

/** A refusal's answer: WeChat's errmsg, the sandbox's hint, and a trace id unless turned off. */
function refusalAnswer(
  state: ShippingState,
  refusal: WechatShippingRefusal,
  now: number,
): SandboxResponse {
  state.refusals += 1
  const hint = refusal.hint === undefined ? '' : `, hint: [sandbox: ${refusal.hint}]`
  const rid =
    state.options.ridSuffix === false
      ? ''
      : ` rid: ${hex8(now / 1000)}-${hex8(state.refusals)}-${hex8(Math.imul(state.refusals, 2654435761))}`
  return {
    status: 200,
    body: { errcode: refusal.errcode, errmsg: `${errmsgs[refusal.errcode] ?? ''}${hint}${rid}` },
  }
}

/**
 * A service route: `POST` with the token in the query and a JSON object body (an empty body
 * 44002, anything else 47001 — a form body too), and its `GET` answering 43002.
 */
function shippingRoutes(
  state: ShippingState,
  path: string,
  handle: ShippingHandler,
  bodyOptional = false,
): SandboxRoute[] {
  const answer = (request: SandboxRequest, context: SandboxContext): SandboxResponse => {
    const now = context.now()
    try {
      if (request.method !== 'POST') refuse(43002, `${path} takes POST`)
      if (request.body === '' && !bodyOptional) refuse(44002, 'the body is empty')
      const body = request.body === '' ? {} : request.json
      if (!isObject(body)) refuse(47001, 'the body must be a JSON object')
      const refused = state.tokenAuthority.checkAccessToken(request, now)
      if (refused !== undefined) return refused
      return { status: 200, body: handle(state, body, context) }
    } catch (error) {
      if (error instanceof WechatShippingRefusal) return refusalAnswer(state, error, now)
      throw error
    }
  }
  return [
    { method: 'POST', path, kind: 'api', handle: answer },
    { method: 'GET', path, kind: 'api', handle: answer },
  ]
}

/**
 * The payment an upload names, created paid by the payer when unknown (unless
 * `createPaymentsOnUpload` is false): 10060001 unknown or not yet visible, 10060031 another payer's.
 */
function paymentForUpload(
  state: ShippingState,
  key: CheckedOrderKey,
  openid: string,
  now: number,
): PaymentRecord {
  let payment = findByOrderKey(state.book, key)
  if (payment === undefined) {
    if (state.options.createPaymentsOnUpload === false)
      refuse(10060001, `no payment ${key.key} was registered`)
    payment = addPayment(
      state.book,
      key.order_number_type === 2
        ? { openid, transactionId: key.key }
        : { openid, mchid: key.mchid ?? '', outTradeNo: key.out_trade_no ?? '' },
      {
        mchid: state.options.defaultMchid ?? '1900000109',
        now,
        visibleAfterMs: state.options.paymentVisibleAfterMs ?? 0,
      },
    )
  }
  if (now < payment.visibleAt)
    refuse(10060001, `payment ${key.key} is indexed ${payment.visibleAt - now} ms from now`)
  if (payment.openid !== openid) refuse(10060031, `payment ${key.key} is not ${openid}'s`)
  return payment
}

/** `upload_shipping_info`: records (or re-records) one payment's shipping. */
const uploadShippingInfo: ShippingHandler = (state, body, context) => {
  const key = checkOrderKey(optionalObject(body, 'order_key', 'body'), 'body.order_key')
  const modes = checkModes(body, 'body')
  const time = checkUploadTime(body, 'body')
  const shipment = checkShipment(body, 'body', modes, state.checkRules)
  const openid = checkPayer(body, 'body')
  const payment = paymentForUpload(state, key, openid, context.now())
  applyShipping(planShipping(payment, shipment, time, state.stateRules), state.stateRules)
  storeUpload(context.store, payment, key.key, body)
  return ok()
}

/** `sub_orders` of a combined upload: each an object with an order_key of the parent's type. */
function checkSubOrders(body: JsonObject, parent: CheckedOrderKey) {
  const subOrders = body.sub_orders
  if (
    subOrders === undefined ||
    subOrders === null ||
    (Array.isArray(subOrders) && subOrders.length === 0)
  )
    refuse(10060014, 'body.sub_orders: at least one sub-order')
  if (!Array.isArray(subOrders)) refuse(47001, 'body.sub_orders: must be an array')
  const seen = new Set<string>()
  return subOrders.map((subOrder: unknown, index) => {
    const at = `body.sub_orders[${index}]`
    if (!isObject(subOrder)) refuse(47001, `${at}: must be an object`)
    const key = checkOrderKey(optionalObject(subOrder, 'order_key', at), `${at}.order_key`)
    if (key.order_number_type !== parent.order_number_type)
      refuse(268485253, `${at}.order_key.order_number_type: must be the combined payment's`)
    if (seen.has(key.key)) refuse(10060013, `${at}.order_key: ${key.key} is listed twice`)
    seen.add(key.key)
    return { at, body: subOrder, key }
  })
}

/**
 * `upload_combined_shipping_info`: the shipping of every sub-payment of a combined payment, all
 * or none. The sub-payments are the payments; the combined payment is only the upload's key.
 */
const uploadCombinedShippingInfo: ShippingHandler = (state, body, context) => {
  const parent = checkOrderKey(optionalObject(body, 'order_key', 'body'), 'body.order_key')
  const subOrders = checkSubOrders(body, parent)
  const time = checkUploadTime(body, 'body')
  const checked = subOrders.map(({ at, body: subOrder, key }) => ({
    key,
    shipment: checkShipment(subOrder, at, checkModes(subOrder, at), state.checkRules),
  }))
  const openid = checkPayer(body, 'body')
  const changes = checked.map(({ key, shipment }) =>
    planShipping(
      paymentForUpload(state, key, openid, context.now()),
      shipment,
      time,
      state.stateRules,
    ),
  )
  for (const change of changes) applyShipping(change, state.stateRules)
  context.store.set(parent.key, body)
  return ok()
}

/**
 * The payment a query names (`get_order`, `notify_confirm_receive`): by `transaction_id`, else by
 * `merchant_id` (with `sub_merchant_id` when the payment has one) and `merchant_trade_no`;
 * neither 10060014, none visible 10060001.
 */
function paymentForQuery(state: ShippingState, body: JsonObject, now: number): PaymentRecord {
  const transactionId = optionalString(body, 'transaction_id', 'body')
  const merchantId = optionalString(body, 'merchant_id', 'body')
  const subMerchantId = optionalString(body, 'sub_merchant_id', 'body')
  const tradeNo = optionalString(body, 'merchant_trade_no', 'body')
  let payment: PaymentRecord | undefined
  if (transactionId !== undefined && transactionId !== '') {
    payment = state.book.byTransaction.get(transactionId)
  } else if (merchantId && tradeNo) {
    payment = state.book.byMerchantKey.get(`${subMerchantId || merchantId}:${tradeNo}`)
    if (subMerchantId && payment?.merchant_id !== merchantId) payment = undefined
  } else refuse(10060014, 'give transaction_id, or merchant_id and merchant_trade_no')
  if (payment === undefined || now < payment.visibleAt) refuse(10060001, 'no such payment')
  return payment
}

/** `get_order`: the payment as its state stands. */
const getOrder: ShippingHandler = (state, body, context) =>
  ok({ order: viewOrder(paymentForQuery(state, body, context.now())) })

// get_order_list's order: newest payment first, then by transaction id, so that a cursor holds
// across pages while payments come.
const listOrder = (
  a: { pay_time: number; transaction_id: string },
  b: { pay_time: number; transaction_id: string },
): number =>
  b.pay_time - a.pay_time ||
  (b.transaction_id < a.transaction_id ? -1 : b.transaction_id > a.transaction_id ? 1 : 0)

/** A `last_index`: the last listed payment's place, as hex (opaque to clients). */
const encodeCursor = (payment: PaymentRecord): string =>
  Buffer.from(`${payment.pay_time}:${payment.transaction_id}`, 'utf8').toString('hex')

function decodeCursor(text: string): { pay_time: number; transaction_id: string } {
  const match = /^(?:[0-9a-f]{2})+$/.test(text)
    ? /^(\d+):(.+)$/.exec(Buffer.from(text, 'hex').toString('utf8'))
    : null
  if (match === null) refuse(10060011, 'last_index: give the last_index of the previous page')
  return { pay_time: Number(match[1]), transaction_id: match[2] ?? '' }
}

/** The filters of `get_order_list`: pay time range (inclusive), order_state, openid. */
function listFilter(body: JsonObject): (payment: PaymentRecord) => boolean {
  const range = optionalObject(body, 'pay_time_range', 'body') ?? {}
  const begin = optionalInteger(range, 'begin_time', 'body.pay_time_range') ?? 0
  const end = optionalInteger(range, 'end_time', 'body.pay_time_range') ?? 4_294_967_295
  const orderState = optionalInteger(body, 'order_state', 'body')
  if (orderState !== undefined && (orderState < 1 || orderState > 6))
    refuse(10060014, 'body.order_state: 1–6')
  const openid = optionalString(body, 'openid', 'body')
  return (payment) =>
    payment.pay_time >= begin &&
    payment.pay_time <= end &&
    (orderState === undefined || payment.order_state === orderState) &&
    (openid === undefined || payment.openid === openid)
}

/** `get_order_list`: a page of payments, newest first, with its `last_index` cursor. */
const getOrderList: ShippingHandler = (state, body, context) => {
  const matches = listFilter(body)
  const lastIndex = optionalString(body, 'last_index', 'body')
  const pageSize = optionalInteger(body, 'page_size', 'body') ?? 100
  if (pageSize < 1) refuse(10060014, 'body.page_size: at least 1')
  const size = Math.min(pageSize, state.options.maxPageSize ?? 100)
  const after = lastIndex === undefined || lastIndex === '' ? undefined : decodeCursor(lastIndex)
  const now = context.now()
  const listed = [...state.book.byTransaction.values()]
    .filter((payment) => now >= payment.visibleAt && matches(payment))
    .sort(listOrder)
    .filter((payment) => after === undefined || listOrder(after, payment) < 0)
  const page = listed.slice(0, size)
  const last = page.at(-1)
  return ok({
    order_list: page.map(viewOrder),
    last_index: last === undefined ? (lastIndex ?? '') : encodeCursor(last),
    has_more: listed.length > size,
  })
}

/**
 * `notify_confirm_receive`: once per payment (10060030), shipped (10060028), express only
 * (10060032), `received_time` in seconds after the shipping and not in the future (10060029).
 */
const notifyConfirmReceive: ShippingHandler = (state, body, context) => {
  const receivedTime = optionalInteger(body, 'received_time', 'body')
  if (receivedTime === undefined) refuse(10060014, 'body.received_time: required (Unix seconds)')
  const now = context.now()
  const payment = paymentForQuery(state, body, now)
  if (payment.receivedTime !== undefined) refuse(10060030, 'the receipt reminder was sent once')
  if (payment.order_state !== 2)
    refuse(10060028, `the payment is in order_state ${payment.order_state}`)
  if (payment.shipping?.logistics_type !== 1) refuse(10060032, 'only for logistics_type 1')
  if (receivedTime <= (payment.shippedAt ?? 0))
    refuse(10060029, `received_time must be after the shipping (${payment.shippedAt})`)
  if (receivedTime > now / 1000 + receivedTimeLeeway)
    refuse(10060029, 'received_time is in the future: Unix seconds, not milliseconds')
  payment.receivedTime = receivedTime
  return ok()
}

/** `set_msg_jump_path`: a page path whose query does not reuse the parameters WeChat appends. */
const setMsgJumpPath: ShippingHandler = (state, body) => {
  const path = optionalString(body, 'path', 'body')
  if (path === undefined) refuse(10060014, 'body.path: required')
  const query = new URLSearchParams(path.split('?')[1] ?? '')
  const clash = appendedParameters.find((name) => query.has(name))
  if (clash !== undefined)
    refuse(10060014, `body.path: WeChat appends ${clash} itself; use another query name`)
  state.jumpPath = path
  return ok()
}

/** The `appid` of `is_trade_managed` and its sibling: this app's (40097 missing, 40013 other). */
function checkAppId(state: ShippingState, body: JsonObject): void {
  const appid = optionalString(body, 'appid', 'body')
  if (appid === undefined || appid === '') refuse(40097, 'body.appid: required')
  if (appid !== state.credentials.appId) refuse(40013, 'body.appid: not this mini program')
}

const isTradeManaged: ShippingHandler = (state, body) => {
  checkAppId(state, body)
  return ok({ is_trade_managed: state.tradeManaged })
}

const isConfirmationCompleted: ShippingHandler = (state, body) => {
  checkAppId(state, body)
  return ok({ completed: state.confirmationCompleted })
}

/**
 * `opspecialorder`: reports an unshipped payment (by transaction id, else merchant trade number)
 * as pre-sale (1, `delay_to` 15 to 330 days after payment) or test (2).
 */
const opSpecialOrder: ShippingHandler = (state, body, context) => {
  const type = body.type
  if (type !== 1 && type !== 2) refuse(268546000, 'body.type: 1 pre-sale or 2 test')
  const delayTo = body.delay_to
  if (type === 1 && (typeof delayTo !== 'number' || !Number.isSafeInteger(delayTo)))
    refuse(268546001, 'body.delay_to: Unix seconds, required for a pre-sale order')
  const orderId = optionalString(body, 'order_id', 'body') ?? ''
  const payment =
    state.book.byTransaction.get(orderId) ??
    [...state.book.byTransaction.values()].find((each) => each.merchant_trade_no === orderId)
  if (payment === undefined || context.now() < payment.visibleAt || payment.order_state !== 1)
    refuse(268546002, `no unshipped payment ${orderId}`)
  if (
    type === 1 &&
    ((delayTo as number) < payment.pay_time + 15 * day ||
      (delayTo as number) > payment.pay_time + 330 * day)
  )
    refuse(268546001, 'body.delay_to: 15 to 330 days after the payment')
  payment.specialOrder = type === 1 ? { type, delay_to: delayTo as number } : { type }
  return ok()
}

/** `get_delivery_list`: the carriers, answered as WeChat's page shows it (no errmsg). */
const getDeliveryList: ShippingHandler = (state) => {
  const carriers = state.options.carriers ?? defaultCarriers
  return { errcode: 0, delivery_list: carriers, count: carriers.length }
}

/** The order center's `update_order_detail_path`: the path must hold `${商品订单号}`. */
const updateOrderDetailPath: ShippingHandler = (state, body) => {
  const path = optionalString(body, 'path', 'body')
  if (path === undefined || !path.includes(orderNumberPlaceholder))
    refuse(10060035, `body.path: must contain ${orderNumberPlaceholder}`)
  state.orderDetailPath = path
  return ok()
}

const getOrderDetailPath: ShippingHandler = (state) => ok({ path: state.orderDetailPath ?? '' })

/** The module's control: payments registered and moved by hand, and the switches. */
function createControl(state: ShippingState): WechatShippingSandboxControl {
  const { book, options } = state
  const move = (key: string, name: string, from: readonly number[], to: number) =>
    movePayment(book, key, { name, from, to })
  return {
    registerPayment: (input) =>
      viewPayment(
        addPayment(book, input, {
          mchid: options.defaultMchid ?? '1900000109',
          now: Date.now(),
          visibleAfterMs: options.paymentVisibleAfterMs ?? 0,
        }),
      ),
    payment(key) {
      const payment = findByKey(book, key)
      return payment === undefined ? undefined : viewPayment(payment)
    },
    payments: () => [...book.byTransaction.values()].map(viewPayment),
    confirmReceipt: (key) => move(key, 'confirmReceipt', [2], 3),
    awaitSettlement: (key) => move(key, 'awaitSettlement', [3], 6),
    settle: (key) => move(key, 'settle', [3, 6], 4),
    refund: (key) => move(key, 'refund', [1, 2, 3, 4, 6], 5),
    setInComplaint(key, inComplaint) {
      const payment = findByKey(book, key)
      if (payment === undefined) throw new Error(`[sandbox] wechat-shipping: no payment ${key}`)
      payment.in_complaint = inComplaint
      return viewPayment(payment)
    },
    setTradeManaged(managed) {
      state.tradeManaged = managed
    },
    setConfirmationCompleted(completed) {
      state.confirmationCompleted = completed
    },
    jumpPath: () => state.jumpPath,
  }
}

function resetState(state: ShippingState): void {
  state.tokenAuthority.reset()
  state.book.byTransaction.clear()
  state.book.byMerchantKey.clear()
  state.book.sequence = 0
  state.tradeManaged = state.options.tradeManaged ?? true
  state.confirmationCompleted = state.options.confirmationCompleted ?? true
  state.jumpPath = undefined
  state.orderDetailPath = undefined
  state.refusals = 0
}

function createState(options: WechatShippingSandboxOptions): ShippingState {
  const tokenAuthority = resolveWechatTokenAuthority(options)
  const carriers = options.carriers ?? defaultCarriers
  return {
    credentials: tokenAuthority.credentials,
    tokenAuthority,
    checkRules: {
      maxParcels: options.maxParcels ?? 15,
      rejectUnifiedIsAllDelivered: options.unifiedIsAllDelivered === 'reject',
      sfExpressCompanies: options.sfExpressCompanies ?? ['SF'],
      contactErrcode: options.contactErrcode ?? 10060014,
      knownCarriers:
        options.knownCarriersOnly === true
          ? new Set(carriers.map((carrier) => carrier.delivery_id))
          : undefined,
    },
    stateRules: {
      splitUploads: options.splitUploads ?? 'merge',
      partialSplitState: options.partialSplitState ?? 1,
      staleUploadTimeErrcode: options.staleUploadTimeErrcode ?? 10060023,
    },
    options,
    book: { byTransaction: new Map(), byMerchantKey: new Map(), sequence: 0 },
    tradeManaged: options.tradeManaged ?? true,
    confirmationCompleted: options.confirmationCompleted ?? true,
    jumpPath: undefined,
    orderDetailPath: undefined,
    refusals: 0,
  }
}

/**
 * The sandbox module of WeChat's order shipping management service (小程序发货信息管理服务,
 * platform id `wechat-shipping`): every `POST /wxa/sec/order/<name>?access_token=…` call, JSON in
 * and `{errcode, errmsg, …}` out with HTTP 200, plus the carrier list
 * `/cgi-bin/express/delivery/open_msg/get_delivery_list` and the token paths `/cgi-bin/token` and
 * `/cgi-bin/stable_token` of its {@link createWechatTokenAuthority | token authority} (shared with
 * the `wechat` module when given the same one, as `createDefaultSandboxModules()` does).
 *
 * Every call: an empty body 44002, a body that is not a JSON object 47001, then the token (41001
 * missing, 40001 unknown or invalidated, 42001 expired), `GET` 43002; a field of the wrong JSON
 * type 47001; a refusal's errmsg is WeChat's text, then `, hint: [sandbox: …]` and a trace id
 * ` rid: …` (see `ridSuffix`). The codes are {@link wechatShippingSandboxErrcodes}.
 *
 * - `upload_shipping_info`: `order_key` (`order_number_type` 1 with `mchid` + `out_trade_no`, 2
 *   with `transaction_id`: 268485194–268485197) → `delivery_mode` 1/2 (268485224) →
 *   `logistics_type` 1–4 (10060005) → `upload_time` RFC 3339 with offset (268485216) →
 *   `shipping_list` (unified exactly 1: 268485228; split at most `maxParcels`: 10060024; per
 *   parcel, for express, `tracking_no` 268485226 and `express_company` 268485227, each ≤ 128 bytes
 *   (10060026, 10060025); `item_desc` 1–120 characters (10060008, 10060009); for SF a `contact`
 *   with a masked phone, last four digits shown) → split only for express (10060006) and with a
 *   boolean `is_all_delivered` (10060007) → `payer.openid` → the payment (10060001; 10060031
 *   another payer's) → its state. Payments are WeChat Pay's: one named for the first time is
 *   created paid now by `payer.openid` (`createPaymentsOnUpload`), or registered with
 *   `control.registerPayment`.
 * - State rules: uploading completes shipping when unified or split with `is_all_delivered:
 *   true` (state 1 → 2, `finish_shipping_count` 1); a partial split stays 1
 *   (`partialSplitState`). An upload that changes nothing answers 10060023; an update must carry
 *   a later `upload_time` than the last upload (`staleUploadTimeErrcode`); uploading again once
 *   shipping is complete, or changing `delivery_mode` or `logistics_type`, is the one re-shipment
 *   (count 2), a second 10060003; a partial split after completion 10060002; from states 3–6
 *   10060004; completing with only blank descriptions 10060020.
 * - `upload_combined_shipping_info`: `order_key`, `sub_orders` (each with an `order_key` of the
 *   same type, 268485253; twice 10060013; none 10060014), each sub-order checked and applied as
 *   above, all or none.
 * - `get_order` (`transaction_id`, or `merchant_id` [+ `sub_merchant_id`] + `merchant_trade_no`,
 *   else 10060014) answers `order` ({@link WechatShippingSandboxOrder}) from the state;
 *   `get_order_list` filters by `pay_time_range` (inclusive), `order_state`, `openid`, newest
 *   first, `page_size` (default 100, cut to `maxPageSize`) and an opaque `last_index` cursor
 *   (10060011 for one it did not give), answering `order_list`, `last_index`, `has_more`.
 * - `notify_confirm_receive`: once (10060030), shipped (10060028), express (10060032),
 *   `received_time` Unix seconds after shipping and not in the future (10060029).
 * - `set_msg_jump_path` (`path`; a query naming a parameter WeChat appends: 10060014),
 *   `is_trade_managed` and `is_trade_management_confirmation_completed` (`appid`: 40097 missing,
 *   40013 another app's), `opspecialorder` (`type` 268546000, `delay_to` 268546001, an unshipped
 *   payment 268546002), `get_delivery_list` (`{errcode, delivery_list, count}`), and the order
 *   center's `update_order_detail_path` (needs `${商品订单号}`, else 10060035) and
 *   `get_order_detail_path`.
 *
 * `control.orders('wechat-shipping')` holds, per payment, the last accepted upload body as
 * received (parsed JSON), under the key the upload named it by: the `transaction_id`, or
 * `<mchid>:<out_trade_no>` for `order_number_type` 1 (one entry per payment: an upload by the
 * other key moves it); a combined upload's body under its combined payment's key. The payments'
 * states are the module's `control` ({@link WechatShippingSandboxControl}).
 *
 * @param options - The rules WeChat leaves open, the token authority, the switches.
 * @returns A fresh module (its own payments; its own tokens and credentials unless given an
 *   authority), with its `control`.
 * @throws `TypeError` when given both `tokenAuthority` and `tokenLifetimeSeconds`.
 * @example
 * ```ts
 * const shipping = createWechatShippingSandboxModule()
 * const sandbox = await startSandbox({ modules: [shipping] })
 * const { appId, appSecret } = sandbox.credentials['wechat-shipping']
 * const tokenAnswer = await fetch(`${sandbox.url}/cgi-bin/stable_token`, {
 *   method: 'POST',
 *   body: JSON.stringify({ grant_type: 'client_credential', appid: appId, secret: appSecret }),
 * })
 * const { access_token } = (await tokenAnswer.json()) as { access_token: string }
 * const upload = {
 *   order_key: { order_number_type: 2, transaction_id: '4200009999202503011234567890' },
 *   logistics_type: 1,
 *   delivery_mode: 1,
 *   shipping_list: [{ tracking_no: 'YT7000000000001', express_company: 'YTO', item_desc: '书桌*1' }],
 *   upload_time: '2025-03-01T10:15:30.000+08:00',
 *   payer: { openid: 'o-payer' },
 * }
 * const answer = await fetch(
 *   `${sandbox.url}/wxa/sec/order/upload_shipping_info?access_token=${access_token}`,
 *   { method: 'POST', body: JSON.stringify(upload) },
 * )
 * await answer.json() // { errcode: 0, errmsg: 'ok' }
 * JSON.stringify(sandbox.control.orders('wechat-shipping').get('4200009999202503011234567890')) === JSON.stringify(upload) // true
 * shipping.control.payment('4200009999202503011234567890')?.order.order_state // 2
 * await sandbox.close()
 * ```
 */
export function createWechatShippingSandboxModule(
  options: WechatShippingSandboxOptions = {},
): WechatShippingSandboxModule {
  const state = createState(options)
  const routes = (path: string, handle: ShippingHandler, bodyOptional = false) =>
    shippingRoutes(state, path, handle, bodyOptional)
  const order = '/wxa/sec/order'
  return {
    platform: 'wechat-shipping',
    credentials: state.credentials,
    control: createControl(state),
    invalidateTokens: () => state.tokenAuthority.invalidateTokens(),
    reset: () => resetState(state),
    routes: [
      ...state.tokenAuthority.routes,
      ...routes(`${order}/upload_shipping_info`, uploadShippingInfo),
      ...routes(`${order}/upload_combined_shipping_info`, uploadCombinedShippingInfo),
      ...routes(`${order}/get_order`, getOrder),
      ...routes(`${order}/get_order_list`, getOrderList),
      ...routes(`${order}/notify_confirm_receive`, notifyConfirmReceive),
      ...routes(`${order}/set_msg_jump_path`, setMsgJumpPath),
      ...routes(`${order}/is_trade_managed`, isTradeManaged),
      ...routes(`${order}/is_trade_management_confirmation_completed`, isConfirmationCompleted),
      ...routes(`${order}/opspecialorder`, opSpecialOrder),
      ...routes(`${order}/update_order_detail_path`, updateOrderDetailPath),
      ...routes(`${order}/get_order_detail_path`, getOrderDetailPath, true),
      ...routes('/cgi-bin/express/delivery/open_msg/get_delivery_list', getDeliveryList, true),
    ],
  }
}
