import type { ValidationIssue } from '../errors/validation-error.ts'
import { currencyExponent } from '../money/currency.ts'
import { formatMoney } from '../money/format-money.ts'
import type { Money } from '../money/money.ts'
import { isMoney } from '../money/money.ts'
import { openOrSucceededAfterSaleStatuses } from '../status/after-sale-status.ts'
import { isInstant } from '../time/instant.ts'

type Path = readonly (string | number)[]
type Bag = Readonly<Record<string, unknown>>

function isBag(value: unknown): value is Bag {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : []
}

// Sums of amounts, exactly: a number while it stays in the safe integer range (every amount is a
// non-negative safe integer, so a float sum that stays below 2^53 is exact, and one that does not
// is seen to exceed it), a bigint beyond. No identity is ever checked on a rounded float.
type Exact = number | bigint

function plus(a: Exact, b: Exact): Exact {
  if (typeof a === 'number' && typeof b === 'number') {
    const sum = a + b
    if (sum <= Number.MAX_SAFE_INTEGER) return sum
  }
  return BigInt(a) + BigInt(b)
}

function times(a: number, b: number): Exact {
  const product = a * b
  return product <= Number.MAX_SAFE_INTEGER ? product : BigInt(a) * BigInt(b)
}

function same(a: Exact, b: Exact): boolean {
  return typeof a === typeof b ? a === b : BigInt(a) === BigInt(b)
}

function show(amount: Exact, currency: Money['currency']): string {
  if (typeof amount === 'number') return `${formatMoney({ amount, currency })} ${currency}`
  const exponent = currencyExponent(currency)
  const digits = (amount < 0n ? -amount : amount).toString().padStart(exponent + 1, '0')
  const major = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`
  return `${amount < 0n ? '-' : ''}${major} ${currency}`
}

/**
 * The checks across the fields of a canonical order, which no single field can make.
 *
 * It reads its input defensively: it runs inside `orderSchema` on an order that may be partly
 * malformed, and checks only what is well-formed, so that every problem is reported at once
 * without repeating what the field checks already said.
 *
 * @param order - A candidate order, possibly partly malformed.
 * @returns Every issue found, each with its path and a stable code.
 * @example
 * ```ts
 * import { checkOrderConsistency } from '@ordersync/core'
 * import { youshuFaqOrder } from '@ordersync/youshu/fixtures'
 *
 * checkOrderConsistency({ ...youshuFaqOrder, payableAmount: { amount: 1, currency: 'CNY' } })
 * // [
 * //   { path: ['payableAmount'], code: 'charges_identity', message: 'is 0.01 CNY but goods 100.00 CNY + freight 10.00 CNY + …' },
 * //   { path: ['paidAmount'], code: 'paid_exceeds_payable', message: 'is 100.00 CNY, more than payableAmount 0.01 CNY' },
 * // ]
 * ```
 */
export function checkOrderConsistency(order: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  if (!isBag(order)) return issues
  const add: AddIssue = (path, code, message) => {
    issues.push({ path, code, message })
  }
  const currency = checkOneCurrency(order, add)
  // Every amount of the order is zero or more; a negative one is reported by its field check and
  // left out here, like any other malformed part. With more than one currency, no sum is checked.
  const amountOf = (value: unknown): number | undefined =>
    currency !== undefined && isMoney(value) && value.amount >= 0 ? value.amount : undefined
  const check: CheckContext = { add, amountOf, currency, ...readLines(order, add, amountOf) }
  const charges = isBag(order.charges) ? order.charges : {}
  const goods = checkGoodsSubtotal(charges, check)
  const discountSum = checkDiscounts(charges, check)
  const payable = checkPayable(order, charges, { goods, discountSum }, check)
  const paid = checkPayments(order, payable, check)
  checkAfterSales(order, paid, check)
  checkDelivery(order, check)
  checkTimeOrder(order, [], add)
  if (
    isInstant(order.statusChangedAt) &&
    isInstant(order.createdAt) &&
    order.statusChangedAt < order.createdAt
  ) {
    add(['statusChangedAt'], 'time_order', 'is before createdAt')
  }
  return issues
}

type AddIssue = (path: Path, code: string, message: string) => void

/** What the checks after the first share: the order's currency, and its lines by id. */
interface CheckContext {
  readonly add: AddIssue
  /** An amount in the order's currency, zero or more; `undefined` for anything else. */
  readonly amountOf: (value: unknown) => number | undefined
  /** The order's one currency; `undefined` when it has none well-formed or more than one. */
  readonly currency: Money['currency'] | undefined
  readonly lineQuantities: ReadonlyMap<string, number>
  readonly lineSubtotals: ReadonlyMap<string, Exact>
  /** The sum of unitPrice × quantity over the lines; `undefined` when a line is malformed. */
  readonly goodsSum: Exact | undefined
}

/**
 * One currency per order: every amount in the currency of the first amount found, which is
 * payableAmount when it is well-formed. The currency, or `undefined` when amounts disagree.
 */
function checkOneCurrency(order: Bag, add: AddIssue): Money['currency'] | undefined {
  const { mismatches, currency } = findCurrencyMismatches(
    order,
    isMoney(order.payableAmount) ? order.payableAmount.currency : undefined,
  )
  for (const mismatch of mismatches) {
    add(
      mismatch.path,
      'currency_mismatch',
      `is in ${mismatch.found} but the order is in ${currency}; an order has one currency`,
    )
  }
  return mismatches.length === 0 ? currency : undefined
}

/** Lines: unique ids, each line's subtotal, and the goods sum. */
function readLines(
  order: Bag,
  add: AddIssue,
  amountOf: (value: unknown) => number | undefined,
): Pick<CheckContext, 'lineQuantities' | 'lineSubtotals' | 'goodsSum'> {
  const lineQuantities = new Map<string, number>()
  const lineSubtotals = new Map<string, Exact>()
  let goodsSum: Exact | undefined = 0
  for (const [index, line] of list(order.lines).entries()) {
    if (!isBag(line)) {
      goodsSum = undefined
      continue
    }
    const unit = amountOf(line.unitPrice)
    const quantity = isQuantity(line.quantity) ? line.quantity : undefined
    const subtotal =
      unit !== undefined && quantity !== undefined ? times(unit, quantity) : undefined
    if (typeof subtotal === 'bigint') {
      add(['lines', index], 'amount_range', 'unitPrice × quantity is beyond the safe integer range')
    }
    goodsSum =
      goodsSum === undefined || subtotal === undefined ? undefined : plus(goodsSum, subtotal)
    if (typeof line.id !== 'string') continue
    if (lineQuantities.has(line.id)) {
      add(
        ['lines', index, 'id'],
        'duplicate_id',
        `line id ${JSON.stringify(line.id)} is used by an earlier line`,
      )
    } else if (quantity !== undefined) {
      lineQuantities.set(line.id, quantity)
      if (subtotal !== undefined) lineSubtotals.set(line.id, subtotal)
    }
  }
  return { lineQuantities, lineSubtotals, goodsSum }
}

/** The goods subtotal is what the lines add up to; returns it. */
function checkGoodsSubtotal(charges: Bag, check: CheckContext): number | undefined {
  const { currency, goodsSum } = check
  const goods = check.amountOf(charges.goodsSubtotal)
  if (
    currency !== undefined &&
    goods !== undefined &&
    goodsSum !== undefined &&
    !same(goods, goodsSum)
  ) {
    check.add(
      ['charges', 'goodsSubtotal'],
      'line_totals',
      `is ${show(goods, currency)} but the lines' unitPrice × quantity add up to ${show(goodsSum, currency)}`,
    )
  }
  return goods
}

/** Item discounts name an existing line and stay within it; returns the sum of every discount. */
function checkDiscounts(charges: Bag, check: CheckContext): Exact | undefined {
  let discountSum: Exact | undefined = 0
  const itemDiscountByLine = new Map<string, Exact>()
  for (const [index, discount] of list(charges.discounts).entries()) {
    if (!isBag(discount)) {
      discountSum = undefined
      continue
    }
    const amount = check.amountOf(discount.amount)
    discountSum =
      discountSum === undefined || amount === undefined ? undefined : plus(discountSum, amount)
    const lineId = checkDiscountLine(discount, ['charges', 'discounts', index], check)
    if (lineId !== undefined && amount !== undefined) {
      itemDiscountByLine.set(lineId, plus(itemDiscountByLine.get(lineId) ?? 0, amount))
    }
  }
  for (const [lineId, total] of itemDiscountByLine) {
    const subtotal = check.lineSubtotals.get(lineId)
    if (check.currency !== undefined && subtotal !== undefined && total > subtotal) {
      check.add(
        ['charges', 'discounts'],
        'discount_exceeds_line',
        `item-level discounts on line ${JSON.stringify(lineId)} add up to ${show(total, check.currency)}, more than its ${show(subtotal, check.currency)}`,
      )
    }
  }
  return discountSum
}

/** An item discount's line, when it names an existing one; a problem for a wrong reference. */
function checkDiscountLine(discount: Bag, path: Path, check: CheckContext): string | undefined {
  if (discount.level !== 'item') {
    if (discount.level !== undefined && discount.lineId !== undefined) {
      check.add(
        [...path, 'lineId'],
        'unexpected_line_reference',
        `a ${String(discount.level)}-level discount applies to the whole order; use level 'item' for one line`,
      )
    }
    return undefined
  }
  if (typeof discount.lineId !== 'string') {
    check.add(
      [...path, 'lineId'],
      'missing_line_reference',
      'an item-level discount must name the line it applies to',
    )
    return undefined
  }
  if (!check.lineQuantities.has(discount.lineId)) {
    check.add(
      [...path, 'lineId'],
      'unknown_line',
      `no line has id ${JSON.stringify(discount.lineId)}`,
    )
    return undefined
  }
  return discount.lineId
}

/** payable = goods + freight + fees − discounts; returns payable. */
function checkPayable(
  order: Bag,
  charges: Bag,
  sums: { readonly goods: number | undefined; readonly discountSum: Exact | undefined },
  check: CheckContext,
): number | undefined {
  const { currency, amountOf } = check
  const { goods, discountSum } = sums
  const freight = charges.freight === undefined ? 0 : amountOf(charges.freight)
  let feeSum: Exact | undefined = 0
  for (const fee of list(charges.fees)) {
    const amount = isBag(fee) ? amountOf(fee.amount) : undefined
    feeSum = feeSum === undefined || amount === undefined ? undefined : plus(feeSum, amount)
  }
  const payable = amountOf(order.payableAmount)
  if (
    currency === undefined ||
    payable === undefined ||
    goods === undefined ||
    freight === undefined ||
    feeSum === undefined ||
    discountSum === undefined
  ) {
    return payable
  }
  const additions = plus(plus(goods, freight), feeSum)
  // payable + discounts = goods + freight + fees: additions only, so nothing leaves the exact path.
  if (!same(plus(payable, discountSum), additions)) {
    const expected = BigInt(additions) - BigInt(discountSum)
    const shown =
      expected >= -BigInt(Number.MAX_SAFE_INTEGER) && expected <= BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(expected)
        : expected
    check.add(
      ['payableAmount'],
      'charges_identity',
      `is ${show(payable, currency)} but goods ${show(goods, currency)} + freight ${show(freight, currency)} + fees ${show(feeSum, currency)} − discounts ${show(discountSum, currency)} = ${show(shown, currency)}`,
    )
  }
  return payable
}

/** paid ≤ payable; payments add up to paid; nothing paid when cancelled before payment. Returns paid. */
function checkPayments(
  order: Bag,
  payable: number | undefined,
  check: CheckContext,
): number | undefined {
  const { currency, amountOf, add } = check
  const paid = amountOf(order.paidAmount)
  if (currency !== undefined && paid !== undefined && payable !== undefined && paid > payable) {
    add(
      ['paidAmount'],
      'paid_exceeds_payable',
      `is ${show(paid, currency)}, more than payableAmount ${show(payable, currency)}`,
    )
  }
  if (order.payments !== undefined && currency !== undefined && paid !== undefined) {
    let paymentSum: Exact | undefined = 0
    for (const entry of list(order.payments)) {
      const amount = isBag(entry) ? amountOf(entry.amount) : undefined
      paymentSum =
        paymentSum === undefined || amount === undefined ? undefined : plus(paymentSum, amount)
    }
    if (paymentSum !== undefined && !same(paymentSum, paid)) {
      add(
        ['payments'],
        'payments_total',
        `add up to ${show(paymentSum, currency)} but paidAmount is ${show(paid, currency)}`,
      )
    }
  }
  if (order.status === 'cancelled_before_payment' && paid !== undefined && paid > 0) {
    add(
      ['status'],
      'status_payment',
      'is cancelled_before_payment but paidAmount is not zero; use cancelled_after_payment',
    )
  }
  return paid
}

/** Unique after-sale ids, their times, their lines; refunds that still count stay within paid. */
function checkAfterSales(order: Bag, paid: number | undefined, check: CheckContext): void {
  const { currency, add } = check
  let refundSum: Exact | undefined = 0
  const afterSaleIds = new Set<string>()
  for (const [index, entry] of list(order.afterSales).entries()) {
    const path = ['afterSales', index]
    if (!isBag(entry)) continue
    if (typeof entry.id === 'string') {
      if (afterSaleIds.has(entry.id)) {
        add(
          [...path, 'id'],
          'duplicate_id',
          `after-sale id ${JSON.stringify(entry.id)} is used twice`,
        )
      }
      afterSaleIds.add(entry.id)
    }
    const refund = check.amountOf(entry.refundAmount)
    if (openOrSucceededAfterSaleStatuses.includes(entry.status as never)) {
      refundSum =
        refundSum === undefined || refund === undefined ? undefined : plus(refundSum, refund)
    }
    checkTimeOrder(entry, path, add)
    checkRefundLines(entry, path, refund, check)
  }
  if (currency !== undefined && paid !== undefined && refundSum !== undefined && refundSum > paid) {
    add(
      ['afterSales'],
      'refunds_exceed_paid',
      `refunds that are not closed or rejected add up to ${show(refundSum, currency)}, more than paidAmount ${show(paid, currency)}`,
    )
  }
}

/** An after-sale's lines name existing lines and add up to its refundAmount. */
function checkRefundLines(
  entry: Bag,
  path: Path,
  refund: number | undefined,
  check: CheckContext,
): void {
  if (entry.lines === undefined) return
  let lineRefundSum: Exact | undefined = 0
  for (const [lineIndex, refundLine] of list(entry.lines).entries()) {
    if (!isBag(refundLine)) continue
    checkLineReference(refundLine, [...path, 'lines', lineIndex], check.lineQuantities, check.add)
    const amount = check.amountOf(refundLine.refundAmount)
    lineRefundSum =
      lineRefundSum === undefined || amount === undefined ? undefined : plus(lineRefundSum, amount)
  }
  if (
    check.currency !== undefined &&
    refund !== undefined &&
    lineRefundSum !== undefined &&
    !same(lineRefundSum, refund)
  ) {
    check.add(
      [...path, 'lines'],
      'refund_lines_total',
      `refund amounts add up to ${show(lineRefundSum, check.currency)} but refundAmount is ${show(refund, check.currency)}`,
    )
  }
}

/** Packages name existing lines; a delivery window ends after it starts. */
function checkDelivery(order: Bag, check: CheckContext): void {
  const delivery = isBag(order.delivery) ? order.delivery : {}
  for (const [index, entry] of list(delivery.packages).entries()) {
    if (!isBag(entry)) continue
    for (const [lineIndex, packed] of list(entry.lines).entries()) {
      if (!isBag(packed)) continue
      checkLineReference(
        packed,
        ['delivery', 'packages', index, 'lines', lineIndex],
        check.lineQuantities,
        check.add,
      )
    }
  }
  const window = isBag(delivery.window) ? delivery.window : {}
  if (isInstant(window.start) && isInstant(window.end) && window.end < window.start) {
    check.add(['delivery', 'window', 'end'], 'time_order', 'is before the window start')
  }
}

function isQuantity(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0
}

function checkTimeOrder(
  entry: Bag,
  path: Path,
  add: (path: Path, code: string, message: string) => void,
): void {
  if (
    isInstant(entry.createdAt) &&
    isInstant(entry.modifiedAt) &&
    entry.modifiedAt < entry.createdAt
  ) {
    add(
      [...path, 'modifiedAt'],
      'time_order',
      'is before createdAt; the modification time only moves forward',
    )
  }
}

function checkLineReference(
  entry: Bag,
  path: Path,
  lineQuantities: ReadonlyMap<string, number>,
  add: (path: Path, code: string, message: string) => void,
): void {
  if (typeof entry.lineId !== 'string') return
  const ordered = lineQuantities.get(entry.lineId)
  if (ordered === undefined) {
    add([...path, 'lineId'], 'unknown_line', `no line has id ${JSON.stringify(entry.lineId)}`)
  } else if (typeof entry.quantity === 'number' && entry.quantity > ordered) {
    add(
      [...path, 'quantity'],
      'quantity_exceeds_line',
      `is ${entry.quantity}, more than the ${ordered} ordered`,
    )
  }
}

/**
 * Every amount of the order (outside `platformOptions`) whose currency is not the order's, in the
 * order of a depth-first walk: the order's currency is `expected`, or else the first amount's. A
 * first walk keeps no path and stops at the first mismatch; only then does a second walk keep one
 * path, copied for each mismatch. Nearly every order has one currency and pays for the first walk
 * alone.
 */
function findCurrencyMismatches(
  order: Bag,
  expected: Money['currency'] | undefined,
): {
  mismatches: { readonly path: Path; readonly found: string }[]
  currency: Money['currency'] | undefined
} {
  let currency = expected
  const hasMismatch = (value: unknown): boolean => {
    if (typeof value !== 'object' || value === null) return false
    if (isMoney(value)) {
      if (currency === undefined) currency = value.currency
      return value.currency !== currency
    }
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index += 1)
        if (index in value && hasMismatch(value[index])) return true
      return false
    }
    // for...in over own keys lists what Object.keys lists, in the same order, without building
    // the array of keys for every object of every order.
    const record = value as Bag
    for (const key in record)
      if (Object.hasOwn(record, key) && key !== 'platformOptions' && hasMismatch(record[key]))
        return true
    return false
  }
  if (!hasMismatch(order)) return { mismatches: [], currency }
  currency = expected
  const mismatches: { readonly path: Path; readonly found: string }[] = []
  const path: (string | number)[] = []
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return
    if (isMoney(value)) {
      if (currency === undefined) currency = value.currency
      else if (value.currency !== currency)
        mismatches.push({ path: [...path], found: value.currency })
      return
    }
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index += 1) {
        if (!(index in value)) continue
        path.push(index)
        visit(value[index])
        path.pop()
      }
      return
    }
    const record = value as Bag
    for (const key of Object.keys(record)) {
      if (key === 'platformOptions') continue
      path.push(key)
      visit(record[key])
      path.pop()
    }
  }
  visit(order)
  return { mismatches, currency }
}
