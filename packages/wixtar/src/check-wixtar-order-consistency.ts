import {
  type Money,
  maxModifierDepth,
  parseMoney,
  type SyncWarning,
  ValidationError,
} from '@ordersync/core'
import { modifierTooDeepCode, modifierTooDeepMessage } from './wixtar-modifier-depth.ts'
import {
  defaultWixtarAmountScale,
  formatWixtarAmount,
  fromWixtarAmount,
  type WixtarAmountScale,
  type WixtarAmountUnit,
} from './wixtar-money.ts'
import type { WixtarItem, WixtarOrder, WixtarRequestMoney } from './wixtar-order-schema.ts'

type Path = (string | number)[]

/**
 * Refuses modifier groups at `level` beyond core's `maxModifierDepth`, as `wixtarUploadRequestSchema`
 * does, so that a request nested without end is an error at its path, not an exhausted stack.
 */
function refuseModifierGroupsBeyondDepth(item: WixtarItem, path: Path, level: number): void {
  if (level <= maxModifierDepth || (item.selected_modifier_groups ?? []).length === 0) return
  throw new ValidationError({
    platform: 'wixtar',
    subject: 'Wixtar order upload request',
    issues: [
      {
        path: [...path, 'selected_modifier_groups'],
        code: modifierTooDeepCode,
        message: modifierTooDeepMessage(level),
      },
    ],
  })
}

/**
 * Checks the money of one order of a raw upload, exactly, in the units `scale` says each group is
 * in — the rules ordersync's own payloads satisfy by construction, and that the document's example
 * breaks:
 * - `total_fee` = `total` − `discount`, and `sub_total` ≤ `total`;
 * - `sub_total` = Σ `cart.items[].price.total_price`;
 * - each item's and choice's `total_price` = `unit_price` × `quantity`;
 * - the `payments` add up to `total_fee` when the order is `paid` (or, without `paid`, COMPLETED);
 * - `formatted_amount` shows the same money as `amount`;
 * - one currency per order.
 *
 * Amounts in the messages are written as `formatted_amount` is (`formatWixtarAmount`: `1100 TWD`,
 * `400.50 TWD`). Modifier groups are read down to core's `maxModifierDepth` levels, as the schema
 * takes them.
 *
 * @param order - One order of a request.
 * @param index - Its position in `orders`, for the warning paths.
 * @param scale - The unit of each group of amounts; by default {@link defaultWixtarAmountScale}, the
 *   units of Wixtar's example.
 * @returns One `sum_mismatch` (or `format_mismatch`, `currency_mismatch`) warning per broken rule.
 * @throws `ValidationError` (`@ordersync/core`, issue code `modifier_too_deep`) for modifier groups
 *   nested deeper than core's `maxModifierDepth`, at the path of the first level too deep.
 * @example
 * ```ts
 * const { order: wire } = toWixtarOrder(parseOrder(wixtarDocumentOrder))
 * checkWixtarOrderConsistency(wire, 0) // [] — ordersync's own payloads keep every rule
 * const totalFee = { amount: 1, currency_code: 'TWD', formatted_amount: '1' } // 1 TWD: charges are in whole dollars by default
 * const broken = { ...wire, charges: { ...wire.charges, total_fee: totalFee } }
 * checkWixtarOrderConsistency(broken, 0).map((warning) => warning.message)
 * // ['is 1 TWD but total 1100 TWD − discount 100 TWD = 1000 TWD', 'add up to 1000 TWD but total_fee is 1 TWD']
 * ```
 */
export function checkWixtarOrderConsistency(
  order: WixtarOrder,
  index: number,
  scale: WixtarAmountScale = defaultWixtarAmountScale,
): SyncWarning[] {
  const check: OrderCheck = {
    warnings: [],
    at: (...path) => ['orders', index, ...path],
    scale,
    currency: orderCurrency(order),
  }
  const charges = checkCharges(check, order.charges)
  const itemTotals = order.cart.items.map((item, itemIndex) =>
    checkItem(check, item, check.at('cart', 'items', itemIndex), 1),
  )
  checkSubTotal(check, charges.subTotal, itemTotals)
  checkPayments(check, order, charges.totalFee)
  return check.warnings
}

/** What each check of one order works with, and where it puts its warnings. */
interface OrderCheck {
  readonly warnings: SyncWarning[]
  /** The path of a field of this order in the request. */
  readonly at: (...path: Path) => Path
  readonly scale: WixtarAmountScale
  /** The order's currency: `total_fee`'s, else `total`'s, else the first item price's. */
  readonly currency: string | undefined
}

function orderCurrency(order: WixtarOrder): string | undefined {
  return (
    order.charges.total_fee.currency_code ??
    order.charges.total.currency_code ??
    order.cart.items.find((item) => item.price?.unit_price?.currency_code !== undefined)?.price
      ?.unit_price?.currency_code
  )
}

/**
 * Money in a message, as `formatted_amount` writes it, with its currency: `1100 TWD`. A sum or a
 * product of a raw request's amounts may be beyond the safe integer range: it is written as more
 * than the largest exact amount, so that describing it never fails.
 */
function show(value: Money): string {
  if (Number.isSafeInteger(value.amount)) {
    return `${formatWixtarAmount(value)} ${value.currency}`
  }
  const largest = formatWixtarAmount({ amount: Number.MAX_SAFE_INTEGER, currency: value.currency })
  return `more than ${largest} ${value.currency}`
}

function warn(check: OrderCheck, path: Path, code: string, message: string): void {
  check.warnings.push({ path, code, message })
}

/**
 * The money of a Wixtar `Money` in its group's unit, checking its currency and its
 * `formatted_amount`; `undefined` where it cannot be read (no amount or currency, another
 * currency than the order's).
 */
function readMoney(
  check: OrderCheck,
  value: WixtarRequestMoney | undefined,
  unit: WixtarAmountUnit,
  path: Path,
): Money | undefined {
  if (value?.amount === undefined) return undefined
  const code = value.currency_code ?? check.currency
  if (code === undefined) return undefined
  if (check.currency !== undefined && code !== check.currency) {
    warn(check, path, 'currency_mismatch', `is in ${code} but the order is in ${check.currency}`)
    return undefined
  }
  const amount = fromWixtarAmount(value.amount, code, unit)
  if (amount === undefined) return undefined
  const shown = value.formatted_amount
  if (shown !== undefined && !showsAmount(shown, amount)) {
    warn(
      check,
      [...path, 'formatted_amount'],
      'format_mismatch',
      `is ${JSON.stringify(shown)} but amount ${value.amount} in ${unit} units is ${show(amount)}`,
    )
  }
  return amount
}

/** Whether `formatted_amount` reads as exactly `amount`. */
function showsAmount(formatted: string, amount: Money): boolean {
  try {
    return parseMoney(formatted, amount.currency).amount === amount.amount
  } catch {
    return false
  }
}

/** The four charges read, with `total_fee` = `total` − `discount` and `sub_total` ≤ `total`. */
function checkCharges(
  check: OrderCheck,
  charges: WixtarOrder['charges'],
): { readonly subTotal: Money | undefined; readonly totalFee: Money | undefined } {
  const unit = check.scale.charges
  const total = readMoney(check, charges.total, unit, check.at('charges', 'total'))
  const subTotal = readMoney(check, charges.sub_total, unit, check.at('charges', 'sub_total'))
  const discount = readMoney(check, charges.discount, unit, check.at('charges', 'discount'))
  const totalFee = readMoney(check, charges.total_fee, unit, check.at('charges', 'total_fee'))
  if (total !== undefined && discount !== undefined && totalFee !== undefined) {
    const owed = total.amount - discount.amount
    if (totalFee.amount !== owed) {
      warn(
        check,
        check.at('charges', 'total_fee'),
        'sum_mismatch',
        `is ${show(totalFee)} but total ${show(total)} − discount ${show(discount)} = ${show({ ...total, amount: owed })}`,
      )
    }
  }
  if (total !== undefined && subTotal !== undefined && subTotal.amount > total.amount) {
    warn(
      check,
      check.at('charges', 'sub_total'),
      'sum_mismatch',
      `is ${show(subTotal)}, more than total ${show(total)}`,
    )
  }
  return { subTotal, totalFee }
}

/**
 * One item or choice, whose own modifier groups are at `level` (1 for a cart item's): its
 * `total_price` = `unit_price` × `quantity`, then each choice of its groups, one level deeper.
 *
 * @returns Its `total_price`, for the sum of the items.
 */
function checkItem(
  check: OrderCheck,
  item: WixtarItem,
  path: Path,
  level: number,
): Money | undefined {
  refuseModifierGroupsBeyondDepth(item, path, level)
  const unit = check.scale.items
  const unitPrice = readMoney(check, item.price?.unit_price, unit, [...path, 'price', 'unit_price'])
  const totalPrice = readMoney(check, item.price?.total_price, unit, [
    ...path,
    'price',
    'total_price',
  ])
  if (unitPrice !== undefined && totalPrice !== undefined && item.quantity !== undefined) {
    const expected = unitPrice.amount * item.quantity
    if (totalPrice.amount !== expected) {
      warn(
        check,
        [...path, 'price', 'total_price'],
        'sum_mismatch',
        `is ${show(totalPrice)} but unit_price ${show(unitPrice)} × quantity ${item.quantity} = ${show({ ...unitPrice, amount: expected })}`,
      )
    }
  }
  for (const [groupIndex, group] of (item.selected_modifier_groups ?? []).entries()) {
    for (const key of ['selected_items', 'removed_items'] as const) {
      for (const [choiceIndex, choice] of (group[key] ?? []).entries()) {
        const choicePath = [...path, 'selected_modifier_groups', groupIndex, key, choiceIndex]
        checkItem(check, choice, choicePath, level + 1)
      }
    }
  }
  return totalPrice
}

/** `sub_total` = Σ `cart.items[].price.total_price`, when every item has one. */
function checkSubTotal(
  check: OrderCheck,
  subTotal: Money | undefined,
  itemTotals: readonly (Money | undefined)[],
): void {
  if (subTotal === undefined || !itemTotals.every((value) => value !== undefined)) return
  const sum = itemTotals.reduce((result, value) => result + value.amount, 0)
  if (sum !== subTotal.amount) {
    warn(
      check,
      check.at('charges', 'sub_total'),
      'sum_mismatch',
      `is ${show(subTotal)} but the items' total_price add up to ${show({ ...subTotal, amount: sum })}`,
    )
  }
}

/** The payments add up to `total_fee` when the order is `paid` (or, without `paid`, COMPLETED). */
function checkPayments(check: OrderCheck, order: WixtarOrder, totalFee: Money | undefined): void {
  const paid = order.paid ?? order.current_state === 'COMPLETED'
  if (!paid || totalFee === undefined || order.payments.length === 0) return
  const amounts = order.payments.map((payment) =>
    payment.payment_amount === undefined
      ? undefined
      : fromWixtarAmount(payment.payment_amount, totalFee.currency, check.scale.payments),
  )
  if (!amounts.every((value) => value !== undefined)) return
  const sum = amounts.reduce((result, value) => result + value.amount, 0)
  if (sum !== totalFee.amount) {
    warn(
      check,
      check.at('payments'),
      'sum_mismatch',
      `add up to ${show({ ...totalFee, amount: sum })} but total_fee is ${show(totalFee)}`,
    )
  }
}
