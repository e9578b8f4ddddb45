import { randomBytes } from 'node:crypto'
import type {
  SandboxContext,
  SandboxPlatformModule,
  SandboxRequest,
  SandboxResponse,
  SandboxRoute,
} from '../sandbox-types.ts'
import {
  checkArray,
  checkEach,
  checkInteger,
  checkObject,
  checkString,
  isObject,
  type JsonObject,
} from './json-checks.ts'
import {
  createWechatTokenAuthority,
  resolveWechatTokenAuthority,
  type WechatTokenAuthority,
} from './wechat-token-authority.ts'

// The WeChat mini program custom transaction component (自定义交易组件), written from WeChat's
// documents alone (it does not import @ordersync/wechat): "生成订单" shop/order/add
// (https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/ministore/minishopopencomponent2/API/order/add_order.html),
// "同步订单支付结果" shop/order/pay (…/API/order/pay_order.html), shop/order/get, shop/delivery/send
// and shop/delivery/recieve (the misspelling is the real path, …/API/delivery/recieve.html); the
// access tokens of "获取接口调用凭据" cgi-bin/token and "获取稳定版接口调用凭据" cgi-bin/stable_token
// (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-access-token/getStableAccessToken.html);
// and WeChat's global return codes (https://developers.weixin.qq.com/doc/store/shop/dev_before/commErrCode.md).

/**
 * Every errcode the WeChat module answers besides 0. All are WeChat's global or shop codes but
 * `orderNotFound`, the sandbox's own (WeChat does not publish the code of an unknown order); an
 * errmsg written by the sandbox rather than taken from WeChat starts with "sandbox:". `-1`
 * (system busy) and `45011` (minute quota) are never answered on their own: inject them with
 * `control.injectFault`.
 *
 * @example
 * ```ts
 * wechatSandboxErrcodes.orderNotFound // 9100001: the sandbox's own code for an unknown order
 * ```
 */
export const wechatSandboxErrcodes = {
  /** 40001 "invalid credential": an unknown, replaced or invalidated access_token. */
  invalidCredential: 40001,
  /** 40002 "invalid grant_type". */
  invalidGrantType: 40002,
  /** 40013 "invalid appid". */
  invalidAppId: 40013,
  /** 40125 "invalid appsecret". */
  invalidAppSecret: 40125,
  /** 41001 "access_token missing". */
  accessTokenMissing: 41001,
  /** 41002 "appid missing". */
  appIdMissing: 41002,
  /** 41004 "appsecret missing". */
  appSecretMissing: 41004,
  /** 42001 "access_token expired". */
  accessTokenExpired: 42001,
  /** 45009: the stable token's force_refresh beyond 20 a day, or within 30 s of the last one. */
  quotaLimit: 45009,
  /** 47001 "data format error": the body breaks the document; the errmsg names the field. */
  dataFormatError: 47001,
  /** 100000: the order is not in a status the call moves on from (shop/order/pay's document). */
  orderStatus: 100000,
  /** The sandbox's own: no order of that out_order_id or order_id for that openid. */
  orderNotFound: 9100001,
} as const

/**
 * What the WeChat module accepts: the mini program's `appId` and `appSecret`.
 *
 * @example
 * ```ts
 * const { appId, appSecret } = sandbox.credentials.wechat as WechatSandboxCredentials
 * ```
 */
export type WechatSandboxCredentials = {
  readonly appId: string
  readonly appSecret: string
}

/**
 * Options of {@link createWechatSandboxModule}.
 *
 * @example
 * ```ts
 * createWechatSandboxModule({ tokenLifetimeSeconds: 600 })
 * ```
 */
export interface WechatSandboxOptions {
  /**
   * The lifetime of a new token, seconds (WeChat: "7200秒之内的值"). The stable token is renewed
   * by a normal-mode call once 300 s or less remain, so it is at least 301.
   *
   * @default 7200
   */
  readonly tokenLifetimeSeconds?: number
  /**
   * The token authority to use, shared with the other WeChat module so that each accepts the
   * other's tokens (then `tokenLifetimeSeconds` is the authority's option, not this one's).
   *
   * @default a new createWechatTokenAuthority() of its own
   */
  readonly tokenAuthority?: WechatTokenAuthority
  /**
   * Whether `shop/order/get` echoes every field of the add body (create_time, openid, scene,
   * address_info, pay_method_type, delivery_detail before any shipment), wider than the only
   * public model of WeChat's answer (WxJava's `WxMaShopOrderResult`), which the module follows by
   * default.
   *
   * @default false
   */
  readonly getEchoesAddBody?: boolean
}

// delivery_type: 1 快递, 2 无需快递, 3 线下配送, 4 用户自提; pay_method_type: 0 微信支付, 1 货到付款,
// 2 商家会员储蓄卡.
const deliveryTypes = [1, 2, 3, 4]
const payMethodTypes = [0, 1, 2]
// shop/order/pay: 1 支付成功, 2 支付失败, 3 用户取消, 4 超时未支付, 5 商家取消, 10 其他原因取消.
const actionTypes = [1, 2, 3, 4, 5, 10]
const ticketLifetime = 24 * 3600_000
const beijing = 8 * 3600_000
// A uint64 above 2^53: odd, so no IEEE double holds it and a client that reads order_id with
// JSON.parse into a number loses its last digits and then fails to find the order.
const firstOrderId = 3_705_115_058_471_208_929n

/** `yyyy-MM-dd HH:mm:ss` of a real date and time ("2020-03-25 13:05:25"). */
function checkWallClock(object: JsonObject, key: string, at: string, required: boolean) {
  const value = object[key]
  if (value === undefined) return required ? `${at}.${key}: required string` : undefined
  const match =
    typeof value === 'string'
      ? /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(value)
      : null
  const [year, month, day, hour, minute, second] = (match?.slice(1) ?? []).map(Number) as number[]
  const date = new Date(
    Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 0, hour ?? 0, minute ?? 0, second ?? 0),
  )
  if (
    match === null ||
    date.getUTCDate() !== day ||
    date.getUTCMonth() + 1 !== month ||
    (hour ?? 0) > 23 ||
    (minute ?? 0) > 59 ||
    (second ?? 0) > 59
  ) {
    return `${at}.${key}: must be a date and time as yyyy-MM-dd HH:mm:ss`
  }
  return undefined
}

/** Beijing wall clock of an instant, as WeChat writes times. */
function formatBeijing(epochMilliseconds: number): string {
  return new Date(epochMilliseconds + beijing).toISOString().slice(0, 19).replace('T', ' ')
}

const fen = (object: JsonObject, key: string, at: string, required: boolean) =>
  checkInteger(object, key, at, { required, min: 0, unit: 'fen' })

function checkProductInfo(value: unknown, at: string): string | undefined {
  if (!isObject(value)) return `${at}: must be an object`
  const problem =
    checkString(value, 'out_product_id', at, { required: true }) ??
    // "可填空字符串（如果这个product_id下没有sku）": empty when the product has no SKU.
    checkString(value, 'out_sku_id', at, { required: true, allowEmpty: true }) ??
    checkInteger(value, 'product_cnt', at, { required: true, min: 1 }) ??
    fen(value, 'sale_price', at, true) ??
    fen(value, 'real_price', at, true) ??
    checkString(value, 'head_img', at, { required: true }) ??
    checkString(value, 'title', at, { required: true }) ??
    checkString(value, 'path', at, { required: true })
  if (problem !== undefined) return problem
  // real_price is the unit price "after deducting the discount", equal to sale_price without one.
  if ((value.real_price as number) > (value.sale_price as number))
    return `${at}.real_price: must not exceed sale_price`
  return undefined
}

function checkPayInfo(value: JsonObject, at: string): string | undefined {
  const problem = checkInteger(value, 'pay_method_type', at, {
    required: true,
    oneOf: payMethodTypes,
  })
  if (problem !== undefined) return problem
  const wechatPay = value.pay_method_type === 0
  return (
    checkString(value, 'prepay_id', at, { required: wechatPay }) ??
    checkWallClock(value, 'prepay_time', at, wechatPay)
  )
}

function checkPriceInfo(value: JsonObject, at: string, products: JsonObject[]): string | undefined {
  const problem =
    fen(value, 'order_price', at, true) ??
    fen(value, 'freight', at, true) ??
    fen(value, 'discounted_price', at, false) ??
    fen(value, 'additional_price', at, false) ??
    checkString(value, 'additional_remarks', at, { required: false, allowEmpty: true })
  if (problem !== undefined) return problem
  // The document gives order_price = Σ sale_price + freight − discounted_price ("About prices")
  // and final_price = product_price + freight − discounted_price + additional_price (the answer);
  // its own example (10 × 100 + 500 − 100 + 200 = 1600) holds only with each sale_price times
  // product_cnt and additional_price added, which is the identity checked here.
  const goods = products.reduce(
    (total, product) => total + (product.sale_price as number) * (product.product_cnt as number),
    0,
  )
  const expected =
    goods +
    (value.freight as number) -
    ((value.discounted_price as number | undefined) ?? 0) +
    ((value.additional_price as number | undefined) ?? 0)
  if (value.order_price !== expected) {
    return `${at}.order_price: must equal Σ(sale_price × product_cnt) + freight − discounted_price + additional_price = ${expected}, got ${value.order_price as number}`
  }
  return undefined
}

function checkAddressInfo(value: JsonObject, at: string): string | undefined {
  return (
    checkString(value, 'receiver_name', at, { required: true }) ??
    checkString(value, 'detailed_address', at, { required: true }) ??
    checkString(value, 'tel_number', at, { required: true }) ??
    ['country', 'province', 'city', 'town'].reduce<string | undefined>(
      (problem, key) => problem ?? checkString(value, key, at, { required: false }),
      undefined,
    )
  )
}

/** The first problem of a shop/order/add body, or undefined. */
function checkOrder(body: JsonObject): string | undefined {
  const problem =
    checkWallClock(body, 'create_time', 'body', true) ??
    checkString(body, 'out_order_id', 'body', { required: true }) ??
    checkString(body, 'openid', 'body', { required: true }) ??
    checkString(body, 'path', 'body', { required: true }) ??
    checkInteger(body, 'scene', 'body', { required: true }) ??
    checkString(body, 'out_user_id', 'body', { required: false }) ??
    checkObject(body, 'order_detail', 'body', { required: true }) ??
    checkObject(body, 'delivery_detail', 'body', { required: true }) ??
    checkObject(body, 'address_info', 'body', { required: false })
  if (problem !== undefined) return problem
  const detail = body.order_detail as JsonObject
  const at = 'body.order_detail'
  const detailProblem =
    checkArray(detail, 'product_infos', at, { required: true, min: 1 }) ??
    checkEach(detail, 'product_infos', at, checkProductInfo) ??
    checkObject(detail, 'pay_info', at, { required: true }) ??
    checkPayInfo(detail.pay_info as JsonObject, `${at}.pay_info`) ??
    checkObject(detail, 'price_info', at, { required: true }) ??
    checkPriceInfo(
      detail.price_info as JsonObject,
      `${at}.price_info`,
      detail.product_infos as JsonObject[],
    )
  if (detailProblem !== undefined) return detailProblem
  const delivery = body.delivery_detail as JsonObject
  const deliveryProblem = checkInteger(delivery, 'delivery_type', 'body.delivery_detail', {
    required: true,
    oneOf: deliveryTypes,
  })
  if (deliveryProblem !== undefined) return deliveryProblem
  // "delivery_type = 2 No need to set, delivery_type = 4 Fill in the address of the pick-up store".
  if (body.address_info === undefined)
    return delivery.delivery_type === 2
      ? undefined
      : 'body.address_info: required unless delivery_type is 2'
  return checkAddressInfo(body.address_info as JsonObject, 'body.address_info')
}

/**
 * What the WeChat module keeps of an order, under its `out_order_id` in the control API's store.
 *
 * @example
 * ```ts
 * await syncOrders({ platform: wechat, orders: [wechatOrder] }) // an order awaiting payment
 * const stored = sandbox.control.orders('wechat').get(wechatOrder.id) as WechatSandboxOrder
 * stored.status // 10 (after shop/order/add; 20 once paid)
 * ```
 */
export interface WechatSandboxOrder {
  /** The uint64 order_id, in decimal (JavaScript numbers cannot hold it). */
  readonly order_id: string
  readonly out_order_id: string
  /** 10 待付款, 20 待发货, 30 待收货, 100 完成, 250 取消. */
  readonly status: number
  /** The shop/order/add body as sent. */
  readonly order: Record<string, unknown>
  readonly ticket: string
  readonly ticket_expire_time: string
  /** When the ticket stops being reused, epoch milliseconds. */
  readonly ticketExpiresAt: number
  readonly final_price: number
  /** The accepted shop/order/pay body. */
  readonly pay?: Record<string, unknown>
  /** The accepted shop/delivery/send bodies, in order. */
  readonly deliveries?: readonly Record<string, unknown>[]
}

/**
 * The `order` of a `shop/order/get` answer, but for its order_id (written as a bare uint64). The
 * order page documents no answer of shop/order/get; the only public model of it, WxJava's
 * (`WxMaShopOrderResult`, `WxMaShopOrderDetail`, `WxMaShopPayInfo`, `WxMaShopDeliveryDetail` in
 * binarywang/WxJava), carries out_order_id, status, path, out_user_id and order_detail:
 * product_infos, pay_info (prepay_id, prepay_time; transaction_id and pay_time once paid),
 * price_info, and delivery_detail only once shipped ("必须调过发货接口才会存在这个字段"). No
 * create_time, openid, scene, address_info or pay_method_type (its pay_method is a text whose
 * values are not documented, so it is left out). `echoAll` adds every field of the add body.
 */
function viewOrder(found: WechatSandboxOrder, echoAll: boolean): Record<string, unknown> {
  const { order } = found
  const detail = order.order_detail as JsonObject
  const { pay_method_type: payMethodType, ...payInfo } = detail.pay_info as JsonObject
  const payBody = found.pay?.action_type === 1 ? found.pay : undefined
  const lastDelivery = found.deliveries?.at(-1)
  const shipment =
    lastDelivery === undefined
      ? undefined
      : {
          finish_all_delivery: lastDelivery.finish_all_delivery,
          delivery_list: (found.deliveries ?? []).flatMap(
            (delivery) => (delivery.delivery_list as unknown[] | undefined) ?? [],
          ),
        }
  const orderDetail = {
    product_infos: detail.product_infos,
    pay_info: {
      ...(echoAll ? { pay_method_type: payMethodType } : {}),
      ...payInfo,
      ...(payBody === undefined
        ? {}
        : {
            pay_time: payBody.pay_time,
            ...(payBody.transaction_id === undefined
              ? {}
              : { transaction_id: payBody.transaction_id }),
          }),
    },
    price_info: detail.price_info,
    ...(shipment === undefined && !echoAll
      ? {}
      : { delivery_detail: { ...(order.delivery_detail as JsonObject), ...shipment } }),
  }
  return {
    out_order_id: found.out_order_id,
    status: found.status,
    ...(echoAll
      ? { create_time: order.create_time, openid: order.openid, scene: order.scene }
      : {}),
    path: order.path,
    ...(order.out_user_id === undefined ? {} : { out_user_id: order.out_user_id }),
    order_detail: orderDetail,
    ...(echoAll && order.address_info !== undefined ? { address_info: order.address_info } : {}),
  }
}

/**
 * What the module's routes share: its options, its token authority and the order ids it
 * assigned. Each route's function takes it; nothing else holds the module's state.
 */
interface WechatSandboxState {
  readonly options: WechatSandboxOptions
  /** The app's tokens, perhaps shared with the other WeChat module. */
  readonly tokenAuthority: WechatTokenAuthority
  /** The order_id the next new out_order_id gets. */
  nextOrderId: bigint
  /** The order_id of each out_order_id, kept across re-adds. */
  readonly orderIds: Map<string, string>
}

/** One order route's work, once its access token passed and its body is a JSON object. */
type WechatOrderHandler = (
  state: WechatSandboxState,
  request: SandboxRequest,
  body: JsonObject,
  context: SandboxContext,
) => SandboxResponse

const answer = (errcode: number, errmsg: string): SandboxResponse => ({
  status: 200,
  body: { errcode, errmsg },
})

const invalid = (problem: string): SandboxResponse =>
  answer(wechatSandboxErrcodes.dataFormatError, `sandbox: ${problem}`)

/** A success written by hand, so that the uint64 order_id goes out as a bare JSON number. */
const rawJsonAnswer = (body: string): SandboxResponse => ({
  status: 200,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body,
})

/** A `POST` order route: the access token checked, then the body required to be a JSON object. */
function orderRoute(
  state: WechatSandboxState,
  path: string,
  handle: WechatOrderHandler,
): SandboxRoute {
  return {
    method: 'POST',
    path,
    kind: 'api',
    handle(request, context) {
      const refused = state.tokenAuthority.checkAccessToken(request, context.now())
      if (refused !== undefined) return refused
      if (!isObject(request.json)) return invalid('body: must be a JSON object')
      return handle(state, request, request.json, context)
    },
  }
}

/** The stored order a pay/send/recieve/get body names, or the answer that none does. */
function findOrder(
  state: WechatSandboxState,
  request: SandboxRequest,
  body: JsonObject,
  store: Map<string, unknown>,
): WechatSandboxOrder | SandboxResponse {
  // order_id is a uint64: read from the raw text, since JSON.parse would round it.
  const raw = /"order_id"\s*:\s*("?)(\d+)\1\s*[,}]/.exec(request.body)?.[2]
  const problem =
    (body.order_id !== undefined && raw === undefined
      ? 'body.order_id: must be an integer (or its decimal string)'
      : undefined) ??
    checkString(body, 'out_order_id', 'body', { required: false }) ??
    (body.order_id === undefined && body.out_order_id === undefined
      ? 'body: out_order_id or order_id required'
      : undefined) ??
    checkString(body, 'openid', 'body', { required: true })
  if (problem !== undefined) return invalid(problem)
  const outOrderId =
    (body.out_order_id as string | undefined) ??
    [...state.orderIds.entries()].find(([, id]) => id === raw)?.[0]
  const stored =
    outOrderId === undefined ? undefined : (store.get(outOrderId) as WechatSandboxOrder | undefined)
  if (
    stored === undefined ||
    (raw !== undefined && stored.order_id !== raw) ||
    stored.order.openid !== body.openid
  ) {
    return answer(
      wechatSandboxErrcodes.orderNotFound,
      'sandbox: no order of that out_order_id/order_id for that openid',
    )
  }
  return stored
}

const notInStatus = (stored: WechatSandboxOrder, statuses: string, call: string): SandboxResponse =>
  answer(
    wechatSandboxErrcodes.orderStatus,
    `sandbox: ${call} needs status ${statuses}, the order is in ${stored.status}`,
  )

/** The order_id of an out_order_id: the one it was given, else the next odd uint64. */
function assignOrderId(state: WechatSandboxState, outOrderId: string): string {
  let orderId = state.orderIds.get(outOrderId)
  if (orderId === undefined) {
    orderId = String(state.nextOrderId)
    state.nextOrderId += 2n
    state.orderIds.set(outOrderId, orderId)
  }
  return orderId
}

/** `shop/order/add`: creates or wholly replaces the order, in status 10. */
const addOrder: WechatOrderHandler = (state, _request, body, context) => {
  const problem = checkOrder(body)
  if (problem !== undefined) return invalid(problem)
  const outOrderId = body.out_order_id as string
  const now = context.now()
  const previous = context.store.get(outOrderId) as WechatSandboxOrder | undefined
  const orderId = assignOrderId(state, outOrderId)
  // Scenario B of the document: re-adding an unpaid order within 24 h gives the same ticket;
  // once paid (scenario A) or after 24 h, a new one.
  const reuse =
    previous !== undefined && previous.pay === undefined && now < previous.ticketExpiresAt
  const ticketExpiresAt = reuse ? previous.ticketExpiresAt : now + ticketLifetime
  const record: WechatSandboxOrder = {
    order_id: orderId,
    out_order_id: outOrderId,
    status: 10,
    order: body,
    ticket: reuse ? previous.ticket : randomBytes(16).toString('hex'),
    ticket_expire_time: formatBeijing(ticketExpiresAt),
    ticketExpiresAt,
    final_price: (body.order_detail as { price_info: { order_price: number } }).price_info
      .order_price,
  }
  context.store.set(outOrderId, record)
  return rawJsonAnswer(
    `{"errcode":0,"errmsg":"ok","data":{"order_id":${orderId},"out_order_id":${JSON.stringify(outOrderId)},"ticket":${JSON.stringify(record.ticket)},"ticket_expire_time":${JSON.stringify(record.ticket_expire_time)},"final_price":${record.final_price}}}`,
  )
}

/** `shop/order/pay`: 10 → 20 on action_type 1, → 250 on any other. */
const payOrder: WechatOrderHandler = (state, request, body, context) => {
  const found = findOrder(state, request, body, context.store)
  if ('body' in found) return found
  const actionProblem =
    checkInteger(body, 'action_type', 'body', { required: true, oneOf: actionTypes }) ??
    checkString(body, 'action_remark', 'body', { required: body.action_type === 10 }) ??
    checkString(body, 'transaction_id', 'body', {
      required:
        body.action_type === 1 &&
        (found.order.order_detail as { pay_info: JsonObject }).pay_info.pay_method_type === 0,
    }) ??
    checkWallClock(body, 'pay_time', 'body', body.action_type === 1)
  if (actionProblem !== undefined) return invalid(actionProblem)
  // "11 … 对商家来说和10同等对待即可": 11 is taken as 10.
  if (found.status !== 10 && found.status !== 11) return notInStatus(found, '10', 'shop/order/pay')
  context.store.set(found.out_order_id, {
    ...found,
    status: body.action_type === 1 ? 20 : 250,
    pay: body,
  })
  return answer(0, 'ok')
}

function checkDeliveryEntry(entry: unknown, at: string): string | undefined {
  return isObject(entry)
    ? (checkString(entry, 'delivery_id', at, { required: true }) ??
        checkString(entry, 'waybill_id', at, { required: true }))
    : `${at}: must be an object`
}

/** `shop/delivery/send`: 20 → 30 on finish_all_delivery 1; 0 records a partial shipment. */
const sendDelivery: WechatOrderHandler = (state, request, body, context) => {
  const found = findOrder(state, request, body, context.store)
  if ('body' in found) return found
  const express = (found.order.delivery_detail as JsonObject).delivery_type === 1
  const problem =
    checkInteger(body, 'finish_all_delivery', 'body', { required: true, oneOf: [0, 1] }) ??
    checkArray(body, 'delivery_list', 'body', { required: express, min: 1 }) ??
    checkEach(body, 'delivery_list', 'body', checkDeliveryEntry) ??
    checkWallClock(body, 'ship_done_time', 'body', false)
  if (problem !== undefined) return invalid(problem)
  if (found.status !== 20) return notInStatus(found, '20', 'shop/delivery/send')
  context.store.set(found.out_order_id, {
    ...found,
    status: body.finish_all_delivery === 1 ? 30 : 20,
    deliveries: [...(found.deliveries ?? []), body],
  })
  return answer(0, 'ok')
}

/** `shop/delivery/recieve` (the path's own spelling): 30 → 100. */
const receiveDelivery: WechatOrderHandler = (state, request, body, context) => {
  const found = findOrder(state, request, body, context.store)
  if ('body' in found) return found
  if (found.status !== 30) return notInStatus(found, '30', 'shop/delivery/recieve')
  context.store.set(found.out_order_id, { ...found, status: 100 })
  return answer(0, 'ok')
}

/** `shop/order/get`: the stored order as {@link viewOrder} shows it. */
const getOrder: WechatOrderHandler = (state, request, body, context) => {
  const found = findOrder(state, request, body, context.store)
  if ('body' in found) return found
  const view = viewOrder(found, state.options.getEchoesAddBody === true)
  return rawJsonAnswer(
    `{"errcode":0,"errmsg":"ok","order":{"order_id":${found.order_id},${JSON.stringify(view).slice(1)}}`,
  )
}

/** Forgets everything but the credentials: tokens, force_refresh counts and order ids. */
function resetState(state: WechatSandboxState): void {
  state.tokenAuthority.reset()
  state.nextOrderId = firstOrderId
  state.orderIds.clear()
}

/**
 * The WeChat module of the sandbox: tokens (`GET /cgi-bin/token`, `POST /cgi-bin/stable_token`)
 * and the custom transaction component's `POST /shop/order/add`, `/shop/order/pay`,
 * `/shop/order/get`, `/shop/delivery/send` and `/shop/delivery/recieve` (sic), each with the
 * `access_token` query parameter.
 *
 * - `GET /cgi-bin/token?grant_type=client_credential&appid&secret` → `{access_token,
 *   expires_in: 7200}`; each new one invalidates the previous classic token (40001 for it).
 * - `POST /cgi-bin/stable_token` (JSON `{grant_type, appid, secret, force_refresh}`): in normal
 *   mode the current stable token while more than 300 s remain (`expires_in` = what remains), else
 *   a new one, the old one working until it expires; `force_refresh: true` makes a new one and
 *   invalidates the previous, at most 20 times per Beijing calendar day and 30 s apart, else
 *   errcode 45009 (errmsg "reach max api daily quota limit", or "sandbox: force_refresh again
 *   within 30 s"). The two kinds are independent of each other.
 * - Token errors: 40002 grant_type, 41002/40013 appid, 41004/40125 secret; on the API 41001
 *   (missing), 40001 (unknown, replaced or invalidated), 42001 (expired).
 * - `shop/order/add` checks every field of the document (types, required fields, money as
 *   integer fen, `create_time` and `prepay_time` as `yyyy-MM-dd HH:mm:ss`, `prepay_id` and
 *   `prepay_time` for WeChat Pay, `delivery_type` 1–4 with `address_info` unless 2, `real_price` ≤
 *   `sale_price`, and `order_price = Σ(sale_price × product_cnt) + freight − discounted_price +
 *   additional_price`); a problem answers 47001 with `errmsg: 'sandbox: <field>: <what>'`. It
 *   creates or wholly replaces the order in status 10 — a paid or shipped order too, which loses
 *   its payment and shipments: the page calls add re-entrant ("可重入", the whole order replaced
 *   when it exists) and says a successful call leaves status 10, exempting no status — and answers
 *   `{errcode: 0, errmsg: 'ok', data: {order_id, out_order_id, ticket, ticket_expire_time,
 *   final_price}}`, `order_id` a uint64
 *   above 2^53 written as a bare JSON number and kept for the `out_order_id`; the ticket is reused
 *   for 24 h while the order is unpaid.
 * - `shop/order/pay` (`action_type` 1 → 20, with `pay_time` and, for WeChat Pay, `transaction_id`;
 *   2, 3, 4, 5 and 10 (with `action_remark`) → 250), `shop/delivery/send` (`finish_all_delivery`
 *   1 → 30; 0 records a partial shipment and stays 20; `delivery_list` required for express
 *   delivery) and `shop/delivery/recieve` (30 → 100) from any other status answer 100000.
 * - `shop/order/get` answers `{errcode: 0, errmsg: 'ok', order: {order_id, out_order_id, status,
 *   path, out_user_id, order_detail: {product_infos, pay_info, price_info}}}` — the fields of
 *   WxJava's model of the answer, no create_time, openid, scene, address_info or pay_method_type —
 *   `pay_info` gaining `transaction_id` and `pay_time` once paid, and `order_detail` gaining
 *   `delivery_detail` (`delivery_type`, `finish_all_delivery`, `delivery_list`) once sent; with
 *   `getEchoesAddBody`, every field of the add body as well. These
 *   calls find the order by `out_order_id` or `order_id` (number or decimal string, read from the
 *   raw body) and `openid`; none found answers {@link wechatSandboxErrcodes}.orderNotFound.
 * - The control API shows orders by `out_order_id` as {@link WechatSandboxOrder} records:
 *   `order_id` (decimal string), `status`, `order` (the add body), the ticket, and the accepted
 *   pay and delivery bodies.
 *
 * With `tokenAuthority` (see {@link createWechatTokenAuthority}) the tokens and credentials are the
 * authority's, shared with every module given it; `createDefaultSandboxModules()` shares one with
 * the order shipping module (`wechat-shipping`).
 *
 * @param options - The token lifetime or a shared token authority, and how wide `shop/order/get`
 *   answers.
 * @returns A fresh module (its own credentials, tokens and orders, unless given an authority).
 * @throws `TypeError` when given both `tokenAuthority` and `tokenLifetimeSeconds`.
 * @example
 * ```ts
 * const sandbox = await startSandbox({ modules: [createWechatSandboxModule()] })
 * const { appId, appSecret } = sandbox.credentials.wechat as WechatSandboxCredentials
 * ```
 */
export function createWechatSandboxModule(
  options: WechatSandboxOptions = {},
): SandboxPlatformModule<'wechat', WechatSandboxCredentials> {
  const tokenAuthority = resolveWechatTokenAuthority(options)
  const state: WechatSandboxState = {
    options,
    tokenAuthority,
    nextOrderId: firstOrderId,
    orderIds: new Map(),
  }
  return {
    platform: 'wechat',
    credentials: tokenAuthority.credentials,
    invalidateTokens: () => tokenAuthority.invalidateTokens(),
    reset: () => resetState(state),
    routes: [
      ...tokenAuthority.routes,
      orderRoute(state, '/shop/order/add', addOrder),
      orderRoute(state, '/shop/order/pay', payOrder),
      orderRoute(state, '/shop/order/get', getOrder),
      orderRoute(state, '/shop/delivery/send', sendDelivery),
      orderRoute(state, '/shop/delivery/recieve', receiveDelivery),
    ],
  }
}
