import { createHmac, timingSafeEqual } from 'node:crypto'
import type { SandboxPlatformModule, SandboxRequest, SandboxResponse } from '../sandbox-types.ts'

// Tencent Youshu's data API, written from Youshu's add_order, order update, data source and
// developer access pages alone (add_order:
// https://mp.zhls.qq.com/youshu-docs/develop/interface/order/add_order.html; it does not import @ordersync/youshu): HMAC-SHA256 query signature, the {retcode, errmsg, data}
// envelope, data sources (retcode 16 when one exists), add_order (≤ 50 orders, all or nothing —
// the strict reading of a rule Youshu does not state) with the document's types, enums, byte limits and
// money identities, and order status updates.
//
// Youshu's retcodes beyond 0 and 16 are not public, so the sandbox's own failures use codes of its
// own, 1001–1005, each with an errmsg that starts "sandbox:".

/**
 * The sandbox's own retcodes for its Youshu failures: Youshu's list is not public (its pages
 * document only 0 and 16),
 * so these are not Youshu's; each errmsg starts with "sandbox:".
 *
 * @example
 * ```ts
 * youshuSandboxRetcodes.nonce // 1003: the sandbox's own code for a reused nonce
 * ```
 */
export const youshuSandboxRetcodes = {
  signature: 1001,
  timestamp: 1002,
  nonce: 1003,
  invalidRequest: 1004,
  unknownDataSource: 1005,
} as const

const statuses = new Set(['1110', '1130', '1140', '1150', '1160', '1180', '1280', '1290', '2150'])
const sources = new Set([
  'wxapp',
  'app',
  'mobileweb',
  'pcweb',
  'offstore_pos_manual',
  'offstore_pos_self_help',
  'other',
])
const byteLimits: Record<string, number> = {
  receiver_province_name: 64,
  receiver_city_name: 64,
  receiver_district_name: 64,
  receiver_address: 100,
  receiver_name: 100,
  receiver_phone: 100,
}

type Json = Record<string, unknown>

const ok = (data: unknown = {}): SandboxResponse => ({
  status: 200,
  body: { retcode: 0, errmsg: '', data },
})
const fail = (retcode: number, errmsg: string): SandboxResponse => ({
  status: 200,
  body: { retcode, errmsg: `sandbox: ${errmsg}` },
})

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Yuan with at most two decimals, as fen; `undefined` when it is not such a number. */
function fen(value: unknown): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return undefined
  return /^\d+(\.\d{1,2})?$/.test(String(value)) ? Math.round(value * 100) : undefined
}

/** Checks one order of add_order; returns the first problem as "path: what", or undefined. */
function checkOrder(order: unknown, at: string): string | undefined {
  if (!isObject(order)) return `${at}: must be an object`
  return (
    checkRequiredFields(order, at) ??
    checkCodes(order, at) ??
    checkAmounts(order, at) ??
    checkGoods(order, at) ??
    checkPayments(order, at) ??
    checkExpress(order, at)
  )
}

const requiredFields = [
  ['external_order_id', 'string'],
  ['create_time', 'string'],
  ['order_source', 'string'],
  ['order_type', 'number'],
  ['goods_num_total', 'number'],
  ['goods_amount_total', 'number'],
  ['freight_amount', 'number'],
  ['order_amount', 'number'],
  ['payable_amount', 'number'],
  ['payment_amount', 'number'],
  ['order_status', 'string'],
  ['status_change_time', 'string'],
  ['user_info', 'object'],
  ['goods_info', 'array'],
] as const

function checkRequiredFields(order: Json, at: string): string | undefined {
  for (const [key, kind] of requiredFields) {
    const value = order[key]
    const good =
      kind === 'array'
        ? Array.isArray(value)
        : kind === 'object'
          ? isObject(value)
          : typeof value === kind && value !== ''
    if (!good) return `${at}.${key}: required ${kind}`
  }
  return undefined
}

/** Times, source, type, status, and the buyer's open id and phone hash. */
function checkCodes(order: Json, at: string): string | undefined {
  for (const key of ['create_time', 'status_change_time']) {
    if (!/^\d{13}$/.test(String(order[key])))
      return `${at}.${key}: must be 13 digits of milliseconds`
  }
  if (!sources.has(String(order.order_source)))
    return `${at}.order_source: not one of the documented sources`
  if (
    !Number.isInteger(order.order_type) ||
    (order.order_type as number) < 1 ||
    (order.order_type as number) > 8
  ) {
    return `${at}.order_type: must be 1–8`
  }
  if (!statuses.has(String(order.order_status)))
    return `${at}.order_status: not a documented status`
  const user = order.user_info as Json
  if (order.order_source === 'wxapp' && (typeof user.open_id !== 'string' || user.open_id === '')) {
    return `${at}.user_info.open_id: required when order_source is wxapp`
  }
  for (const key of ['sha256_user_phone']) {
    if (user[key] !== undefined && !/^[0-9a-f]{64}$/.test(String(user[key])))
      return `${at}.user_info.${key}: must be SHA-256 hex`
  }
  return undefined
}

const amountFields = [
  'goods_amount_total',
  'freight_amount',
  'order_amount',
  'payable_amount',
  'payment_amount',
] as const

/** The order's amounts in fen, or the first that is not yuan with at most two decimals. */
function readAmounts(
  order: Json,
  at: string,
): Record<(typeof amountFields)[number], number> | string {
  const amounts: Record<string, number> = {}
  for (const key of amountFields) {
    const value = fen(order[key])
    if (value === undefined) return `${at}.${key}: must be yuan with at most 2 decimals`
    amounts[key] = value
  }
  return amounts as Record<(typeof amountFields)[number], number>
}

/** order = goods + freight; payable ≤ order; payment ≤ payable. */
function checkAmounts(order: Json, at: string): string | undefined {
  const amounts = readAmounts(order, at)
  if (typeof amounts === 'string') return amounts
  const {
    goods_amount_total: goods,
    freight_amount: freight,
    order_amount: total,
    payable_amount: payable,
    payment_amount: payment,
  } = amounts
  if (total !== goods + freight)
    return `${at}.order_amount: must equal goods_amount_total + freight_amount`
  if (payable > total) return `${at}.payable_amount: must not exceed order_amount`
  if (payment > payable) return `${at}.payment_amount: must not exceed payable_amount`
  return undefined
}

/** Each goods' fields, its shares adding up to payment − freight, and the total count. */
function checkGoods(order: Json, at: string): string | undefined {
  const goodsInfo = order.goods_info as unknown[]
  if (goodsInfo.length === 0) return `${at}.goods_info: at least one goods`
  let shares = 0
  let count = 0
  for (const [index, item] of goodsInfo.entries()) {
    const where = `${at}.goods_info[${index}]`
    if (!isObject(item)) return `${where}: must be an object`
    const problem = checkGoodsItem(item, where)
    if (problem !== undefined) return problem
    shares += fen(item.payment_amount) ?? 0
    count += item.goods_num as number
  }
  const payment = fen(order.payment_amount) ?? 0
  const freight = fen(order.freight_amount) ?? 0
  if (shares !== payment - freight)
    return `${at}.goods_info: payment_amount of the goods must add up to payment_amount − freight_amount`
  if (count !== order.goods_num_total)
    return `${at}.goods_num_total: must equal the sum of goods_num`
  return undefined
}

function checkGoodsItem(item: Json, where: string): string | undefined {
  for (const key of [
    'external_sku_id',
    'sku_name_chinese',
    'external_spu_id',
    'spu_name_chinese',
  ]) {
    if (typeof item[key] !== 'string' || item[key] === '') return `${where}.${key}: required string`
  }
  if (!Number.isInteger(item.goods_num) || (item.goods_num as number) < 1)
    return `${where}.goods_num: required positive integer`
  if (fen(item.goods_amount) === undefined || fen(item.payment_amount) === undefined)
    return `${where}: goods_amount and payment_amount must be yuan with at most 2 decimals`
  const target = item.target_url
  if (isObject(target)) {
    for (const [key, value] of Object.entries(target)) {
      const length = Buffer.byteLength(String(value), 'utf8')
      if (length < 1 || length > 100) return `${where}.target_url.${key}: 1–100 bytes`
    }
  }
  return undefined
}

/** payment_info unless the order is unpaid (1110); each entry's fields and WeChat Pay's number. */
function checkPayments(order: Json, at: string): string | undefined {
  const payments = order.payment_info
  if (order.order_status !== '1110' && (!Array.isArray(payments) || payments.length === 0)) {
    return `${at}.payment_info: required unless order_status is 1110`
  }
  for (const [index, entry] of (Array.isArray(payments) ? payments : []).entries()) {
    const where = `${at}.payment_info[${index}]`
    if (
      !isObject(entry) ||
      typeof entry.payment_type !== 'string' ||
      typeof entry.trans_id !== 'string' ||
      fen(entry.trans_amount) === undefined
    ) {
      return `${where}: payment_type, trans_id and trans_amount (yuan) are required`
    }
    if (
      entry.payment_type === '00009' &&
      (typeof entry.out_trade_number !== 'string' ||
        !/^[0-9A-Za-z_\-*]+$/.test(entry.out_trade_number))
    ) {
      return `${where}.out_trade_number: required for 00009, letters, digits and _-* only`
    }
  }
  return undefined
}

/** express_info's documented byte limits, and is_deleted 0 or 1. */
function checkExpress(order: Json, at: string): string | undefined {
  const express = order.express_info
  if (isObject(express)) {
    for (const [key, limit] of Object.entries(byteLimits)) {
      if (express[key] !== undefined && Buffer.byteLength(String(express[key]), 'utf8') > limit) {
        return `${at}.express_info.${key}: at most ${limit} bytes`
      }
    }
  }
  if (order.is_deleted !== undefined && order.is_deleted !== 0 && order.is_deleted !== 1)
    return `${at}.is_deleted: 0 or 1`
  return undefined
}

/**
 * What the Youshu module hands out: the app credentials and merchant it accepts, in the shape of
 * `createYoushu`'s settings.
 *
 * @example
 * ```ts
 * const sandbox = await startSandbox({ modules: [createYoushuSandboxModule()] })
 * const youshu = createYoushu({ ...sandbox.credentials.youshu, environment: 'test', baseURL: sandbox.url })
 * await syncOrders({ platform: youshu, orders })
 * await sandbox.close()
 * ```
 */
export type YoushuSandboxCredentials = {
  readonly appId: string
  readonly appSecret: string
  readonly merchantId: string
}

/**
 * What the sandbox's own Youshu failure codes mean, in the shape of `createYoushu`'s
 * `knownRetcodes` (Youshu's list is not public, so a client knows these only when told).
 *
 * @example
 * ```ts
 * const sandbox = await startSandbox({ modules: [createYoushuSandboxModule()] })
 * const youshu = createYoushu({
 *   ...sandbox.credentials.youshu,
 *   environment: 'test',
 *   baseURL: sandbox.url,
 *   knownRetcodes: youshuSandboxKnownRetcodes,
 * })
 * await sandbox.close()
 * ```
 */
export const youshuSandboxKnownRetcodes: Readonly<
  Record<number, 'signature' | 'timestamp' | 'nonce' | 'unknown_data_source'>
> = {
  [youshuSandboxRetcodes.signature]: 'signature',
  [youshuSandboxRetcodes.timestamp]: 'timestamp',
  [youshuSandboxRetcodes.nonce]: 'nonce',
  [youshuSandboxRetcodes.unknownDataSource]: 'unknown_data_source',
}

/**
 * The Youshu module of the sandbox.
 *
 * @returns A fresh module (its own data sources, orders and nonces).
 * @example
 * ```ts
 * const sandbox = await startSandbox({ modules: [createYoushuSandboxModule()] })
 * sandbox.credentials.youshu // { appId, appSecret, merchantId }
 * ```
 */
export function createYoushuSandboxModule(): SandboxPlatformModule<
  'youshu',
  YoushuSandboxCredentials
> {
  const credentials: YoushuSandboxCredentials = {
    appId: 'bi-sandbox-app',
    appSecret: 'youshu-sandbox-secret-93c1',
    merchantId: '10001',
  }
  const dataSources = new Map<string, string>()
  const usedNonces = new Set<string>()
  let nextDataSource = 101

  const verify = (request: SandboxRequest, now: number): SandboxResponse | undefined => {
    const query = request.query
    const appId = query.get('app_id') ?? ''
    const nonce = query.get('nonce') ?? ''
    const timestamp = query.get('timestamp') ?? ''
    const signature = query.get('signature') ?? ''
    if (query.get('sign') !== 'sha256')
      return fail(youshuSandboxRetcodes.signature, 'sign must be sha256')
    const expected = createHmac('sha256', credentials.appSecret)
      .update(`app_id=${appId}&nonce=${nonce}&sign=sha256&timestamp=${timestamp}`)
      .digest('hex')
    if (
      appId !== credentials.appId ||
      signature.length !== 64 ||
      !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))
    ) {
      return fail(youshuSandboxRetcodes.signature, 'signature mismatch')
    }
    if (!/^\d{1,11}$/.test(timestamp) || Math.abs(Number(timestamp) * 1000 - now) > 300_000) {
      return fail(
        youshuSandboxRetcodes.timestamp,
        'timestamp must be Unix seconds within 5 minutes',
      )
    }
    if (nonce === '' || nonce.length > 32 || !/^[A-Za-z0-9_-]+$/.test(nonce)) {
      return fail(youshuSandboxRetcodes.nonce, 'nonce must be 1–32 URL-safe characters')
    }
    if (usedNonces.has(nonce)) return fail(youshuSandboxRetcodes.nonce, 'nonce already used')
    usedNonces.add(nonce)
    return undefined
  }

  const route = (
    path: string,
    handle: (request: SandboxRequest, store: Map<string, unknown>) => SandboxResponse,
  ) => ({
    method: 'POST' as const,
    path,
    kind: 'api' as const,
    handle: (
      request: SandboxRequest,
      context: { store: Map<string, unknown>; now: () => number },
    ) => verify(request, context.now()) ?? handle(request, context.store),
  })

  return {
    platform: 'youshu',
    credentials,
    reset: () => {
      dataSources.clear()
      usedNonces.clear()
      nextDataSource = 101
    },
    routes: [
      route('/data-api/v1/data_source/add', (request) => {
        const merchantId = (request.json as Json | undefined)?.merchantId
        if (merchantId !== credentials.merchantId)
          return fail(
            youshuSandboxRetcodes.invalidRequest,
            'merchantId does not belong to this app',
          )
        if (dataSources.has(merchantId))
          return {
            status: 200,
            body: { retcode: 16, errmsg: 'data_source_already_exist', data: {} },
          }
        const id = String(nextDataSource++)
        dataSources.set(merchantId, id)
        return ok({ dataSource: { id, merchantId } })
      }),
      route('/data-api/v1/data_source/get', (request) => {
        const merchantId =
          request.query.get('merchantId') ?? (request.json as Json | undefined)?.merchantId
        const id = typeof merchantId === 'string' ? dataSources.get(merchantId) : undefined
        if (id === undefined)
          return fail(youshuSandboxRetcodes.unknownDataSource, 'no data source for this merchant')
        return ok({ dataSource: { id, merchantId } })
      }),
      route('/data-api/v1/order/add_order', (request, store) =>
        addOrders(request.json, store, new Set(dataSources.values())),
      ),
      route('/data-api/v1/order/update', (request, store) => updateStatuses(request.json, store)),
    ],
  }
}

/** add_order: a known data source, 1 to 50 orders each valid by the document; stores them all or none. */
function addOrders(
  body: unknown,
  store: Map<string, unknown>,
  dataSourceIds: ReadonlySet<string>,
): SandboxResponse {
  if (!isObject(body))
    return fail(youshuSandboxRetcodes.invalidRequest, 'body must be a JSON object')
  if (!dataSourceIds.has(String(body.dataSourceId))) {
    return fail(
      youshuSandboxRetcodes.unknownDataSource,
      'unknown dataSourceId: the sandbox has no data source by that id (was it reset since the client looked it up?); look the data source up again through data_source/add or data_source/get',
    )
  }
  const orders = body.orders
  if (!Array.isArray(orders) || orders.length < 1 || orders.length > 50) {
    return fail(youshuSandboxRetcodes.invalidRequest, 'orders: 1 to 50 orders')
  }
  for (const [index, order] of orders.entries()) {
    const problem = checkOrder(order, `orders[${index}]`)
    if (problem !== undefined) return fail(youshuSandboxRetcodes.invalidRequest, problem)
  }
  for (const order of orders as Json[]) store.set(String(order.external_order_id), order)
  return ok()
}

/** order/update: 1 to 50 status changes of stored orders; applies them all or none. */
function updateStatuses(body: unknown, store: Map<string, unknown>): SandboxResponse {
  if (
    !isObject(body) ||
    !Array.isArray(body.orders) ||
    body.orders.length < 1 ||
    body.orders.length > 50
  ) {
    return fail(youshuSandboxRetcodes.invalidRequest, 'orders: 1 to 50 status changes')
  }
  for (const [index, change] of (body.orders as unknown[]).entries()) {
    if (!isObject(change) || !store.has(String(change.external_order_id))) {
      return fail(
        youshuSandboxRetcodes.invalidRequest,
        `orders[${index}].external_order_id: unknown order`,
      )
    }
    if (
      !statuses.has(String(change.order_status)) ||
      !/^\d{13}$/.test(String(change.status_change_time))
    ) {
      return fail(
        youshuSandboxRetcodes.invalidRequest,
        `orders[${index}]: order_status and 13-digit status_change_time required`,
      )
    }
  }
  for (const change of body.orders as Json[]) {
    const stored = store.get(String(change.external_order_id)) as Json
    store.set(String(change.external_order_id), {
      ...stored,
      order_status: change.order_status,
      status_change_time: change.status_change_time,
    })
  }
  return ok()
}
