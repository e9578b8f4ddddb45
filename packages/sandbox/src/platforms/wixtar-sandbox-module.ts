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

// Wixtar's Data Center order upload, written from Wixtar's documents alone (it does not import
// @ordersync/wixtar): "Upload Order Details" (Data Center API,
// https://private-api-docs.wixtar.com/Data%20Center%20API/upload-order-details) and "Auth Login"
// (https://private-api-docs.wixtar.com/Guides/authentication) for the client-credentials token.
// Wixtar publishes neither its error envelope, nor its success answer, nor a batch limit: the
// sandbox's own choices are documented on createWixtarSandboxModule.

const uploadPath = '/v1/data_center/order/upload'
const currentStates = ['COMPLETED', 'CANCELLED']
// ISO 8601 with a zone (the document's examples end in Z; a time without a zone is ambiguous).
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/
// Wixtar's Item and ModifierGroup nest without a stated limit. The sandbox reads six levels of
// modifier groups on a cart item — the most Uber Eats' Menu API documents ("Example Menu
// Payloads", Six Level Deeply Nested Menu,
// https://developer.uber.com/docs/eats/references/api/v2/example-menu-payloads), whose order shape
// Wixtar's follows — and refuses a seventh with 400 rather than walk a body nested without end.
const maxModifierLevels = 6
// ISO 4217's minor units (the "Minor unit" column of its current list, kept by SIX for ISO:
// https://www.six-group.com/en/products-services/financial-information/data-standards.html):
// every code not listed here has 2.
const currencyDecimalsOtherThanTwo: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
}

/**
 * What the Wixtar module accepts: the `client_id` and `client_secret` Wixtar issues to a merchant.
 *
 * @example
 * ```ts
 * const { clientId, clientSecret } = sandbox.credentials.wixtar as WixtarSandboxCredentials
 * ```
 */
export type WixtarSandboxCredentials = {
  readonly clientId: string
  readonly clientSecret: string
}

/**
 * The unit of each group of Wixtar `Money` amounts, so that the sandbox can check
 * `formatted_amount` against `amount`. Each group is one of:
 * - `'minor'` — the currency's smallest unit, at its ISO 4217 exponent: 2 decimals for TWD
 *   (`{"amount": 40000, "formatted_amount": "400"}`), none for JPY (`400` is `"400"`), 3 for KWD;
 * - `'major'` — whole units, no decimals whatever the currency (`1100` is `"1100"`);
 * - a number from 0 to 4 — that many decimals whatever the currency, for a tenant that counts so.
 *
 * With `'minor'`, the currency is the Money's `currency_code`, else the order's (the first
 * `currency_code` of its charges, then of its cart items' prices).
 *
 * @example
 * ```ts
 * const cents: WixtarAmountScale = { charges: 'minor', items: 'minor', payments: 'minor' }
 * const twoDecimals: WixtarAmountScale = { charges: 2, items: 2, payments: 2 }
 * ```
 */
export interface WixtarAmountScale {
  /** `charges.total`, `sub_total`, `discount`, `total_fee`. */
  readonly charges: 'minor' | 'major' | number
  /** Every `price.unit_price` and `price.total_price` of the cart, modifiers included. */
  readonly items: 'minor' | 'major' | number
  /** `payments[].payment_amount` (a plain integer, compared with `charges.total_fee`). */
  readonly payments: 'minor' | 'major' | number
}

/** The unit of one group of amounts. */
type AmountUnit = WixtarAmountScale['charges']

/**
 * Options of {@link createWixtarSandboxModule}.
 *
 * @example
 * ```ts
 * createWixtarSandboxModule({ amountScale: { charges: 2, items: 2, payments: 2 }, maxOrdersPerRequest: 100 })
 * ```
 */
export interface WixtarSandboxOptions {
  /**
   * The unit of each group of amounts. Wixtar's own example writes charges in whole dollars
   * (`1100` shown as "1100") and item prices in cents (`40000` shown as "400"), and pays `1000`
   * against a `total_fee` of `1000`; the default reads the example so, item prices in the
   * currency's minor unit, so the document's request is accepted as it stands. The same units are
   * the default `amountScale` of `@ordersync/wixtar`, in every currency (JPY's minor unit is the
   * yen itself): a client and this module on their defaults agree. Each group given replaces its
   * default.
   *
   * @default { charges: 'major', items: 'minor', payments: 'major' }
   */
  readonly amountScale?: Partial<WixtarAmountScale>
  /**
   * The most orders one upload takes; more answer HTTP 413. Wixtar documents no limit.
   *
   * @default 1000
   */
  readonly maxOrdersPerRequest?: number
  /**
   * The `expires_in` of issued tokens ("expires_in": 2592000, 30 days, in "Auth Login").
   *
   * @default 2592000
   */
  readonly tokenLifetimeSeconds?: number
}

/** Whether `formatted` writes `amount` at `scale` decimal places ("400", "400.0" and "400.00" all write 40000 at scale 2). */
function formatsAmount(formatted: string, amount: number, scale: number): boolean {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(formatted)
  if (match === null) return false
  const [, sign = '', whole = '', fraction = ''] = match
  if (/[^0]/.test(fraction.slice(scale))) return false
  const scaled = BigInt(`${sign}${whole}${fraction.slice(0, scale).padEnd(scale, '0')}`)
  return scaled === BigInt(amount)
}

/** Major units of an amount at a scale, for messages ("400" for 40000 at scale 2). */
function formatMajor(amount: number, scale: number): string {
  if (scale === 0) return String(amount)
  const digits = String(Math.abs(amount)).padStart(scale + 1, '0')
  return `${amount < 0 ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`
}

/** What reading one order's amounts takes: each group's unit and the order's currency. */
interface AmountReading {
  readonly scale: WixtarAmountScale
  /** The order's currency, for a Money (or a payment) that names none. */
  readonly currency: string | undefined
}

/** The ISO 4217 exponent of a currency: 2 unless it is one of the exceptions. */
function currencyDecimals(currency: string): number {
  return currencyDecimalsOtherThanTwo[currency] ?? 2
}

/** The decimal places of `unit` in `currency`; `undefined` when `'minor'` has no currency to go by. */
function decimalsOf(unit: AmountUnit, currency: string | undefined): number | undefined {
  if (unit === 'major') return 0
  if (unit === 'minor') return currency === undefined ? undefined : currencyDecimals(currency)
  return unit
}

/** The message for amounts in minor units with no currency anywhere in the order. */
function noCurrency(at: string): string {
  return `${at}.currency_code: required to read amount in the currency's minor units (amountScale 'minor'), and the order names no currency`
}

/** The order's currency: the first ISO 4217 `currency_code` of its charges, then of its cart items' prices. */
function readOrderCurrency(charges: JsonObject, cart: JsonObject): string | undefined {
  const items = Array.isArray(cart.items) ? cart.items : []
  const prices = items.flatMap((item) =>
    isObject(item) && isObject(item.price) ? [item.price.unit_price, item.price.total_price] : [],
  )
  const candidates = [
    charges.total_fee,
    charges.total,
    charges.sub_total,
    charges.discount,
    ...prices,
  ]
  for (const money of candidates) {
    if (
      isObject(money) &&
      typeof money.currency_code === 'string' &&
      /^[A-Z]{3}$/.test(money.currency_code)
    )
      return money.currency_code
  }
  return undefined
}

function checkMoney(
  value: unknown,
  at: string,
  unit: AmountUnit,
  orderCurrency: string | undefined,
): string | undefined {
  if (!isObject(value)) return `${at}: must be a Money object`
  const problem =
    checkInteger(value, 'amount', at, { required: false }) ??
    checkInteger(value, 'discount', at, { required: false }) ??
    checkString(value, 'currency_code', at, { required: false }) ??
    checkString(value, 'formatted_amount', at, { required: false })
  if (problem !== undefined) return problem
  if (value.currency_code !== undefined && !/^[A-Z]{3}$/.test(value.currency_code as string))
    return `${at}.currency_code: must be an ISO 4217 code`
  if (typeof value.amount !== 'number' || typeof value.formatted_amount !== 'string')
    return undefined
  const scale = decimalsOf(unit, (value.currency_code as string | undefined) ?? orderCurrency)
  if (scale === undefined) return noCurrency(at)
  if (!formatsAmount(value.formatted_amount, value.amount, scale)) {
    return `${at}.formatted_amount: must write amount ${value.amount} at scale ${scale} ("${formatMajor(value.amount, scale)}"), got "${value.formatted_amount}"`
  }
  return undefined
}

/** An optional array of Items or ModifierGroups; the document's example sends null for none. */
function checkNullableList(
  object: JsonObject,
  key: string,
  at: string,
  check: (entry: unknown, where: string) => string | undefined,
): string | undefined {
  return (
    checkArray(object, key, at, { required: false, nullable: true }) ??
    checkEach(object, key, at, check)
  )
}

/** The modifier groups of an item whose own groups are at `level`, refused beyond the sandbox's depth. */
function checkModifierLevel(item: JsonObject, at: string, level: number): string | undefined {
  const groups = item.selected_modifier_groups
  if (level <= maxModifierLevels || !Array.isArray(groups) || groups.length === 0) return undefined
  return `${at}.selected_modifier_groups: modifier groups nest at most ${maxModifierLevels} deep on a cart item; these would be level ${level}`
}

/** One item or modifier choice, whose own modifier groups are at `level` (1 for a cart item's). */
function checkItem(
  value: unknown,
  at: string,
  reading: AmountReading,
  level: number,
): string | undefined {
  if (!isObject(value)) return `${at}: must be an object`
  const problem =
    checkString(value, 'id', at, { required: false }) ??
    checkString(value, 'title', at, { required: false }) ??
    checkInteger(value, 'serial_number', at, { required: false }) ??
    // The document's example selects a modifier with quantity 0.
    checkInteger(value, 'quantity', at, { required: false, min: 0 }) ??
    checkObject(value, 'price', at, { required: false }) ??
    checkString(value, 'ticket_no', at, { required: false, allowEmpty: true }) ??
    checkInteger(value, 'redeem_point', at, { required: false, min: 0 }) ??
    checkModifierLevel(value, at, level)
  if (problem !== undefined) return problem
  if (isObject(value.price)) {
    for (const key of ['unit_price', 'total_price']) {
      if (value.price[key] === undefined) continue
      const price = value.price[key]
      const moneyProblem = checkMoney(
        price,
        `${at}.price.${key}`,
        reading.scale.items,
        reading.currency,
      )
      if (moneyProblem !== undefined) return moneyProblem
    }
  }
  // A modifier group's selected and removed items are Items, with their own groups in turn.
  return checkNullableList(value, 'selected_modifier_groups', at, (group, where) => {
    if (!isObject(group)) return `${where}: must be an object`
    return (
      checkString(group, 'id', where, { required: false }) ??
      checkString(group, 'title', where, { required: false }) ??
      checkNullableList(group, 'selected_items', where, (item, itemAt) =>
        checkItem(item, itemAt, reading, level + 1),
      ) ??
      checkNullableList(group, 'removed_items', where, (item, itemAt) =>
        checkItem(item, itemAt, reading, level + 1),
      )
    )
  })
}

/** ISO 8601 with a zone, of a real calendar date and time (no 31 April, no 24:00). */
function isRealInstant(value: string): boolean {
  const match = isoInstant.exec(value)
  if (match === null) return false
  const [year, month, day, hour, minute, second] = value
    .slice(0, 19)
    .split(/[-T:]/)
    .map(Number) as [number, number, number, number, number, number]
  const date = new Date(Date.UTC(year, month - 1, day))
  return (
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60 &&
    !/[+-](1[5-9]|2\d):|:[6-9]\d$/.test(match[2] ?? '')
  )
}

function checkInstant(object: JsonObject, key: string, at: string): string | undefined {
  const value = object[key]
  if (value === undefined) return undefined
  if (typeof value !== 'string' || !isRealInstant(value))
    return `${at}.${key}: must be ISO 8601 with Z or an offset, e.g. "2020-01-01T15:16:54.723Z"`
  return undefined
}

/**
 * What was paid is total_fee ("payment"): when payments carry amounts, they add up to it, each
 * side read in its own unit (the document's example pays 1000 against a total_fee of 1000).
 */
function checkPaymentsTotal(
  order: JsonObject,
  at: string,
  reading: AmountReading,
): string | undefined {
  const payments = order.payments as JsonObject[]
  const totalFee = (order.charges as JsonObject).total_fee as JsonObject
  if (
    order.paid === false ||
    payments.length === 0 ||
    !payments.every((payment) => typeof payment.payment_amount === 'number') ||
    typeof totalFee.amount !== 'number'
  )
    return undefined
  const currency = (totalFee.currency_code as string | undefined) ?? reading.currency
  const paymentsScale = decimalsOf(reading.scale.payments, currency)
  const chargesScale = decimalsOf(reading.scale.charges, currency)
  if (paymentsScale === undefined || chargesScale === undefined)
    return noCurrency(`${at}.charges.total_fee`)
  const paid = payments.reduce((total, payment) => total + (payment.payment_amount as number), 0)
  const common = Math.max(paymentsScale, chargesScale)
  if (
    BigInt(paid) * 10n ** BigInt(common - paymentsScale) !==
    BigInt(totalFee.amount) * 10n ** BigInt(common - chargesScale)
  ) {
    return `${at}.payments: payment_amount adds up to ${formatMajor(paid, paymentsScale)}, charges.total_fee.amount is ${formatMajor(totalFee.amount, chargesScale)}`
  }
  return undefined
}

/** The first problem of one uploaded order, or undefined. */
function checkOrder(order: unknown, at: string, scale: WixtarAmountScale): string | undefined {
  if (!isObject(order)) return `${at}: must be an object`
  const problem =
    checkString(order, 'order_id', at, { required: true }) ??
    // The field table marks current_state optional; when sent, only the two final states.
    checkString(order, 'current_state', at, { required: false }) ??
    (order.current_state === undefined || currentStates.includes(order.current_state as string)
      ? undefined
      : `${at}.current_state: must be COMPLETED or CANCELLED`) ??
    checkBoolean(order, 'paid', at, { required: false }) ??
    checkInstant(order, 'placed_at', at) ??
    checkInstant(order, 'pickup_at', at) ??
    checkString(order, 'type', at, { required: false }) ??
    checkObject(order, 'store', at, { required: true }) ??
    checkObject(order, 'customer', at, { required: true }) ??
    checkArray(order, 'payments', at, { required: true }) ??
    checkObject(order, 'charges', at, { required: true }) ??
    checkObject(order, 'cart', at, { required: true }) ??
    checkString(order, 'source_type', at, { required: false }) ??
    checkString(order, 'customize', at, { required: false, allowEmpty: true })
  if (problem !== undefined) return problem

  const store = order.store as JsonObject
  const customer = order.customer as JsonObject
  const charges = order.charges as JsonObject
  const cart = order.cart as JsonObject
  const reading: AmountReading = { scale, currency: readOrderCurrency(charges, cart) }
  const partsProblem =
    checkString(store, 'id', `${at}.store`, { required: true }) ??
    checkString(store, 'name', `${at}.store`, { required: false }) ??
    checkString(store, 'group', `${at}.store`, { required: false }) ??
    checkString(store, 'company', `${at}.store`, { required: true }) ??
    ['name', 'mobile', 'address'].reduce<string | undefined>(
      (found, key) => found ?? checkString(customer, key, `${at}.customer`, { required: false }),
      undefined,
    ) ??
    checkEach(order, 'payments', at, (payment, where) =>
      isObject(payment)
        ? (checkString(payment, 'type', where, { required: false }) ??
          checkInteger(payment, 'payment_amount', where, { required: false }))
        : `${where}: must be an object`,
    ) ??
    ['total', 'sub_total', 'discount', 'total_fee'].reduce<string | undefined>(
      (found, key) =>
        found ??
        (charges[key] === undefined
          ? `${at}.charges.${key}: required Money`
          : checkMoney(charges[key], `${at}.charges.${key}`, scale.charges, reading.currency)),
      undefined,
    ) ??
    checkArray(cart, 'items', `${at}.cart`, { required: true }) ??
    checkEach(cart, 'items', `${at}.cart`, (item, where) => checkItem(item, where, reading, 1))
  if (partsProblem !== undefined) return partsProblem
  return checkPaymentsTotal(order, at, reading)
}

/** Whether a unit is `'minor'`, `'major'` or a whole number of decimals from 0 to 4. */
function isAmountUnit(value: unknown): value is AmountUnit {
  if (value === 'minor' || value === 'major') return true
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 4
}

function readScale(options: WixtarSandboxOptions): WixtarAmountScale {
  const scale: WixtarAmountScale = {
    charges: 'major',
    items: 'minor',
    payments: 'major',
    ...options.amountScale,
  }
  for (const [group, value] of Object.entries(scale)) {
    if (!isAmountUnit(value))
      throw new Error(
        `[sandbox] wixtar amountScale.${group} must be an integer from 0 to 4, 'minor' or 'major'`,
      )
  }
  return scale
}

/**
 * The Wixtar module of the sandbox: the OAuth 2.0 client-credentials token and the Data Center
 * order upload.
 *
 * - `POST /oauth/v1/token`, `application/x-www-form-urlencoded` `client_id`, `client_secret`,
 *   `grant_type=client_credentials`, `scope=api` → `{access_token, expires_in: 2592000,
 *   token_type: 'Bearer', scope: 'api'}`. Wixtar does not publish its error envelope; the
 *   sandbox answers in OAuth 2.0's (RFC 6749 §5.2): HTTP 401 `{error: 'invalid_client'}` for a
 *   wrong client, HTTP 400 `invalid_request` (a missing parameter or another content type),
 *   `unsupported_grant_type` or `invalid_scope`, each with an `error_description` starting
 *   "sandbox:".
 * - `POST /v1/data_center/order/upload` with `Authorization: Bearer <token>`; a missing, unknown,
 *   invalidated or expired token answers HTTP 401 `{error: 'invalid_token', error_description}`
 *   with `WWW-Authenticate: Bearer error="invalid_token"` (RFC 6750 §3).
 * - The body `{orders: [...]}` holds 1 to `maxOrdersPerRequest` orders (more: HTTP 413
 *   `{error: 'too_many_orders'}`). Every order is checked by the document's field tables:
 *   `order_id`; `current_state` COMPLETED or CANCELLED; `paid`; `placed_at` and `pickup_at` ISO
 *   8601 with a zone; `type`; `store{id, name?, group?, company}`; `customer{name?, mobile?,
 *   address?}`; `payments[{type?, payment_amount?}]`; `charges{total, sub_total, discount,
 *   total_fee}` as `Money{amount?, discount?, currency_code?, formatted_amount?}` (integers, an
 *   ISO 4217 code); `cart.items[]` with `price{unit_price, total_price}` and
 *   `selected_modifier_groups` whose `selected_items` and `removed_items` are Items in turn (`null`
 *   for none, as in the example) — six levels of groups on a cart item, a seventh refused (Wixtar
 *   states no limit; six is the deepest Uber Eats menu, and a body nested without end is answered
 *   400, not walked); `ticket_no`, `redeem_point`, `source_type`, `customize`. Each Money's
 *   `formatted_amount` must write its `amount` in the unit of its group
 *   ({@link WixtarSandboxOptions.amountScale}: `'minor'` at the currency's ISO 4217 exponent),
 *   and payments that carry amounts must add up to `charges.total_fee.amount` (unless `paid` is
 *   false). The first problem answers HTTP 400
 *   `{error: 'invalid_request', error_description: 'sandbox: orders[i].<field>: <what>'}` and
 *   nothing of the request is stored.
 * - A valid upload stores each order as sent under its `order_id`, replacing an earlier upload of
 *   the same `order_id`, and answers HTTP 200 `{success: true, count: <orders in the upload>}`.
 *
 * @param options - Amount scales, the batch limit and the token lifetime.
 * @returns A fresh module (its own credentials, tokens and orders).
 * @throws `Error` when an amount unit is not `'minor'`, `'major'` or an integer from 0 to 4.
 * @example
 * ```ts
 * const sandbox = await startSandbox({ modules: [createWixtarSandboxModule({ amountScale: { charges: 'minor' } })] })
 * const { clientId, clientSecret } = sandbox.credentials.wixtar as WixtarSandboxCredentials
 * ```
 */
export function createWixtarSandboxModule(
  options: WixtarSandboxOptions = {},
): SandboxPlatformModule<'wixtar', WixtarSandboxCredentials> {
  const scale = readScale(options)
  const maxOrders = options.maxOrdersPerRequest ?? 1000
  const lifetime = options.tokenLifetimeSeconds ?? 2_592_000
  const credentials: WixtarSandboxCredentials = {
    clientId: `wixtar-sandbox-${randomBytes(6).toString('hex')}`,
    clientSecret: randomBytes(24).toString('hex'),
  }
  /** Issued tokens and when they expire, epoch milliseconds. */
  const tokens = new Map<string, number>()

  const error = (
    status: number,
    code: string,
    description: string,
    headers?: Record<string, string>,
  ): SandboxResponse => ({
    status,
    ...(headers === undefined ? {} : { headers }),
    body: { error: code, error_description: `sandbox: ${description}` },
  })

  const token: SandboxRoute = {
    method: 'POST',
    path: '/oauth/v1/token',
    kind: 'token',
    handle(request: SandboxRequest, context: SandboxContext) {
      const type = String(request.headers['content-type'] ?? '')
        .split(';')[0]
        ?.trim()
      if (type !== 'application/x-www-form-urlencoded')
        return error(400, 'invalid_request', 'the body must be application/x-www-form-urlencoded')
      const form = new URLSearchParams(request.body)
      const missing = ['client_id', 'client_secret', 'grant_type', 'scope'].find(
        (key) => (form.get(key) ?? '') === '',
      )
      if (missing !== undefined) return error(400, 'invalid_request', `${missing} is required`)
      if (
        form.get('client_id') !== credentials.clientId ||
        form.get('client_secret') !== credentials.clientSecret
      ) {
        return error(401, 'invalid_client', 'unknown client_id or wrong client_secret')
      }
      if (form.get('grant_type') !== 'client_credentials')
        return error(400, 'unsupported_grant_type', 'grant_type must be client_credentials')
      if (form.get('scope') !== 'api') return error(400, 'invalid_scope', 'scope must be api')
      const accessToken = randomBytes(32).toString('base64url')
      tokens.set(accessToken, context.now() + lifetime * 1000)
      return {
        status: 200,
        body: {
          access_token: accessToken,
          expires_in: lifetime,
          token_type: 'Bearer',
          scope: 'api',
        },
      }
    },
  }

  const unauthorized = (description: string) =>
    error(401, 'invalid_token', description, { 'www-authenticate': 'Bearer error="invalid_token"' })

  const upload: SandboxRoute = {
    method: 'POST',
    path: uploadPath,
    kind: 'api',
    handle(request: SandboxRequest, context: SandboxContext) {
      const bearer = /^Bearer\s+(\S+)$/i.exec(String(request.headers.authorization ?? ''))?.[1]
      if (bearer === undefined) return unauthorized('Authorization: Bearer <token> is required')
      const expiresAt = tokens.get(bearer)
      if (expiresAt === undefined) return unauthorized('the access token is not valid')
      if (context.now() >= expiresAt) return unauthorized('the access token has expired')
      const body = request.json
      if (!isObject(body) || !Array.isArray(body.orders))
        return error(400, 'invalid_request', 'body: must be a JSON object {"orders": [...]}')
      const orders = body.orders as unknown[]
      if (orders.length === 0) return error(400, 'invalid_request', 'orders: at least one order')
      if (orders.length > maxOrders)
        return error(413, 'too_many_orders', `orders: at most ${maxOrders} orders per upload`)
      for (const [index, order] of orders.entries()) {
        const problem = checkOrder(order, `orders[${index}]`, scale)
        if (problem !== undefined) return error(400, 'invalid_request', problem)
      }
      for (const order of orders as JsonObject[]) context.store.set(order.order_id as string, order)
      return { status: 200, body: { success: true, count: orders.length } }
    },
  }

  return {
    platform: 'wixtar',
    credentials,
    invalidateTokens: () => tokens.clear(),
    reset: () => tokens.clear(),
    routes: [token, upload],
  }
}
