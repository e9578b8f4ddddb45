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
  const warnings: SyncWarning[] = []
  const at = (...path: Path): Path => ['orders', index, ...path]
  const warn = (path: Path, code: string, message: string): void => {
    warnings.push({ path, code, message })
  }
  const currency =
    order.charges.total_fee.currency_code ??
    order.charges.total.currency_code ??
    order.cart.items.find((item) => item.price?.unit_price?.currency_code !== undefined)?.price
      ?.unit_price?.currency_code
  const show = (value: Money): string => `${formatWixtarAmount(value)} ${value.currency}`

  /** The money of a Wixtar Money in its group's unit, checking its currency and its text. */
  const read = (
    value: WixtarRequestMoney | undefined,
    unit: WixtarAmountUnit,
    path: Path,
  ): Money | undefined => {
    if (value?.amount === undefined) return undefined
    const code = value.currency_code ?? currency
    if (code === undefined) return undefined
    if (currency !== undefined && code !== currency) {
      warn(path, 'currency_mismatch', `is in ${code} but the order is in ${currency}`)
      return undefined
    }
    const amount = fromWixtarAmount(value.amount, code, unit)
    if (amount === undefined) return undefined
    if (value.formatted_amount !== undefined) {
      let shown: Money | undefined
      try {
        shown = parseMoney(value.formatted_amount, code)
      } catch {
        shown = undefined
      }
      if (shown === undefined || shown.amount !== amount.amount) {
        warn(
          [...path, 'formatted_amount'],
          'format_mismatch',
          `is ${JSON.stringify(value.formatted_amount)} but amount ${value.amount} in ${unit} units is ${show(amount)}`,
        )
      }
    }
    return amount
  }

  const charges = order.charges
  const total = read(charges.total, scale.charges, at('charges', 'total'))
  const subTotal = read(charges.sub_total, scale.charges, at('charges', 'sub_total'))
  const discount = read(charges.discount, scale.charges, at('charges', 'discount'))
  const totalFee = read(charges.total_fee, scale.charges, at('charges', 'total_fee'))
  if (total !== undefined && discount !== undefined && totalFee !== undefined) {
    if (totalFee.amount !== total.amount - discount.amount) {
      warn(
        at('charges', 'total_fee'),
        'sum_mismatch',
        `is ${show(totalFee)} but total ${show(total)} − discount ${show(discount)} = ${show({ ...total, amount: total.amount - discount.amount })}`,
      )
    }
  }
  if (total !== undefined && subTotal !== undefined && subTotal.amount > total.amount) {
    warn(
      at('charges', 'sub_total'),
      'sum_mismatch',
      `is ${show(subTotal)}, more than total ${show(total)}`,
    )
  }

  /** One item or choice, whose own modifier groups are at `level` (1 for a cart item's). */
  const checkItem = (item: WixtarItem, path: Path, level: number): Money | undefined => {
    refuseModifierGroupsBeyondDepth(item, path, level)
    const unitPrice = read(item.price?.unit_price, scale.items, [...path, 'price', 'unit_price'])
    const totalPrice = read(item.price?.total_price, scale.items, [...path, 'price', 'total_price'])
    if (unitPrice !== undefined && totalPrice !== undefined && item.quantity !== undefined) {
      const expected = unitPrice.amount * item.quantity
      if (totalPrice.amount !== expected) {
        warn(
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
          checkItem(choice, choicePath, level + 1)
        }
      }
    }
    return totalPrice
  }
  const itemTotals = order.cart.items.map((item, itemIndex) =>
    checkItem(item, at('cart', 'items', itemIndex), 1),
  )
  if (subTotal !== undefined && itemTotals.every((value): value is Money => value !== undefined)) {
    const sum = itemTotals.reduce((result, value) => result + value.amount, 0)
    if (sum !== subTotal.amount) {
      warn(
        at('charges', 'sub_total'),
        'sum_mismatch',
        `is ${show(subTotal)} but the items' total_price add up to ${show({ ...subTotal, amount: sum })}`,
      )
    }
  }

  if (
    (order.paid ?? order.current_state === 'COMPLETED') &&
    totalFee !== undefined &&
    order.payments.length > 0
  ) {
    const paid = order.payments.map((payment) =>
      payment.payment_amount === undefined
        ? undefined
        : fromWixtarAmount(payment.payment_amount, totalFee.currency, scale.payments),
    )
    if (paid.every((value): value is Money => value !== undefined)) {
      const sum = paid.reduce((result, value) => result + value.amount, 0)
      if (sum !== totalFee.amount) {
        warn(
          at('payments'),
          'sum_mismatch',
          `add up to ${show({ ...totalFee, amount: sum })} but total_fee is ${show(totalFee)}`,
        )
      }
    }
  }
  return warnings
}
