import {
  type Address,
  type Conversion,
  type ConversionSetup,
  formatIsoInstant,
  type ModifierGroup,
  type ModifierItem,
  type Money,
  maxModifierDepth,
  type Order,
  type OrderChannel,
  type OrderLine,
  type OrderType,
  omitUndefined,
  requireParsedOrder,
  type SyncWarning,
  startConversion,
  warnDroppedFields,
} from '@ordersync/core'
import { mapWixtarStatus } from './map-wixtar-status.ts'
import { modifierTooDeepCode, modifierTooDeepMessage } from './wixtar-modifier-depth.ts'
import {
  defaultWixtarAmountScale,
  formatWixtarAmount,
  toWixtarAmount,
  toWixtarMoney,
  type WixtarAmountScale,
  type WixtarMoney,
} from './wixtar-money.ts'
import {
  type WixtarLineOptions,
  type WixtarOrderOptions,
  wixtarLineOptionsSchema,
  wixtarOrderOptionsSchema,
} from './wixtar-order-options.ts'
import type {
  WixtarItem,
  WixtarModifierGroup,
  WixtarOrder,
  WixtarOrderState,
} from './wixtar-order-schema.ts'

/**
 * Settings that shape the Wixtar payload beyond the order itself. Each covers a gap of the
 * document: the unit of amounts, and the values of the free-text `type`, `source_type` and
 * `payments[].type` (the document gives one example of each: `DELIVERY`, `APP`, `CASH`).
 *
 * @example
 * ```ts
 * toWixtarOrder(order, { amountScale: { charges: 'minor', payments: 'minor' }, salesMethods: { pickup: 'TAKE_OUT' } })
 * ```
 */
export interface WixtarConversionOptions {
  /**
   * The unit of the integer amounts, per group of fields; see {@link WixtarAmountScale}. A group
   * left out keeps its default.
   *
   * @default { charges: 'major', items: 'minor', payments: 'major' } — the units of Wixtar's example ({@link defaultWixtarAmountScale})
   */
  readonly amountScale?: Partial<WixtarAmountScale>
  /**
   * `type` ("sales method") by canonical order type; an order's `platformOptions.wixtar.salesMethod`
   * wins.
   *
   * @default { pickup: 'PICKUP', dine_in: 'DINE_IN', delivery: 'DELIVERY', shipping: 'SHIPPING', virtual: 'VIRTUAL' }
   */
  readonly salesMethods?: Partial<Readonly<Record<OrderType, string>>>
  /**
   * `source_type` ("client equipment") by canonical channel; an order's
   * `platformOptions.wixtar.sourceType` wins.
   *
   * @default the channel in upper case: `app` → `APP`, `mini_program` → `MINI_PROGRAM`, …
   */
  readonly sourceTypes?: Partial<Readonly<Record<OrderChannel, string>>>
  /**
   * `payments[].type` by canonical payment method (an open list).
   *
   * @default the method in upper case: `cash` → `CASH`, `wechat_pay` → `WECHAT_PAY`
   */
  readonly paymentTypes?: Readonly<Record<string, string>>
}

/**
 * What {@link toWixtarOrder} makes of an order: one entry of the upload's `orders`, and the
 * warnings.
 *
 * @example
 * ```ts
 * const { order, warnings } = toWixtarOrder(parseOrder(wixtarDocumentOrder))
 * order.current_state // 'COMPLETED'
 * ```
 */
export interface WixtarPreparedOrder {
  readonly order: WixtarOrder
  readonly warnings: readonly SyncWarning[]
}

const defaultSalesMethods: Readonly<Record<OrderType, string>> = {
  pickup: 'PICKUP',
  dine_in: 'DINE_IN',
  delivery: 'DELIVERY',
  shipping: 'SHIPPING',
  virtual: 'VIRTUAL',
}

// Every canonical field toWixtarOrder reports, or warns about in words of its own; any other field
// present in an order gets a field_dropped warning (warnDroppedFields).
const carriedFields = [
  'id',
  'type',
  'status',
  'createdAt',
  'modifiedAt',
  'channel',
  'buyer.name',
  'buyer.phone',
  'merchant.name',
  'merchant.store.id',
  'merchant.store.name',
  'merchant.store.region',
  // A line's id only links discounts and after-sales to it inside the order; the item is `id`'d by its SKU.
  'lines.*.id',
  'lines.*.skuId',
  'lines.*.name',
  'lines.*.quantity',
  'lines.*.unitPrice',
  'lines.*.modifiers',
  'charges.goodsSubtotal',
  'charges.freight',
  'charges.fees.*.amount',
  'charges.discounts.*.amount',
  'charges.discounts.*.level',
  'payableAmount',
  'paidAmount',
  'payments.*.method',
  'payments.*.amount',
  'delivery.address',
  'delivery.window.start',
]

// The parts of an address in customer.address, in the order they are written.
const addressParts = [
  'line1',
  'line2',
  'town',
  'district',
  'city',
  'province',
  'postalCode',
  'country',
] as const satisfies readonly (keyof Address)[]

const wixtarConversion: ConversionSetup = {
  platform: 'wixtar',
  platformName: 'Wixtar',
  ruleCode: 'wixtar_required',
  optionSchemas: { order: wixtarOrderOptionsSchema, line: wixtarLineOptionsSchema },
}

const modifiedAtWarning: SyncWarning = {
  path: ['modifiedAt'],
  code: 'field_dropped',
  message:
    'Wixtar has no modification time: the last upload of an order_id is what it keeps, so send the versions of an order in the order they happened',
}

/**
 * Turns a valid canonical order into one order of Wixtar's "Upload Order Details"
 * (`POST /v1/data_center/order/upload`). Pure and synchronous.
 *
 * Money: each group of fields in its unit ({@link WixtarConversionOptions.amountScale}; by
 * default the example's: whole dollars for charges and payments, cents for item prices), with
 * `formatted_amount` the same money in major units ({@link formatWixtarAmount}: `"400"`,
 * `"400.50"`). The identities hold by construction: `sub_total` = the goods = Σ
 * `cart.items[].price.total_price` (unit price × quantity, before discounts); `total` = goods +
 * freight + fees; `discount` = every discount; `total_fee` = `total` − `discount` = what the buyer
 * owes; the payments add up to what was paid.
 *
 * Modifiers: every level of `lines[].modifiers` core takes (six, `maxModifierDepth`) becomes
 * `selected_modifier_groups`, nested as deep, each choice priced in the items' unit.
 *
 * Time: `placed_at` (the order's creation) and `pickup_at` (the start of its delivery window) as
 * ISO 8601 in UTC with `Z`, milliseconds only when there are some.
 *
 * @param parsed - A valid canonical order, as `parseOrder` returns it.
 * @param options - Amount units and the values of the free-text fields.
 * @returns The order and the warnings.
 * @throws `InvalidArgumentError` (`@ordersync/core`) for an order that did not go through
 *   `parseOrder` or contains itself (a cycle); `WixtarNotReportableError` for an order that is not finished (Wixtar takes COMPLETED and
 *   CANCELLED orders only); `ValidationError` (`@ordersync/core`) naming the canonical path and the
 *   Wixtar rule an order breaks (no store, no company name, an amount with cents where its group
 *   is in whole units, a sum or a choice's price × quantity beyond 2⁵³ − 1 minor units, modifier
 *   groups nested deeper than core's `maxModifierDepth` in an order changed after `parseOrder`),
 *   every one at once; malformed `platformOptions.wixtar` is refused first, on its own, since
 *   nothing else can be trusted then.
 * @example
 * ```ts
 * import { parseOrder } from '@ordersync/core'
 * import { wixtarDocumentOrder } from '@ordersync/wixtar/fixtures'
 * import { toWixtarOrder } from '@ordersync/wixtar'
 *
 * const { order } = toWixtarOrder(parseOrder(wixtarDocumentOrder))
 * order.charges.total_fee // { amount: 1000, currency_code: 'TWD', formatted_amount: '1000' }
 * order.cart.items[0]?.price?.unit_price // { amount: 40000, currency_code: 'TWD', formatted_amount: '400' }
 * ```
 */
export function toWixtarOrder(
  parsed: Order,
  options: WixtarConversionOptions = {},
): WixtarPreparedOrder {
  const order = requireParsedOrder(parsed, 'wixtar')
  // Before anything else is checked: an open order is not reportable yet, whatever else it holds.
  const status = mapWixtarStatus(order.status)
  const conversion = startConversion(order, wixtarConversion)
  conversion.warn(...status.warnings)
  const encode = createAmountEncoder(
    { ...defaultWixtarAmountScale, ...options.amountScale },
    conversion,
  )
  checkStore(order, conversion)
  const parts: ConvertedParts = {
    state: status.state,
    customer: convertCustomer(order, conversion),
    charges: convertCharges(order, encode, conversion),
    payments: convertPayments(order, encode, options.paymentTypes),
    items: order.lines.map((line, index) =>
      convertLine(line, ['lines', index], { encode, conversion }),
    ),
  }
  conversion.warn(modifiedAtWarning, ...warnDroppedFields(order, carriedFields, 'Wixtar'))
  const { payload, warnings } = conversion.finish(assembleOrder(order, parts, options))
  return { order: payload, warnings }
}

/** The parts of a Wixtar order converted from the canonical order, each by its own step. */
interface ConvertedParts {
  readonly state: WixtarOrderState
  readonly customer: WixtarOrder['customer']
  readonly charges: WixtarOrder['charges']
  readonly payments: WixtarOrder['payments']
  readonly items: readonly WixtarItem[]
}

/** The Wixtar order: the converted parts, with the order's own fields and the free-text values. */
function assembleOrder(
  order: Order,
  parts: ConvertedParts,
  options: WixtarConversionOptions,
): WixtarOrder {
  const wixtar: WixtarOrderOptions = order.platformOptions?.wixtar ?? {}
  const store = order.merchant?.store
  const pickupAt = order.delivery?.window?.start
  return omitUndefined({
    order_id: order.id,
    current_state: parts.state,
    paid: order.paidAmount.amount >= order.payableAmount.amount,
    placed_at: formatIsoInstant(order.createdAt, 'Z'),
    pickup_at: pickupAt === undefined ? undefined : formatIsoInstant(pickupAt, 'Z'),
    type: wixtar.salesMethod ?? salesMethodOf(order.type, options.salesMethods),
    // A missing store or company name is a problem already recorded (checkStore): the conversion
    // throws before this placeholder could be sent.
    store: omitUndefined({
      id: store?.id ?? '',
      name: store?.name,
      group: store?.region,
      company: order.merchant?.name ?? '',
    }),
    customer: parts.customer,
    payments: parts.payments,
    charges: parts.charges,
    cart: { items: parts.items },
    source_type: wixtar.sourceType ?? sourceTypeOf(order.channel, options.sourceTypes),
    customize: wixtar.customize,
  })
}

/** `type` ("sales method") of an order type: the client's mapping, else the default. */
function salesMethodOf(
  type: OrderType,
  salesMethods: WixtarConversionOptions['salesMethods'],
): string {
  return salesMethods?.[type] ?? defaultSalesMethods[type]
}

/** `source_type` ("client equipment") of a channel: the client's mapping, else the channel in upper case. */
function sourceTypeOf(
  channel: OrderChannel | undefined,
  sourceTypes: WixtarConversionOptions['sourceTypes'],
): string | undefined {
  return channel === undefined ? undefined : (sourceTypes?.[channel] ?? channel.toUpperCase())
}

type Path = (string | number)[]

/** Writes amounts in the unit of their group, and records a problem for one its unit cannot carry. */
interface AmountEncoder {
  /** A Wixtar `Money`; a placeholder after recording a problem (the conversion then throws). */
  money(value: Money, group: keyof WixtarAmountScale, path: Path): WixtarMoney
  /** A plain integer (`payment_amount`); `undefined` after recording a problem. */
  integer(value: Money, group: keyof WixtarAmountScale, path: Path): number | undefined
}

function createAmountEncoder(scale: WixtarAmountScale, conversion: Conversion): AmountEncoder {
  const refuse = (value: Money, group: keyof WixtarAmountScale, path: Path): void => {
    conversion.problem(
      path,
      `has a fractional part in ${value.currency}, and Wixtar's ${group} amounts are whole units of the currency (amountScale.${group} = 'major'): it cannot be sent without rounding — use 'minor' for ${group}, or fix the amount`,
      'wixtar_amount_scale',
    )
  }
  // Every amount of a valid order is a safe integer of minor units; a sum (goods, freight and
  // fees in charges.total, the discounts) or a choice's price × quantity may not be. Beyond
  // 2⁵³ − 1 an amount is exact neither in ordersync nor as a JSON integer: it is refused, not sent
  // rounded.
  const beyondLimit = (value: Money, group: keyof WixtarAmountScale, path: Path): boolean => {
    if (Number.isSafeInteger(value.amount)) return false
    const largest = formatWixtarAmount({
      amount: Number.MAX_SAFE_INTEGER,
      currency: value.currency,
    })
    conversion.problem(
      path,
      `comes to more than ${largest} ${value.currency} (2⁵³ − 1 minor units), beyond which an amount is exact neither in ordersync nor as a JSON integer: Wixtar's ${group} amount cannot carry it`,
      'wixtar_amount_limit',
    )
    return true
  }
  return {
    money(value, group, path) {
      const encoded = beyondLimit(value, group, path)
        ? undefined
        : toWixtarMoney(value, scale[group])
      if (encoded !== undefined) return encoded
      if (Number.isSafeInteger(value.amount)) refuse(value, group, path)
      // Never sent: the problem just recorded makes the conversion throw before it returns.
      return { amount: 0, currency_code: value.currency, formatted_amount: '' }
    },
    integer(value, group, path) {
      if (beyondLimit(value, group, path)) return undefined
      const amount = toWixtarAmount(value, scale[group])
      if (amount === undefined) refuse(value, group, path)
      return amount
    },
  }
}

/** Wixtar files every order under a store (`store.id`) of a company (`store.company`). */
function checkStore(order: Order, conversion: Conversion): void {
  if (order.merchant?.store === undefined) {
    conversion.problem(
      ['merchant', 'store'],
      'is required: Wixtar files every order under a store (store.id)',
      'wixtar_required',
    )
  }
  if (order.merchant?.name === undefined) {
    conversion.problem(
      ['merchant', 'name'],
      'is required: it is Wixtar\'s store.company (the example\'s "Epoint")',
      'wixtar_required',
    )
  }
}

/**
 * The buyer as Wixtar's `customer`, each part optional: the buyer's name and phone, else the
 * recipient's, and the delivery address where it is the buyer's.
 */
function convertCustomer(order: Order, conversion: Conversion): WixtarOrder['customer'] {
  const address = buyersAddress(order, conversion)
  if (address !== undefined) {
    conversion.warn(...warnDifferingFromBuyer(order, address), ...warnPartsWithoutField(address))
  }
  return omitUndefined({
    name: order.buyer?.name ?? address?.name,
    mobile: order.buyer?.phone ?? address?.phone,
    address: address === undefined ? undefined : formatAddress(address),
  })
}

/**
 * The delivery address where the order goes to the buyer (delivery, shipping); a pickup or dine-in
 * order's address is the shop's, and is dropped with a warning.
 */
function buyersAddress(order: Order, conversion: Conversion): Address | undefined {
  const address = order.delivery?.address
  if (address === undefined || order.type === 'delivery' || order.type === 'shipping') {
    return address
  }
  conversion.warn({
    path: ['delivery', 'address'],
    code: 'field_dropped',
    message: `is the ${order.type === 'pickup' ? 'pickup point' : 'place of service'} of a ${order.type} order, and Wixtar's customer is the buyer: it is not reported`,
  })
  return undefined
}

/** The recipient's name and phone where they differ from the buyer's: Wixtar has one of each. */
function warnDifferingFromBuyer(order: Order, address: Address): SyncWarning[] {
  return (['name', 'phone'] as const).flatMap((part): SyncWarning[] => {
    const buyerValue = order.buyer?.[part]
    if (address[part] === undefined || buyerValue === undefined || address[part] === buyerValue) {
      return []
    }
    return [
      {
        path: ['delivery', 'address', part],
        code: 'field_dropped',
        message: `differs from buyer.${part}, and Wixtar's customer has one ${part === 'phone' ? 'mobile' : 'name'}: the buyer's is reported`,
      },
    ]
  })
}

// The parts of an address that customer.address has no place for.
const addressPartsWithoutField = [
  'label',
  'latitude',
  'longitude',
  'countryCode',
  'provinceCode',
  'cityCode',
  'districtCode',
] as const satisfies readonly (keyof Address)[]

/** A warning for each part of the address Wixtar has no field for. */
function warnPartsWithoutField(address: Address): SyncWarning[] {
  return addressPartsWithoutField
    .filter((part) => address[part] !== undefined)
    .map((part) => ({
      path: ['delivery', 'address', part],
      code: 'field_dropped',
      message: `Wixtar has no field for delivery.address.${part}: it is not reported`,
    }))
}

/** The parts of an address joined with `, `, in {@link addressParts} order; `undefined` for none. */
function formatAddress(address: Address): string | undefined {
  return (
    addressParts
      .map((part) => address[part])
      .filter((part): part is string => part !== undefined)
      .join(', ') || undefined
  )
}

/**
 * `charges`, by the identities: `total` = goods + freight + fees, `sub_total` = the goods,
 * `discount` = every discount, `total_fee` = what the buyer owes.
 */
function convertCharges(
  order: Order,
  encode: AmountEncoder,
  conversion: Conversion,
): WixtarOrder['charges'] {
  const currency = order.payableAmount.currency
  const sumOf = (values: readonly Money[]): Money => ({
    amount: values.reduce((total, value) => total + value.amount, 0),
    currency,
  })
  const goods = order.charges.goodsSubtotal
  const fees = (order.charges.fees ?? []).map((fee) => fee.amount)
  const freight = order.charges.freight === undefined ? [] : [order.charges.freight]
  const total = sumOf([goods, ...freight, ...fees])
  const discount = sumOf((order.charges.discounts ?? []).map((entry) => entry.amount))
  const charges = {
    total: encode.money(total, 'charges', ['charges']),
    sub_total: encode.money(goods, 'charges', ['charges', 'goodsSubtotal']),
    discount: encode.money(discount, 'charges', ['charges', 'discounts']),
    total_fee: encode.money(order.payableAmount, 'charges', ['payableAmount']),
  }
  if (freight.length > 0 || fees.length > 0) {
    conversion.warn({
      path: ['charges'],
      code: 'value_folded',
      message:
        'Wixtar has no field for freight or fees: they are counted in charges.total, the part of it above sub_total',
    })
  }
  return charges
}

/** `payments`: the order's, or one for what was paid when it lists none. */
function convertPayments(
  order: Order,
  encode: AmountEncoder,
  paymentTypes: WixtarConversionOptions['paymentTypes'],
): WixtarOrder['payments'] {
  if (order.payments === undefined || order.payments.length === 0) {
    return order.paidAmount.amount > 0
      ? [{ payment_amount: encode.integer(order.paidAmount, 'payments', ['paidAmount']) }]
      : []
  }
  return order.payments.map((payment, index) =>
    omitUndefined({
      type: paymentTypes?.[payment.method] ?? payment.method.toUpperCase(),
      payment_amount: encode.integer(payment.amount, 'payments', ['payments', index, 'amount']),
    }),
  )
}

/** What converting the cart items needs: the amounts' encoder, and the conversion for problems. */
interface ItemContext {
  readonly encode: AmountEncoder
  readonly conversion: Conversion
}

/** One cart item of a line, its modifier groups as deep as the canonical order nests them. */
function convertLine(line: OrderLine, path: Path, context: ItemContext): WixtarItem {
  const lineOptions: WixtarLineOptions = line.platformOptions?.wixtar ?? {}
  return omitUndefined({
    id: line.skuId,
    title: line.name,
    serial_number: lineOptions.serialNumber,
    quantity: line.quantity,
    price: convertItemPrice(line.unitPrice, line.quantity, [...path, 'unitPrice'], context.encode),
    selected_modifier_groups: convertModifierGroups(
      line.modifiers,
      [...path, 'modifiers'],
      context,
      1,
    ),
    ticket_no: lineOptions.ticketNo,
    redeem_point: lineOptions.redeemPoint,
  })
}

/** `price`: the unit price and the unit price × quantity, before discounts, in the items' unit. */
function convertItemPrice(
  unitPrice: Money,
  quantity: number,
  path: Path,
  encode: AmountEncoder,
): NonNullable<WixtarItem['price']> {
  const totalPrice: Money = { amount: unitPrice.amount * quantity, currency: unitPrice.currency }
  return {
    unit_price: encode.money(unitPrice, 'items', path),
    total_price: encode.money(totalPrice, 'items', path),
  }
}

/**
 * `selected_modifier_groups` at `level` (a line's own groups are level 1): Wixtar's `Item` and
 * `ModifierGroup` nest without a stated limit, so every level core takes (`maxModifierDepth`) is
 * carried as it is, none flattened or dropped. Deeper groups — an order changed after
 * `parseOrder`, perhaps into one that contains itself — are a problem, not walked.
 */
function convertModifierGroups(
  groups: readonly ModifierGroup[] | undefined,
  path: Path,
  context: ItemContext,
  level: number,
): WixtarModifierGroup[] | undefined {
  if (groups === undefined || groups.length === 0) return undefined
  if (level > maxModifierDepth) {
    context.conversion.problem(path, modifierTooDeepMessage(level), modifierTooDeepCode)
    return undefined
  }
  return groups.map((group, index) => {
    const choices = (key: 'selected' | 'removed'): WixtarItem[] | undefined => {
      const list = group[key]
      return list === undefined || list.length === 0
        ? undefined
        : list.map((choice, choiceIndex) =>
            convertModifierItem(choice, [...path, index, key, choiceIndex], context, level),
          )
    }
    return omitUndefined({
      id: group.id,
      title: group.name,
      selected_items: choices('selected'),
      removed_items: choices('removed'),
    })
  })
}

/** A choice in a group at `level`, as Wixtar's `Item`, with the groups of choices made on it. */
function convertModifierItem(
  choice: ModifierItem,
  path: Path,
  context: ItemContext,
  level: number,
): WixtarItem {
  return omitUndefined({
    id: choice.id,
    title: choice.name,
    quantity: choice.quantity,
    price:
      choice.unitPrice === undefined
        ? undefined
        : convertItemPrice(
            choice.unitPrice,
            choice.quantity,
            [...path, 'unitPrice'],
            context.encode,
          ),
    selected_modifier_groups: convertModifierGroups(
      choice.modifiers,
      [...path, 'modifiers'],
      context,
      level + 1,
    ),
  })
}
