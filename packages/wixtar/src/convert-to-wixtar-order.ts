import {
  type Address,
  checkPlatformOptions,
  formatIsoInstant,
  type ModifierGroup,
  type ModifierItem,
  type Money,
  type Order,
  type OrderChannel,
  type OrderLine,
  type OrderType,
  omitUndefined,
  requireParsedOrder,
  type SyncWarning,
  ValidationError,
  type ValidationIssue,
  warnDroppedFields,
} from '@ordersync/core'
import { mapWixtarStatus } from './map-wixtar-status.ts'
import {
  defaultWixtarAmountScale,
  toWixtarAmount,
  toWixtarMoney,
  type WixtarAmountScale,
  type WixtarMoney,
} from './wixtar-money.ts'
import { wixtarLineOptionsSchema, wixtarOrderOptionsSchema } from './wixtar-options-schema.ts'
import type { WixtarLineOptions, WixtarOrderOptions } from './wixtar-order-options.ts'
import type { WixtarItem, WixtarModifierGroup, WixtarOrder } from './wixtar-order-schema.ts'

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
 *   `parseOrder`; `WixtarNotReportableError` for an order that is not finished (Wixtar takes COMPLETED and
 *   CANCELLED orders only); `ValidationError` (`@ordersync/core`) naming the canonical path and the
 *   Wixtar rule an order breaks (no store, no company name, an amount with cents where its group
 *   is in whole units, malformed `platformOptions.wixtar`).
 * @example
 * ```ts
 * import { parseOrder } from '@ordersync/core'
 * import { wixtarDocumentOrder } from '@ordersync/core/fixtures'
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
  const issues: ValidationIssue[] = checkPlatformOptions(order, 'wixtar', {
    order: wixtarOrderOptionsSchema,
    line: wixtarLineOptionsSchema,
  })
  const status = mapWixtarStatus(order.status)
  const warnings: SyncWarning[] = [...status.warnings]
  const encode = createAmountEncoder(
    { ...defaultWixtarAmountScale, ...options.amountScale },
    issues,
  )
  const wixtar: WixtarOrderOptions = order.platformOptions?.wixtar ?? {}

  issues.push(...checkStore(order))
  const customer = convertCustomer(order, warnings)
  const charges = convertCharges(order, encode, warnings)
  const payments = convertPayments(order, encode, options.paymentTypes)
  const items = order.lines.map((line, index) => convertLine(line, ['lines', index], encode))
  warnings.push({
    path: ['modifiedAt'],
    code: 'field_dropped',
    message:
      'Wixtar has no modification time: the last upload of an order_id is what it keeps, so send the versions of an order in the order they happened',
  })
  warnings.push(...warnDroppedFields(order, carriedFields, 'Wixtar'))

  if (issues.length > 0) {
    throw new ValidationError({
      platform: 'wixtar',
      subject: `order ${JSON.stringify(order.id)} for Wixtar`,
      issues,
    })
  }
  const store = order.merchant?.store
  const pickupAt = order.delivery?.window?.start
  const channel = order.channel
  const wixtarOrder: WixtarOrder = omitUndefined({
    order_id: order.id,
    current_state: status.state,
    paid: order.paidAmount.amount >= order.payableAmount.amount,
    placed_at: formatIsoInstant(order.createdAt, 'Z'),
    pickup_at: pickupAt === undefined ? undefined : formatIsoInstant(pickupAt, 'Z'),
    type:
      wixtar.salesMethod ?? options.salesMethods?.[order.type] ?? defaultSalesMethods[order.type],
    // Both are present here: their absence was an issue, and the issues were thrown above.
    store: omitUndefined({
      id: store?.id ?? '',
      name: store?.name,
      group: store?.region,
      company: order.merchant?.name ?? '',
    }),
    customer,
    payments,
    charges,
    cart: { items },
    source_type:
      wixtar.sourceType ??
      (channel === undefined
        ? undefined
        : (options.sourceTypes?.[channel] ?? channel.toUpperCase())),
    customize: wixtar.customize,
  })
  return { order: wixtarOrder, warnings }
}

type Path = (string | number)[]

/** Writes amounts in the unit of their group, and records an issue for one its unit cannot carry. */
interface AmountEncoder {
  /** A Wixtar `Money`; a placeholder after recording an issue (the conversion then throws). */
  money(value: Money, group: keyof WixtarAmountScale, path: Path): WixtarMoney
  /** A plain integer (`payment_amount`); `undefined` after recording an issue. */
  integer(value: Money, group: keyof WixtarAmountScale, path: Path): number | undefined
}

function createAmountEncoder(scale: WixtarAmountScale, issues: ValidationIssue[]): AmountEncoder {
  const refuse = (value: Money, group: keyof WixtarAmountScale, path: Path): void => {
    issues.push({
      path,
      code: 'wixtar_amount_scale',
      message: `has a fractional part in ${value.currency}, and Wixtar's ${group} amounts are whole units of the currency (amountScale.${group} = 'major'): it cannot be sent without rounding — use 'minor' for ${group}, or fix the amount`,
    })
  }
  return {
    money(value, group, path) {
      const encoded = toWixtarMoney(value, scale[group])
      if (encoded !== undefined) return encoded
      refuse(value, group, path)
      // Never sent: the issue just recorded makes the conversion throw before it returns.
      return { amount: 0, currency_code: value.currency, formatted_amount: '' }
    },
    integer(value, group, path) {
      const amount = toWixtarAmount(value, scale[group])
      if (amount === undefined) refuse(value, group, path)
      return amount
    },
  }
}

/** Wixtar files every order under a store (`store.id`) of a company (`store.company`). */
function checkStore(order: Order): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  if (order.merchant?.store === undefined) {
    issues.push({
      path: ['merchant', 'store'],
      code: 'wixtar_required',
      message: 'is required: Wixtar files every order under a store (store.id)',
    })
  }
  if (order.merchant?.name === undefined) {
    issues.push({
      path: ['merchant', 'name'],
      code: 'wixtar_required',
      message: 'is required: it is Wixtar\'s store.company (the example\'s "Epoint")',
    })
  }
  return issues
}

/**
 * The buyer as Wixtar's `customer`, each part optional. The delivery address is the buyer's only
 * where the order goes to the buyer; a pickup or dine-in order's address is the shop's.
 */
function convertCustomer(order: Order, warnings: SyncWarning[]): WixtarOrder['customer'] {
  const goesToBuyer = order.type === 'delivery' || order.type === 'shipping'
  const deliveryAddress = order.delivery?.address
  const address = goesToBuyer ? deliveryAddress : undefined
  if (deliveryAddress !== undefined && address === undefined) {
    warnings.push({
      path: ['delivery', 'address'],
      code: 'field_dropped',
      message: `is the ${order.type === 'pickup' ? 'pickup point' : 'place of service'} of a ${order.type} order, and Wixtar's customer is the buyer: it is not reported`,
    })
  }
  for (const [part, buyerValue] of [
    ['name', order.buyer?.name],
    ['phone', order.buyer?.phone],
  ] as const) {
    if (address?.[part] !== undefined && buyerValue !== undefined && address[part] !== buyerValue) {
      warnings.push({
        path: ['delivery', 'address', part],
        code: 'field_dropped',
        message: `differs from buyer.${part}, and Wixtar's customer has one ${part === 'phone' ? 'mobile' : 'name'}: the buyer's is reported`,
      })
    }
  }
  for (const part of [
    'label',
    'latitude',
    'longitude',
    'countryCode',
    'provinceCode',
    'cityCode',
    'districtCode',
  ] as const) {
    if (address?.[part] !== undefined) {
      warnings.push({
        path: ['delivery', 'address', part],
        code: 'field_dropped',
        message: `Wixtar has no field for delivery.address.${part}: it is not reported`,
      })
    }
  }
  return omitUndefined({
    name: order.buyer?.name ?? address?.name,
    mobile: order.buyer?.phone ?? address?.phone,
    address: address === undefined ? undefined : formatAddress(address),
  })
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
  warnings: SyncWarning[],
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
    warnings.push({
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

/** One cart item of a line, its modifier groups as deep as the canonical order nests them. */
function convertLine(line: OrderLine, path: Path, encode: AmountEncoder): WixtarItem {
  const lineOptions: WixtarLineOptions = line.platformOptions?.wixtar ?? {}
  return omitUndefined({
    id: line.skuId,
    title: line.name,
    serial_number: lineOptions.serialNumber,
    quantity: line.quantity,
    price: convertItemPrice(line.unitPrice, line.quantity, [...path, 'unitPrice'], encode),
    selected_modifier_groups: convertModifierGroups(line.modifiers, [...path, 'modifiers'], encode),
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
 * `selected_modifier_groups`: Wixtar's `Item` and `ModifierGroup` nest without a stated limit, so
 * every level core takes (`maxModifierDepth`) is carried as it is, none flattened or dropped.
 */
function convertModifierGroups(
  groups: readonly ModifierGroup[] | undefined,
  path: Path,
  encode: AmountEncoder,
): WixtarModifierGroup[] | undefined {
  if (groups === undefined || groups.length === 0) return undefined
  return groups.map((group, index) => {
    const choices = (key: 'selected' | 'removed'): WixtarItem[] | undefined => {
      const list = group[key]
      return list === undefined || list.length === 0
        ? undefined
        : list.map((choice, choiceIndex) =>
            convertModifierItem(choice, [...path, index, key, choiceIndex], encode),
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

/** A choice as Wixtar's `Item`, with the groups of choices made on it. */
function convertModifierItem(choice: ModifierItem, path: Path, encode: AmountEncoder): WixtarItem {
  return omitUndefined({
    id: choice.id,
    title: choice.name,
    quantity: choice.quantity,
    price:
      choice.unitPrice === undefined
        ? undefined
        : convertItemPrice(choice.unitPrice, choice.quantity, [...path, 'unitPrice'], encode),
    selected_modifier_groups: convertModifierGroups(
      choice.modifiers,
      [...path, 'modifiers'],
      encode,
    ),
  })
}
