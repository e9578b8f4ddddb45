import { maxModifierDepth, toValidationIssues } from '@ordersync/core'
import { describe, expect, it } from 'vitest'
import { nestedGroupsPath, nestedWixtarItem } from './test/nested-wixtar-item.ts'
import { wixtarDocumentRequest } from './test/wixtar-document-request.ts'
import {
  wixtarItemSchema,
  wixtarMoneySchema,
  wixtarUploadRequestSchema,
} from './wixtar-order-schema.ts'

const example = wixtarDocumentRequest.orders[0]
if (example === undefined) throw new Error('the example has an order')

function issues(order: unknown): string[] {
  const result = wixtarUploadRequestSchema.safeParse({ orders: [order] })
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
}

describe('wixtarUploadRequestSchema', () => {
  it("accepts the document's example as it stands, nulls included", () => {
    expect(issues(example)).toEqual([])
  })

  it('takes only COMPLETED and CANCELLED as current_state', () => {
    expect(issues({ ...example, current_state: 'CANCELLED' })).toEqual([])
    for (const state of ['PAID', 'completed', 'REFUNDED', '']) {
      expect(issues({ ...example, current_state: state })).toEqual([
        'orders.0.current_state: must be COMPLETED or CANCELLED',
      ])
    }
  })

  it('requires what the document does not mark optional', () => {
    const { order_id, store, customer, payments, charges, cart, ...rest } = example
    expect(issues(rest)).toEqual([
      'orders.0.order_id: Invalid input: expected string, received undefined',
      'orders.0.store: Invalid input: expected object, received undefined',
      'orders.0.customer: Invalid input: expected object, received undefined',
      'orders.0.payments: Invalid input: expected array, received undefined',
      'orders.0.charges: Invalid input: expected object, received undefined',
      'orders.0.cart: Invalid input: expected object, received undefined',
    ])
    expect(issues({ ...example, store: { name: 'Tainan Store' } })).toEqual([
      'orders.0.store.id: Invalid input: expected string, received undefined',
      'orders.0.store.company: Invalid input: expected string, received undefined',
    ])
    const { discount, ...partialCharges } = example.charges
    expect(issues({ ...example, charges: partialCharges })).toEqual([
      'orders.0.charges.discount: Invalid input: expected object, received undefined',
    ])
    expect(issues({ ...example, customer: {}, payments: [], cart: { items: [] } })).toEqual([])
  })

  it('takes the optional fields left out', () => {
    expect(
      issues({
        order_id: 'o-1',
        store: { id: 'A01', company: 'Epoint' },
        customer: {},
        payments: [{}],
        charges: { total: {}, sub_total: {}, discount: {}, total_fee: {} },
        cart: { items: [{}] },
      }),
    ).toEqual([])
  })

  it('checks types: integers, booleans, ISO 8601 times with a zone', () => {
    expect(
      issues({
        ...example,
        paid: 'yes',
        placed_at: '2020-01-01 15:16:54',
        pickup_at: '2020-01-01T15:16:54.723Z',
        payments: [{ type: 'CASH', payment_amount: 10.5 }],
        cart: { items: [{ serial_number: 1.5, quantity: -1, redeem_point: 0.5 }] },
      }),
    ).toEqual([
      'orders.0.paid: Invalid input: expected boolean, received string',
      'orders.0.placed_at: must be ISO 8601 with a zone, e.g. 2020-01-01T15:16:54.723Z',
      'orders.0.payments.0.payment_amount: must be an integer',
      'orders.0.cart.items.0.serial_number: must be an integer',
      'orders.0.cart.items.0.quantity: must not be negative',
      'orders.0.cart.items.0.redeem_point: must be an integer',
    ])
  })

  it('checks items inside modifier groups, level by level', () => {
    expect(
      issues({
        ...example,
        cart: {
          items: [
            {
              selected_modifier_groups: [
                {
                  selected_items: [
                    { selected_modifier_groups: [{ removed_items: [{ quantity: 'one' }] }] },
                  ],
                },
              ],
            },
          ],
        },
      }),
    ).toEqual([
      'orders.0.cart.items.0.selected_modifier_groups.0.selected_items.0.selected_modifier_groups.0.removed_items.0.quantity: Invalid input: expected number, received string',
    ])
  })

  it('refuses unknown keys and an empty upload', () => {
    expect(issues({ ...example, order_no: 'x' })).toEqual([
      'orders.0: Unrecognized key: "order_no"',
    ])
    expect(wixtarUploadRequestSchema.safeParse({ orders: [] }).success).toBe(false)
  })
})

describe('wixtarItemSchema nesting', () => {
  const issuesOf = (item: unknown) => {
    const result = wixtarItemSchema.safeParse(item)
    return result.success
      ? []
      : toValidationIssues(result.error.issues).map((issue) => ({
          ...issue,
          path: issue.path.join('.'),
        }))
  }

  it("takes modifier groups as deep as core's maxModifierDepth, and none, null or [] below", () => {
    expect(maxModifierDepth).toBe(6)
    const leaf = { id: 'leaf', quantity: 1 }
    expect(issuesOf(nestedWixtarItem(maxModifierDepth, leaf))).toEqual([])
    for (const none of [null, []]) {
      const innermost = { ...leaf, selected_modifier_groups: none }
      expect(issuesOf(nestedWixtarItem(maxModifierDepth, innermost))).toEqual([])
    }
  })

  it('refuses one level more at its path, with the code modifier_too_deep', () => {
    expect(issuesOf(nestedWixtarItem(maxModifierDepth + 1))).toEqual([
      {
        path: nestedGroupsPath(7).slice(1),
        code: 'modifier_too_deep',
        message:
          "modifier groups nest at most 6 deep counting the cart item's own (core's maxModifierDepth, which every order ordersync converts keeps to): these would be level 7",
      },
    ])
    const upload = wixtarUploadRequestSchema.safeParse({
      orders: [{ ...example, cart: { items: [nestedWixtarItem(maxModifierDepth + 1)] } }],
    })
    expect(upload.error?.issues.map((issue) => issue.path.join('.'))).toEqual([
      `orders.0.cart.items.0${nestedGroupsPath(7)}`,
    ])
  })

  it('refuses an item nested 20,000 levels deep with an issue, not a RangeError', () => {
    const deep = nestedWixtarItem(20_000)
    expect(() => wixtarItemSchema.safeParse(deep)).not.toThrow()
    expect(issuesOf(deep).map(({ path, code }) => ({ path, code }))).toEqual([
      { path: nestedGroupsPath(7).slice(1), code: 'modifier_too_deep' },
    ])
  })
})

describe('wixtarMoneySchema', () => {
  it('takes integer amounts and an ISO 4217 code, every field optional', () => {
    expect(wixtarMoneySchema.safeParse({}).success).toBe(true)
    expect(
      wixtarMoneySchema.safeParse({
        amount: 0,
        discount: 0,
        currency_code: 'TWD',
        formatted_amount: '0',
      }).success,
    ).toBe(true)
    for (const bad of [
      { amount: 1.5 },
      { amount: -1 },
      { currency_code: 'twd' },
      { currency_code: 'NTD$' },
      { amount: '1100' },
    ]) {
      expect(wixtarMoneySchema.safeParse(bad).success).toBe(false)
    }
  })
})
