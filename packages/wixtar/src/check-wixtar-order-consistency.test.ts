import { maxModifierDepth, parseOrder, ValidationError } from '@ordersync/core'
import { describe, expect, it } from 'vitest'
import { checkWixtarOrderConsistency } from './check-wixtar-order-consistency.ts'
import { toWixtarOrder } from './convert-to-wixtar-order.ts'
import { nestedGroupsPath, nestedWixtarItem } from './test/nested-wixtar-item.ts'
import { wixtarDocumentOrder } from './wixtar-document-order.ts'
import type { WixtarItem, WixtarOrder } from './wixtar-order-schema.ts'

const { order: wire } = toWixtarOrder(parseOrder(wixtarDocumentOrder))
const withItems = (...items: WixtarItem[]): WixtarOrder => ({ ...wire, cart: { items } })

/** The ValidationError `check` throws, or a failure naming what it threw instead. */
function validationErrorOf(check: () => unknown): ValidationError {
  try {
    check()
  } catch (error) {
    if (ValidationError.isInstance(error)) return error
    throw new Error(`expected a ValidationError, got ${String(error)}`)
  }
  throw new Error('expected a ValidationError, nothing was thrown')
}

describe('checkWixtarOrderConsistency', () => {
  it('writes amounts in its messages as formatted_amount writes them', () => {
    const totalFee = { amount: 1, currency_code: 'TWD', formatted_amount: '1' }
    const broken = { ...wire, charges: { ...wire.charges, total_fee: totalFee } }
    expect(checkWixtarOrderConsistency(broken, 0).map((warning) => warning.message)).toEqual([
      'is 1 TWD but total 1100 TWD − discount 100 TWD = 1000 TWD',
      'add up to 1000 TWD but total_fee is 1 TWD',
    ])
    const withCents = withItems({
      quantity: 2,
      price: {
        unit_price: { amount: 40050, currency_code: 'TWD', formatted_amount: '400.50' },
        total_price: { amount: 80000, currency_code: 'TWD', formatted_amount: '800' },
      },
    })
    expect(checkWixtarOrderConsistency(withCents, 0)).toContainEqual({
      path: ['orders', 0, 'cart', 'items', 0, 'price', 'total_price'],
      code: 'sum_mismatch',
      message: 'is 800 TWD but unit_price 400.50 TWD × quantity 2 = 801 TWD',
    })
  })

  it('warns about sums beyond the safe integer range instead of failing to write them', () => {
    const max = Number.MAX_SAFE_INTEGER
    const huge = withItems({
      quantity: 4,
      price: {
        unit_price: {
          amount: 2 ** 52,
          currency_code: 'TWD',
          formatted_amount: '45035996273704.96',
        },
        total_price: { amount: max, currency_code: 'TWD', formatted_amount: '90071992547409.91' },
      },
    })
    expect(
      checkWixtarOrderConsistency(huge, 0, { charges: 'minor', items: 'minor', payments: 'minor' }),
    ).toContainEqual({
      path: ['orders', 0, 'cart', 'items', 0, 'price', 'total_price'],
      code: 'sum_mismatch',
      message:
        'is 90071992547409.91 TWD but unit_price 45035996273704.96 TWD × quantity 4 = more than 90071992547409.91 TWD',
    })
  })

  it("checks choices down to core's maxModifierDepth", () => {
    const wrongTotal: WixtarItem = {
      id: 'leaf',
      quantity: 2,
      price: {
        unit_price: { amount: 1000, currency_code: 'TWD', formatted_amount: '10' },
        total_price: { amount: 1000, currency_code: 'TWD', formatted_amount: '10' },
      },
    }
    const deepest = withItems(nestedWixtarItem(maxModifierDepth, wrongTotal))
    const choices = '.selected_modifier_groups.0.selected_items.0'.repeat(maxModifierDepth)
    const path = `orders.0.cart.items.0${choices}.price.total_price`
    expect(
      checkWixtarOrderConsistency(deepest, 0)
        .filter((warning) => warning.path.join('.') === path)
        .map((warning) => warning.message),
    ).toEqual(['is 10 TWD but unit_price 10 TWD × quantity 2 = 20 TWD'])
  })

  it('refuses one level more with a ValidationError at its path', () => {
    const tooDeep = withItems(nestedWixtarItem(maxModifierDepth + 1))
    const error = validationErrorOf(() => checkWixtarOrderConsistency(tooDeep, 3))
    expect(error.issues.map(({ path, code }) => ({ path: path.join('.'), code }))).toEqual([
      { path: `orders.3.cart.items.0${nestedGroupsPath(7)}`, code: 'modifier_too_deep' },
    ])
  })

  it('refuses an item nested 20,000 levels deep with a ValidationError, not a RangeError', () => {
    const error = validationErrorOf(() =>
      checkWixtarOrderConsistency(withItems(nestedWixtarItem(20_000)), 0),
    )
    expect(error.issues.map((issue) => issue.path.join('.'))).toEqual([
      `orders.0.cart.items.0${nestedGroupsPath(7)}`,
    ])
  })
})
