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
  checkBoolean,
  checkEach,
  checkInteger,
  checkObject,
  checkString,
  isObject,
  type JsonObject,
} from './json-checks.ts'

// The Baidu smart mini program order center, written from Baidu's document alone (it does not
// import @ordersync/baidu): "订单同步接口" (smart program docs, server API → order center,
// https://smartprogram.baidu.com/docs/develop/serverapi/order_importupdate/), the OAuth 2.0
// client-credentials token of "开发者服务权限说明" (https://openapi.baidu.com/oauth/2.0/token) and
// Baidu's own Go SDK (https://github.com/baidu/smartapp-openapi-go, openapi/addOrderInfo.go,
// addOrderSubInfo.go, submitOrderLogistics.go) for the query parameters, the Data array and the
// logistics body, which the document leaves out.
//
// Gateway errors are Baidu's general OpenAPI codes ("API通用返回码": 110 access token invalid,
// 111 access token expired). The order center's own errno values are not public, so the sandbox's
// failures use codes of its own (baiduSandboxErrnos), each with a msg that starts "sandbox:".

const prefix = '/rest/2.0/smartapp/ordercenter/app'
// The page's own path of update/sub/status (更新售后订单状态) lacks "ordercenter", unlike its six
// siblings; every public client calls the ordercenter path (Baidu's Go SDK,
// openapi/updateOrderSubStatus.go, and its PHP twin; the .NET SKIT client), so the page's is a
// typo, served only when BaiduSandboxOptions.servePageSubStatusPath asks for it.
const pageSubStatusPath = '/rest/2.0/smartapp/app/update/sub/status'
// SwanSchema is the Baidu App's launch scheme of a mini program page (DetailPage: "用以小程序跳转
// Scheme", "Scheme即客户端统一调起协议"; every example: baiduboxapp://swan/<App Key>/<page path>),
// a URI: an App Key, a page, and its path and query percent-encoded (RFC 3986), no fragment.
const swanSchemePrefix = 'baiduboxapp://swan/'
const launchScheme = /^baiduboxapp:\/\/swan\/[A-Za-z0-9_-]+\/[^/?#]/
const uriText = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*$/

/**
 * The sandbox's own errno values for its Baidu order-center failures. Baidu does not publish the
 * order center's errno list, so these are not Baidu's; each `msg` starts with "sandbox:". A
 * request that fails one of them changes nothing. A well-formed item that cannot be applied (an
 * update of an unknown `ResourceID` or `SubOrderID`) is not an errno: it answers `errno: 0` with
 * that item's `rows_affected: "0"`, as Baidu documents.
 *
 * - `invalidQuery` (1001): no `open_id` or `swan_id`, or `scene_id`, `scene_type` or `pm_app_key`
 *   missing or malformed;
 * - `invalidBody` (1002): the body breaks the document (types, required fields, enums, limits,
 *   the `Payment.Amount` identity, more than one order to add);
 * - `unknownApp` (1003): `BizAPPID` is not this mini program's AppKey, or `pm_app_key` is not its
 *   payment service's key.
 *
 * @example
 * ```ts
 * baiduSandboxErrnos.invalidBody // 1002: the sandbox's own code for a body that breaks the document
 * ```
 */
export const baiduSandboxErrnos = {
  invalidQuery: 1001,
  invalidBody: 1002,
  unknownApp: 1003,
} as const

/**
 * What the Baidu module accepts: `appKey` is the mini program's AppKey (the token's `client_id`
 * and every item's `BizAPPID`), `appSecret` its AppSecret (`client_secret`), `paymentAppKey` the
 * appKey of its payment service (the `pm_app_key` query parameter).
 *
 * @example
 * ```ts
 * const { appKey, appSecret, paymentAppKey } = sandbox.credentials.baidu as BaiduSandboxCredentials
 * ```
 */
export type BaiduSandboxCredentials = {
  readonly appKey: string
  readonly appSecret: string
  readonly paymentAppKey: string
}

/**
 * Options of {@link createBaiduSandboxModule}.
 *
 * @example
 * ```ts
 * createBaiduSandboxModule({ tokenLifetimeSeconds: 60, sceneId: 'always', servePageSubStatusPath: true })
 * ```
 */
export interface BaiduSandboxOptions {
  /**
   * The `expires_in` of issued tokens. Baidu's default is a month ("默认情况下，Access Token 的
   * 有效期为一个月"); other copies of its page show 86400, so clients must honour `expires_in`.
   *
   * @default 2592000
   */
  readonly tokenLifetimeSeconds?: number
  /**
   * Whether `scene_id`, `scene_type` and `pm_app_key` are required query parameters. Baidu's page
   * lists only `access_token` and `open_id`; later copies of it mark these three required, an
   * older one optional and without `pm_app_key`. The sandbox holds clients to the later copies
   * unless told otherwise; `sceneId` says of which calls `scene_id` is required. Present ones are
   * always checked.
   *
   * @default true
   */
  readonly requireSceneQuery?: boolean
  /**
   * Which calls need `scene_id` (when `requireSceneQuery` is on). `scene_id` is the order id of
   * Baidu's cashier, so by default (`'cashier_payments'`) it is required only of a call about an
   * order paid through it (`Payment` `Method` 1, `IsPayment` true, an `Amount` above 0, in the
   * body or in the stored order) — a rule inferred from what the id is, not written by Baidu;
   * `'always'` requires it of every call, as the later copies of the page mark it.
   *
   * @default 'cashier_payments'
   */
  readonly sceneId?: 'cashier_payments' | 'always'
  /**
   * Whether `update/sub/status` is also served at the page's own path,
   * `/rest/2.0/smartapp/app/update/sub/status` (without `ordercenter`), which no public client
   * calls: Baidu's SDKs and every other client use the `ordercenter` path, the one served always.
   *
   * @default false
   */
  readonly servePageSubStatusPath?: boolean
}

// Data.Status by CateID (the document's two tables; the Status tables of Baidu's other CateIDs —
// 5, 6, 10, 11, 15, 20, 25, 26 in the Go SDK — are not public, so those CateIDs are refused).
const statusesByCate: Record<number, readonly number[]> = {
  1: [1, 5, 6, 100, 200, 300],
  2: [1, 2, 3, 4, 100, 200, 300],
}
const cateIds = [1, 2]
// Data.Ext.SubsOrder.Status, also the values of Item.SubStatus ("同Data.Ext.SubsOrder.Status").
const afterSaleStatuses = [400, 401, 402, 403, 404, 407]
// Unix seconds: a 13-digit millisecond value is refused.
const maxSeconds = 9_999_999_999

const seconds = (object: JsonObject, key: string, at: string, required: boolean, min = 1) =>
  checkInteger(object, key, at, { required, min, max: maxSeconds, unit: 'Unix seconds' })
const fen = (object: JsonObject, key: string, at: string) =>
  checkInteger(object, key, at, { required: true, min: 0, unit: 'fen' })
const quantity = (object: JsonObject, key: string, at: string) =>
  checkInteger(object, key, at, { required: true, min: 1 })

/** A DetailPage: the jump structure of products, order details, appraisals and after-sales. */
function checkDetailPage(value: unknown, at: string): string | undefined {
  if (!isObject(value)) return `${at}: must be an object`
  const problem =
    checkInteger(value, 'Status', at, { required: false, oneOf: [0, 1, 2] }) ??
    ['Name', 'H5Schema', 'SwanSchema', 'IPhoneSchema', 'AndroidSchema'].reduce<string | undefined>(
      (found, key) => found ?? checkString(value, key, at, { required: false, allowEmpty: true }),
      undefined,
    )
  if (problem !== undefined) return problem
  return checkSwanSchema(value.SwanSchema as string | undefined, `${at}.SwanSchema`)
}

/** A SwanSchema: empty (no link, as the examples send it) or a launch scheme Baidu can open. */
function checkSwanSchema(swan: string | undefined, at: string): string | undefined {
  if (swan === undefined || swan === '') return undefined
  if (!swan.startsWith(swanSchemePrefix))
    return `${at}: must be the launch scheme ${swanSchemePrefix}<App Key>/<page path>, not a page path`
  if (!launchScheme.test(swan))
    return `${at}: must name an App Key and a page: ${swanSchemePrefix}<App Key>/<page path>`
  if (!uriText.test(swan))
    return `${at}: must be a URI: spaces and non-ASCII text percent-encoded, no fragment`
  return undefined
}

function checkOptionalDetailPage(object: JsonObject, key: string, at: string): string | undefined {
  return object[key] === undefined ? undefined : checkDetailPage(object[key], `${at}.${key}`)
}

function checkProduct(value: unknown, at: string): string | undefined {
  if (!isObject(value)) return `${at}: must be an object`
  return (
    checkString(value, 'ID', at, { required: true }) ??
    checkString(value, 'Name', at, { required: true }) ??
    checkString(value, 'Desc', at, { required: false, allowEmpty: true }) ??
    quantity(value, 'Quantity', at) ??
    fen(value, 'Price', at) ??
    fen(value, 'PayPrice', at) ??
    checkArray(value, 'ImgList', at, { required: false, max: 5 }) ??
    checkEach(value, 'ImgList', at, (url, where) =>
      typeof url === 'string' && url !== '' ? undefined : `${where}: must be a non-empty URL`,
    ) ??
    checkOptionalDetailPage(value, 'DetailPage', at) ??
    checkArray(value, 'SkuAttr', at, { required: false, max: 4 }) ??
    checkEach(value, 'SkuAttr', at, (attribute, where) =>
      isObject(attribute)
        ? (checkString(attribute, 'Name', where, { required: true }) ??
          checkString(attribute, 'Value', where, { required: true }))
        : `${where}: must be an object`,
    )
  )
}

/** Data.Ext.MainOrder.Payment.PaymentSpecInfo. */
function checkSpecInfo(value: unknown, at: string): string | undefined {
  if (!isObject(value)) return `${at}: must be an object`
  return (
    checkString(value, 'Name', at, { required: true }) ??
    fen(value, 'Value', at) ??
    quantity(value, 'Quantity', at)
  )
}

const sumOf = (entries: unknown, value: string): number =>
  (Array.isArray(entries) ? (entries as JsonObject[]) : []).reduce(
    (total, entry) => total + (entry[value] as number) * (entry.Quantity as number),
    0,
  )

function checkMainOrder(value: unknown, at: string): string | undefined {
  if (value === undefined) return `${at}: required object`
  if (!isObject(value)) return `${at}: must be an object`
  const problem =
    checkArray(value, 'Products', at, { required: true, min: 1 }) ??
    checkEach(value, 'Products', at, checkProduct) ??
    checkObject(value, 'Payment', at, { required: true }) ??
    checkOptionalDetailPage(value, 'Appraise', at) ??
    checkOptionalDetailPage(value, 'OrderDetail', at)
  if (problem !== undefined) return problem
  const payment = value.Payment as JsonObject
  const where = `${at}.Payment`
  const paymentProblem =
    checkInteger(payment, 'Method', where, { required: true, oneOf: [1, 2] }) ??
    fen(payment, 'Amount', where) ??
    checkBoolean(payment, 'IsPayment', where, { required: true }) ??
    // Payment.Time is optional; the document's own example sends 0 for an unpaid order.
    seconds(payment, 'Time', where, false, 0) ??
    checkArray(payment, 'PreferentialInfo', where, { required: false }) ??
    checkEach(payment, 'PreferentialInfo', where, checkSpecInfo) ??
    checkArray(payment, 'PaymentInfo', where, { required: false }) ??
    checkEach(payment, 'PaymentInfo', where, checkSpecInfo)
  if (paymentProblem !== undefined) return paymentProblem
  // "Payment.Amount = (Products.PayPrice * Products.Quantity) + (PaymentInfo.Value *
  // PaymentInfo.Quantity) - (PreferentialInfo.Value * PreferentialInfo.Quantity)" (the document,
  // Data.Ext.MainOrder.Payment), each term summed over its list.
  const expected =
    sumOf(value.Products, 'PayPrice') +
    sumOf(payment.PaymentInfo, 'Value') -
    sumOf(payment.PreferentialInfo, 'Value')
  if (payment.Amount !== expected) {
    return `${where}.Amount: must equal Σ(PayPrice × Quantity) + Σ(PaymentInfo.Value × Quantity) − Σ(PreferentialInfo.Value × Quantity) = ${expected}, got ${payment.Amount as number}`
  }
  return undefined
}

function checkRefund(value: unknown, at: string): string | undefined {
  if (!isObject(value)) return `${at}: must be an object`
  return (
    fen(value, 'Amount', at) ??
    checkArray(value, 'Product', at, { required: true, min: 1 }) ??
    checkEach(value, 'Product', at, (product, where) =>
      isObject(product)
        ? (checkString(product, 'ID', where, { required: true }) ??
          quantity(product, 'Quantity', where) ??
          fen(product, 'Amount', where))
        : `${where}: must be an object`,
    )
  )
}

/** Data.Ext.SubsOrder.Item in full (add, append/sub/info, update/sub/info). */
function checkSubItem(value: unknown, at: string): string | undefined {
  if (!isObject(value)) return `${at}: must be an object`
  return (
    checkString(value, 'SubOrderID', at, { required: true }) ??
    checkInteger(value, 'SubStatus', at, { required: true, oneOf: afterSaleStatuses }) ??
    seconds(value, 'CTime', at, true) ??
    seconds(value, 'MTime', at, true) ??
    checkInteger(value, 'OrderType', at, { required: true, oneOf: [1, 2, 3] }) ??
    checkOptionalDetailPage(value, 'OrderDetail', at) ??
    (value.Refund === undefined ? undefined : checkRefund(value.Refund, `${at}.Refund`))
  )
}

/** Data.Ext.SubsOrder.Item of update/sub/status: the ID and the new SubStatus. */
function checkSubStatusItem(value: unknown, at: string): string | undefined {
  if (!isObject(value)) return `${at}: must be an object`
  return (
    checkString(value, 'SubOrderID', at, { required: true }) ??
    checkInteger(value, 'SubStatus', at, { required: true, oneOf: afterSaleStatuses })
  )
}

function checkSubsOrder(
  value: unknown,
  at: string,
  checkItem: (item: unknown, where: string) => string | undefined,
): string | undefined {
  if (value === undefined) return `${at}: required object`
  if (!isObject(value)) return `${at}: must be an object`
  return (
    checkInteger(value, 'Status', at, { required: true, oneOf: afterSaleStatuses }) ??
    checkArray(value, 'Items', at, { required: true, min: 1 }) ??
    checkEach(value, 'Items', at, checkItem)
  )
}

/** ResourceID, BizAPPID, CateID and Status (when `withStatus`), common to every item. */
function checkHeader(item: JsonObject, at: string, withStatus: boolean): string | undefined {
  const problem =
    checkString(item, 'ResourceID', at, { required: true }) ??
    checkString(item, 'BizAPPID', at, { required: true }) ??
    checkInteger(item, 'CateID', at, { required: true, oneOf: cateIds })
  if (problem !== undefined || !withStatus) return problem
  return checkInteger(item, 'Status', at, {
    required: true,
    oneOf: statusesByCate[item.CateID as number] ?? [],
  })
}

/**
 * The item's EXT. The document's examples and Baidu's SDK spell it `EXT`; its field table says
 * `Ext`. The sandbox takes the spelling that is sent on the wire by Baidu's own SDK, and names the
 * other in its message, so that a client sending `Ext` learns why.
 */
function checkExt(item: JsonObject, at: string): string | undefined {
  if (item.EXT === undefined && item.Ext !== undefined)
    return `${at}.EXT: required object (spelled EXT as in the examples and Baidu's SDK, not Ext)`
  return checkObject(item, 'EXT', at, { required: true })
}

type Operation = {
  /** Checks one item of Data; the first problem wins. */
  readonly check: (item: JsonObject, at: string) => string | undefined
  /** Applies a valid item; false when it cannot (an unknown ResourceID or SubOrderID). */
  readonly apply: (item: JsonObject, store: Map<string, unknown>) => boolean
  /** Whether Data must hold exactly one item (add/main/info: "暂不支持批量导入"). */
  readonly single?: boolean
  /**
   * Whether Data may be one object instead of a list: the page's after-sale examples write
   * `"Data": {…}` (one order, its after-sale orders batched in Items), Baidu's SDK a list.
   */
  readonly objectData?: boolean
}

const ext = (item: JsonObject): JsonObject => item.EXT as JsonObject

/** The stored record of an item's ResourceID and CateID (Baidu answers per cate_id and resource_id). */
function storedOf(item: JsonObject, store: Map<string, unknown>): JsonObject | undefined {
  const stored = store.get(item.ResourceID as string) as JsonObject | undefined
  return stored !== undefined && stored.CateID === item.CateID ? stored : undefined
}

function storedSubsOrder(stored: JsonObject): { Status?: unknown; Items: JsonObject[] } {
  const subsOrder = (stored.EXT as JsonObject).SubsOrder as JsonObject | undefined
  return {
    ...subsOrder,
    Items: [...((subsOrder?.Items as JsonObject[] | undefined) ?? [])],
  }
}

const withExt = (stored: JsonObject, change: JsonObject): JsonObject => ({
  ...stored,
  EXT: { ...(stored.EXT as JsonObject), ...change },
})

const operations: Record<string, Operation> = {
  // Import: a new ResourceID adds the order; an existing one is overwritten in full, after-sale
  // orders included ("全量覆盖该条记录中主、售后订单信息").
  '/add/main/info': {
    single: true,
    check: (item, at) =>
      checkHeader(item, at, true) ??
      checkString(item, 'Title', at, { required: true }) ??
      seconds(item, 'Ctime', at, true) ??
      seconds(item, 'Mtime', at, true) ??
      checkExt(item, at) ??
      checkMainOrder(ext(item).MainOrder, `${at}.EXT.MainOrder`) ??
      (ext(item).SubsOrder === undefined
        ? undefined
        : checkSubsOrder(ext(item).SubsOrder, `${at}.EXT.SubsOrder`, checkSubItem)),
    apply: (item, store) => {
      store.set(item.ResourceID as string, item)
      return true
    },
  },
  // The main order's info; "ResourceID必须对应存在主订单信息". The example carries no Title, Ctime or
  // Mtime, so they are optional here and replace the stored ones when sent. After-sale orders have
  // their own endpoints, so a SubsOrder here is refused rather than silently dropped.
  '/update/main/info': {
    check: (item, at) =>
      checkHeader(item, at, true) ??
      checkString(item, 'Title', at, { required: false }) ??
      seconds(item, 'Ctime', at, false) ??
      seconds(item, 'Mtime', at, false) ??
      checkExt(item, at) ??
      checkMainOrder(ext(item).MainOrder, `${at}.EXT.MainOrder`) ??
      (ext(item).SubsOrder === undefined
        ? undefined
        : `${at}.EXT.SubsOrder: not taken by update/main/info (use append/sub/info or update/sub/info)`),
    apply: (item, store) => {
      const stored = storedOf(item, store)
      if (stored === undefined) return false
      const { EXT: _ext, ...fields } = item
      store.set(item.ResourceID as string, {
        ...withExt(stored, { MainOrder: ext(item).MainOrder }),
        ...fields,
      })
      return true
    },
  },
  '/update/main/status': {
    check: (item, at) => checkHeader(item, at, true),
    apply: (item, store) => {
      const stored = storedOf(item, store)
      if (stored === undefined) return false
      store.set(item.ResourceID as string, { ...stored, Status: item.Status })
      return true
    },
  },
  '/update/main/logistics': {
    check: (item, at) => checkHeader(item, at, false) ?? checkLogistics(item, at),
    apply: applyLogistics,
  },
  // Import after-sale orders; the main order must exist ("必须先导入…主订单信息"). An Item whose
  // SubOrderID is already stored replaces it, so that a retried import does not fail.
  '/append/sub/info': {
    objectData: true,
    check: (item, at) =>
      checkHeader(item, at, false) ??
      checkExt(item, at) ??
      checkSubsOrder(ext(item).SubsOrder, `${at}.EXT.SubsOrder`, checkSubItem),
    apply: (item, store) => {
      const stored = storedOf(item, store)
      if (stored === undefined) return false
      const sent = ext(item).SubsOrder as JsonObject
      const subsOrder = storedSubsOrder(stored)
      for (const sub of sent.Items as JsonObject[]) {
        const index = subsOrder.Items.findIndex((entry) => entry.SubOrderID === sub.SubOrderID)
        if (index === -1) subsOrder.Items.push(sub)
        else subsOrder.Items[index] = sub
      }
      store.set(
        item.ResourceID as string,
        withExt(stored, { SubsOrder: { ...subsOrder, Status: sent.Status } }),
      )
      return true
    },
  },
  // "全量覆盖现有售后订单信息数据": each sent Item replaces the stored one of its SubOrderID, which must
  // exist, as must the ResourceID; Items not sent are kept.
  '/update/sub/info': {
    objectData: true,
    check: (item, at) =>
      checkHeader(item, at, false) ??
      checkExt(item, at) ??
      checkSubsOrder(ext(item).SubsOrder, `${at}.EXT.SubsOrder`, checkSubItem),
    apply: (item, store) => updateSubs(item, store, (_stored, sent) => sent),
  },
  // Also served at the page's own path with servePageSubStatusPath (pageSubStatusPath).
  '/update/sub/status': {
    objectData: true,
    check: (item, at) =>
      checkHeader(item, at, false) ??
      checkExt(item, at) ??
      checkSubsOrder(ext(item).SubsOrder, `${at}.EXT.SubsOrder`, checkSubStatusItem),
    apply: (item, store) =>
      updateSubs(item, store, (stored, sent) => ({ ...stored, SubStatus: sent.SubStatus })),
  },
}

/**
 * The logistics item (Baidu's SDK, SubmitOrderLogisticsRequest): EXT.MainOrder.Express with the
 * courier's Code and Name, the waybill ID, Type 1 (merchant to buyer) or 2 (buyer returns to
 * merchant) and Status ("开发者默认传 0").
 */
function checkLogistics(item: JsonObject, at: string): string | undefined {
  const problem =
    checkExt(item, at) ?? checkObject(ext(item), 'MainOrder', `${at}.EXT`, { required: true })
  if (problem !== undefined) return problem
  const mainOrder = ext(item).MainOrder as JsonObject
  const where = `${at}.EXT.MainOrder`
  const expressProblem = checkObject(mainOrder, 'Express', where, { required: true })
  if (expressProblem !== undefined) return expressProblem
  const express = mainOrder.Express as JsonObject
  const expressAt = `${where}.Express`
  return (
    checkString(express, 'Code', expressAt, { required: true }) ??
    checkString(express, 'ID', expressAt, { required: true }) ??
    checkString(express, 'Name', expressAt, { required: true }) ??
    checkInteger(express, 'Type', expressAt, { required: true, oneOf: [1, 2] }) ??
    checkInteger(express, 'Status', expressAt, { required: true })
  )
}

function applyLogistics(item: JsonObject, store: Map<string, unknown>): boolean {
  const stored = storedOf(item, store)
  if (stored === undefined) return false
  const mainOrder = (stored.EXT as JsonObject).MainOrder as JsonObject
  const express = (ext(item).MainOrder as JsonObject).Express
  store.set(
    item.ResourceID as string,
    withExt(stored, { MainOrder: { ...mainOrder, Express: express } }),
  )
  return true
}

/**
 * Whether a call's item concerns an order paid through Baidu's cashier: its `Payment` (sent, or
 * else stored) is `Method` 1 (在线付), paid, with an amount.
 */
function paidThroughCashier(item: JsonObject, store: Map<string, unknown>): boolean {
  const paymentOf = (record: JsonObject | undefined): unknown => {
    const extension = record?.EXT
    const mainOrder = isObject(extension) ? extension.MainOrder : undefined
    return isObject(mainOrder) ? mainOrder.Payment : undefined
  }
  const sent = paymentOf(item)
  const payment = isObject(sent) ? sent : paymentOf(storedOf(item, store))
  return (
    isObject(payment) &&
    payment.Method === 1 &&
    payment.IsPayment === true &&
    typeof payment.Amount === 'number' &&
    payment.Amount > 0
  )
}

/** Applies sent after-sale Items to stored ones of the same SubOrderID; all must exist. */
function updateSubs(
  item: JsonObject,
  store: Map<string, unknown>,
  merge: (stored: JsonObject, sent: JsonObject) => JsonObject,
): boolean {
  const stored = storedOf(item, store)
  if (stored === undefined) return false
  const sent = ext(item).SubsOrder as JsonObject
  const subsOrder = storedSubsOrder(stored)
  for (const sub of sent.Items as JsonObject[]) {
    const index = subsOrder.Items.findIndex((entry) => entry.SubOrderID === sub.SubOrderID)
    const existing = subsOrder.Items[index]
    if (existing === undefined) return false
    subsOrder.Items[index] = merge(existing, sub)
  }
  store.set(
    item.ResourceID as string,
    withExt(stored, { SubsOrder: { ...subsOrder, Status: sent.Status } }),
  )
  return true
}

/** What the module's routes share: its credentials, settings and issued tokens. */
interface BaiduSandboxState {
  readonly credentials: BaiduSandboxCredentials
  readonly lifetime: number
  readonly requireSceneQuery: boolean
  readonly sceneId: 'cashier_payments' | 'always'
  /** Issued tokens and when they expire, epoch milliseconds. */
  readonly tokens: Map<string, number>
}

const oauthError = (status: number, error: string, description: string): SandboxResponse => ({
  status,
  body: { error, error_description: description },
})

const fail = (errno: number, problem: string): SandboxResponse => ({
  status: 200,
  body: { errno, msg: `sandbox: ${problem}`, data: [] },
})

/** The token endpoint: client credentials in the query, or in a form body for POST. */
function issueToken(
  state: BaiduSandboxState,
  request: SandboxRequest,
  context: SandboxContext,
): SandboxResponse {
  const parameters = new URLSearchParams(request.query)
  if (request.method === 'POST' && request.body !== '') {
    for (const [key, value] of new URLSearchParams(request.body)) parameters.set(key, value)
  }
  const grantType = parameters.get('grant_type')
  if (grantType === null || parameters.get('client_id') === null)
    return oauthError(400, 'invalid_request', 'grant_type and client_id are required')
  if (grantType !== 'client_credentials')
    return oauthError(
      400,
      'unsupported_grant_type',
      'The authorization grant type is not supported',
    )
  if (
    parameters.get('client_id') !== state.credentials.appKey ||
    parameters.get('client_secret') !== state.credentials.appSecret
  ) {
    return oauthError(401, 'invalid_client', 'unknown client id')
  }
  const scope = parameters.get('scope')
  if (scope === null || !scope.split(/[ ,]/).includes('smartapp_snsapi_base'))
    return oauthError(400, 'invalid_scope', 'The requested scope is invalid, unknown, or malformed')
  const expiresAt = context.now() + state.lifetime * 1000
  const token = `24.${randomBytes(16).toString('hex')}.${state.lifetime}.${Math.floor(expiresAt / 1000)}.sandbox`
  state.tokens.set(token, expiresAt)
  return {
    status: 200,
    body: {
      access_token: token,
      expires_in: state.lifetime,
      refresh_token: `25.${randomBytes(16).toString('hex')}.sandbox`,
      scope,
      session_key: randomBytes(16).toString('hex'),
      session_secret: randomBytes(16).toString('hex'),
    },
  }
}

/** The gateway's token check: 110 for a missing, unknown or invalidated token, 111 past expiry. */
function checkToken(
  state: BaiduSandboxState,
  request: SandboxRequest,
  context: SandboxContext,
): SandboxResponse | undefined {
  const token = request.query.get('access_token')
  const expiresAt = token === null ? undefined : state.tokens.get(token)
  if (expiresAt === undefined) {
    return {
      status: 200,
      body: { error_code: 110, error_msg: 'Access token invalid or no longer valid' },
    }
  }
  if (context.now() >= expiresAt)
    return { status: 200, body: { error_code: 111, error_msg: 'Access token expired' } }
  return undefined
}

/** The query's user and payment-scene parameters but scene_id's requirement (checkSceneId). */
function checkQuery(state: BaiduSandboxState, query: URLSearchParams): SandboxResponse | undefined {
  // open_id is required (是) on every endpoint of the page; later copies take swan_id instead,
  // for a user not logged in. Both may come.
  const users = ['open_id', 'swan_id'].filter((key) => (query.get(key) ?? '') !== '')
  if (users.length === 0)
    return fail(
      baiduSandboxErrnos.invalidQuery,
      'query.open_id: required (or swan_id for a user not logged in)',
    )
  if (query.get('scene_id') === '')
    return fail(baiduSandboxErrnos.invalidQuery, 'query.scene_id: must not be empty')
  const sceneType = query.get('scene_type')
  if (
    (sceneType === null && state.requireSceneQuery) ||
    (sceneType !== null && !/^\d+$/.test(sceneType))
  )
    return fail(
      baiduSandboxErrnos.invalidQuery,
      'query.scene_type: required integer (2 by default)',
    )
  const paymentAppKey = query.get('pm_app_key')
  if (paymentAppKey === null && state.requireSceneQuery)
    return fail(baiduSandboxErrnos.invalidQuery, 'query.pm_app_key: required')
  if (paymentAppKey !== null && paymentAppKey !== state.credentials.paymentAppKey)
    return fail(
      baiduSandboxErrnos.unknownApp,
      'query.pm_app_key: not the payment service of this app',
    )
  return undefined
}

/**
 * The scene_id a call must carry: with `sceneId: 'always'` every call's, by default only that of
 * a call about an order paid through Baidu's cashier.
 */
function checkSceneId(
  state: BaiduSandboxState,
  request: SandboxRequest,
  data: readonly JsonObject[],
  store: Map<string, unknown>,
): SandboxResponse | undefined {
  if (!state.requireSceneQuery || request.query.get('scene_id') !== null) return undefined
  if (state.sceneId === 'always')
    return fail(baiduSandboxErrnos.invalidQuery, 'query.scene_id: required (the cashier orderId)')
  const index = data.findIndex((item) => paidThroughCashier(item, store))
  return index === -1
    ? undefined
    : fail(
        baiduSandboxErrnos.invalidQuery,
        `query.scene_id: required, the cashier orderId (Data[${index}] is paid through Baidu's cashier: Payment.Method 1, IsPayment true)`,
      )
}

/** The body's Data, checked item by item with the operation's rules and this app's BizAPPID. */
function readData(
  state: BaiduSandboxState,
  operation: Operation,
  body: unknown,
): { readonly data: readonly JsonObject[] } | { readonly refused: SandboxResponse } {
  const shape = operation.objectData === true ? '{"Data": {...} or [...]}' : '{"Data": [...]}'
  if (
    !isObject(body) ||
    !(Array.isArray(body.Data) || (operation.objectData === true && isObject(body.Data)))
  ) {
    return { refused: fail(baiduSandboxErrnos.invalidBody, `body: must be a JSON object ${shape}`) }
  }
  const data = (Array.isArray(body.Data) ? body.Data : [body.Data]) as unknown[]
  if (operation.single === true && data.length !== 1)
    return {
      refused: fail(baiduSandboxErrnos.invalidBody, 'Data: exactly one order (no batch import)'),
    }
  if (data.length === 0)
    return { refused: fail(baiduSandboxErrnos.invalidBody, 'Data: at least one item') }
  for (const [index, item] of data.entries()) {
    const at = `Data[${index}]`
    const problem = isObject(item) ? operation.check(item, at) : `${at}: must be an object`
    if (problem !== undefined) return { refused: fail(baiduSandboxErrnos.invalidBody, problem) }
  }
  const items = data as JsonObject[]
  const other = items.findIndex((item) => item.BizAPPID !== state.credentials.appKey)
  if (other !== -1)
    return {
      refused: fail(
        baiduSandboxErrnos.unknownApp,
        `Data[${other}].BizAPPID: not the AppKey of this app`,
      ),
    }
  return { data: items }
}

/** One order-center endpoint: token, query, body, scene_id, then one row per item applied. */
function orderCenterRoute(
  state: BaiduSandboxState,
  path: string,
  operation: Operation,
): SandboxRoute {
  return {
    method: 'POST',
    path,
    kind: 'api',
    handle(request, context) {
      const refused = checkToken(state, request, context) ?? checkQuery(state, request.query)
      if (refused !== undefined) return refused
      const read = readData(state, operation, request.json)
      if ('refused' in read) return read.refused
      const noScene = checkSceneId(state, request, read.data, context.store)
      if (noScene !== undefined) return noScene
      return {
        status: 200,
        body: {
          errno: 0,
          msg: 'success',
          data: read.data.map((item) => ({
            biz_app_id: item.BizAPPID,
            cate_id: String(item.CateID),
            resource_id: item.ResourceID,
            rows_affected: operation.apply(item, context.store) ? '1' : '0',
          })),
        },
      }
    },
  }
}

/**
 * The Baidu module of the sandbox: the OAuth 2.0 client-credentials token (`GET` or `POST
 * /oauth/2.0/token`, query or form parameters) and the seven order-center endpoints under
 * `/rest/2.0/smartapp/ordercenter/app/` (`add/main/info`, `update/main/info`,
 * `update/main/status`, `update/main/logistics`, `append/sub/info`, `update/sub/info`,
 * `update/sub/status`; `add/main/logistics`, the name Baidu's Go SDK uses, is served too, and
 * `update/sub/status` at the page's own path, `/rest/2.0/smartapp/app/update/sub/status`, only
 * with {@link BaiduSandboxOptions.servePageSubStatusPath}).
 *
 * - Token: `grant_type=client_credentials`, `client_id` (the AppKey), `client_secret`, `scope`
 *   (`smartapp_snsapi_base`) → `{access_token, expires_in, refresh_token, scope, session_key,
 *   session_secret}`. A wrong client answers HTTP 401 `{error: 'invalid_client',
 *   error_description: 'unknown client id'}` (RFC 6749 §5.2 lets the client-authentication error be
 *   401; Baidu's "OAuth2.0错误码列表" gives the codes and messages); a missing or wrong
 *   `grant_type` or `scope` answers HTTP 400 (`invalid_request`, `unsupported_grant_type`,
 *   `invalid_scope`). A new token leaves earlier ones valid until they expire (Baidu does not say
 *   otherwise).
 * - Every API call needs `access_token` (else, and when unknown or invalidated, HTTP 200
 *   `{error_code: 110, error_msg: 'Access token invalid or no longer valid'}`; after `expires_in`,
 *   `{error_code: 111, error_msg: 'Access token expired'}`), `open_id` (or `swan_id`, for a user
 *   not logged in; both may come), and `scene_id`, `scene_type` (an integer) and `pm_app_key` (see
 *   {@link BaiduSandboxOptions.requireSceneQuery} and {@link BaiduSandboxOptions.sceneId}); the body `{"Data": [...]}` — an array, as the
 *   main-order examples and Baidu's SDK write it; the three after-sale endpoints also take one
 *   object, as their examples write it (`{"Data": {...}}`).
 * - Items are checked by the document's field tables (types, required fields, CateID 1 or 2, the
 *   Status of the CateID, after-sale Status and SubStatus, OrderType, DetailPage Status and a
 *   `SwanSchema` that is the launch scheme `baiduboxapp://swan/<App Key>/<page path>`, a URI
 *   without fragment, at most 5
 *   ImgList and 4 SkuAttr, fen and Unix seconds as integers, and `Payment.Amount = Σ(PayPrice ×
 *   Quantity) + Σ(PaymentInfo.Value × Quantity) − Σ(PreferentialInfo.Value × Quantity)`); the
 *   first problem answers `{errno, msg: 'sandbox: …', data: []}` from {@link baiduSandboxErrnos}
 *   and nothing is stored.
 * - A valid request answers `{errno: 0, msg: 'success', data: [{biz_app_id, cate_id,
 *   resource_id, rows_affected}]}`, one entry per item, `cate_id` and `rows_affected` as strings
 *   (as the document's response example has them): `"1"` applied, `"0"` not (an update of a
 *   `ResourceID` not stored with that `CateID`, or of an unknown `SubOrderID`).
 * - Orders are kept by `ResourceID` (the Data item as sent, updated in place); `add/main/info`
 *   overwrites the whole record, after-sale orders included.
 *
 * @param options - Token lifetime, which payment-scene query is required, and whether the page's
 *   own `update/sub/status` path is served.
 * @returns A fresh module (its own credentials, tokens and orders).
 * @example
 * ```ts
 * const sandbox = await startSandbox({ modules: [createBaiduSandboxModule()] })
 * const { appKey, appSecret, paymentAppKey } = sandbox.credentials.baidu as BaiduSandboxCredentials
 * ```
 */
export function createBaiduSandboxModule(
  options: BaiduSandboxOptions = {},
): SandboxPlatformModule<'baidu', BaiduSandboxCredentials> {
  const state: BaiduSandboxState = {
    credentials: {
      appKey: randomBytes(16).toString('hex'),
      appSecret: randomBytes(16).toString('hex'),
      paymentAppKey: `MMU${randomBytes(8).toString('hex')}`,
    },
    lifetime: options.tokenLifetimeSeconds ?? 2_592_000,
    requireSceneQuery: options.requireSceneQuery ?? true,
    sceneId: options.sceneId ?? 'cashier_payments',
    tokens: new Map(),
  }
  const handleToken: SandboxRoute['handle'] = (request, context) =>
    issueToken(state, request, context)
  const subStatus = operations['/update/sub/status'] as Operation
  return {
    platform: 'baidu',
    credentials: state.credentials,
    invalidateTokens: () => state.tokens.clear(),
    reset: () => state.tokens.clear(),
    routes: [
      { method: 'GET', path: '/oauth/2.0/token', kind: 'token', handle: handleToken },
      { method: 'POST', path: '/oauth/2.0/token', kind: 'token', handle: handleToken },
      ...Object.entries(operations).map(([path, operation]) =>
        orderCenterRoute(state, `${prefix}${path}`, operation),
      ),
      orderCenterRoute(
        state,
        `${prefix}/add/main/logistics`,
        operations['/update/main/logistics'] as Operation,
      ),
      ...(options.servePageSubStatusPath === true
        ? [orderCenterRoute(state, pageSubStatusPath, subStatus)]
        : []),
    ],
  }
}
