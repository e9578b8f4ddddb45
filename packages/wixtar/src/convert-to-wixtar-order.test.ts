import {
  InvalidArgumentError,
  type Order,
  type OrderInput,
  parseOrder,
  ValidationError,
} from '@ordersync/core'
import { describe, expect, it } from 'vitest'
import { checkWixtarOrderConsistency } from './check-wixtar-order-consistency.ts'
import { toWixtarOrder, type WixtarConversionOptions } from './convert-to-wixtar-order.ts'
import { wixtarDocumentRequest } from './test/wixtar-document-request.ts'
import { wixtarDocumentOrder } from './wixtar-document-order.ts'
import { WixtarNotReportableError } from './wixtar-not-reportable-error.ts'
import type { WixtarItem, WixtarOrder } from './wixtar-order-schema.ts'

const twd = (amount: number) => ({ amount, currency: 'TWD' }) as const

function convert(input: OrderInput, options?: WixtarConversionOptions) {
  return toWixtarOrder(parseOrder(input), options)
}

function validationIssues(input: OrderInput, options?: WixtarConversionOptions) {
  try {
    convert(input, options)
  } catch (error) {
    if (!ValidationError.isInstance(error)) throw error
    return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))
  }
  throw new Error('expected a ValidationError')
}

/**
 * The document's example as ordersync sends it with its default settings, with each correction
 * made explicit. Every amount and every `formatted_amount` is the example's own: charges and the
 * payment in whole dollars, item prices in cents, each shown in whole dollars ("1100", "400", "0").
 */
function correctedDocumentExample(): WixtarOrder {
  const example = structuredClone(wixtarDocumentRequest.orders[0]) as WixtarOrder
  // Empty lists and empty values are left out rather than sent as null, "" or 0.
  const item = ({
    selected_modifier_groups,
    ticket_no,
    redeem_point,
    ...rest
  }: WixtarItem): WixtarItem => ({
    ...rest,
    ...(selected_modifier_groups === null || selected_modifier_groups === undefined
      ? {}
      : {
          selected_modifier_groups: selected_modifier_groups.map(({ removed_items, ...group }) => ({
            ...group,
            selected_items: (group.selected_items ?? []).map(item),
          })),
        }),
  })
  return {
    ...example,
    // `paid` is known from the canonical order (paid 1000 of 1000), and always sent.
    paid: true,
    charges: {
      ...example.charges,
      // Corrected: the items add up to 1000, not 1100; the 100 between sub_total and total is
      // the fixture's service charge.
      sub_total: { amount: 1000, currency_code: 'TWD', formatted_amount: '1000' },
    },
    cart: {
      // The serial numbers (1, 5001) come from platformOptions.wixtar.serialNumber, given below.
      items: example.cart.items.map(item),
    },
    // customize comes from platformOptions.wixtar.customize, given below.
  }
}

const minorEverywhere = { charges: 'minor', items: 'minor', payments: 'minor' } as const

describe('toWixtarOrder', () => {
  it("turns the corrected fixture into the document's example with the default settings", () => {
    const { order } = convert({
      ...wixtarDocumentOrder,
      platformOptions: { wixtar: { customize: 'customize content' } },
      lines: wixtarDocumentOrder.lines.map((line, index) => ({
        ...line,
        platformOptions: { wixtar: { serialNumber: index === 0 ? 1 : 5001 } },
      })),
    })
    expect(order).toEqual(correctedDocumentExample())
    expect(checkWixtarOrderConsistency(order, 0)).toEqual([])
  })

  it("writes each Money's formatted_amount as the example does: major units, no zero decimals", () => {
    const { order } = convert(wixtarDocumentOrder)
    // The example's own pairs: 1100 → "1100" (whole dollars), 40000 → "400" and 0 → "0" (cents).
    expect(order.charges.total).toEqual({
      amount: 1100,
      currency_code: 'TWD',
      formatted_amount: '1100',
    })
    expect(order.cart.items[0]?.price).toEqual({
      unit_price: { amount: 40000, currency_code: 'TWD', formatted_amount: '400' },
      total_price: { amount: 80000, currency_code: 'TWD', formatted_amount: '800' },
    })
    expect(order.cart.items[0]?.selected_modifier_groups?.[0]?.selected_items?.[0]?.price).toEqual({
      unit_price: { amount: 0, currency_code: 'TWD', formatted_amount: '0' },
      total_price: { amount: 0, currency_code: 'TWD', formatted_amount: '0' },
    })
  })

  it('writes a fractional amount exactly in formatted_amount, never rounded', () => {
    const halfDollar: OrderInput = {
      ...wixtarDocumentOrder,
      lines: [{ ...wixtarDocumentOrder.lines[1], unitPrice: twd(20050), modifiers: [] } as never],
      charges: { goodsSubtotal: twd(20050) },
      payableAmount: twd(20050),
      paidAmount: twd(20050),
      payments: [{ method: 'cash', amount: twd(20050) }],
    }
    const { order } = convert(halfDollar, { amountScale: minorEverywhere })
    expect(order.cart.items[0]?.price?.unit_price).toEqual({
      amount: 20050,
      currency_code: 'TWD',
      formatted_amount: '200.50',
    })
    expect(order.charges.total_fee).toEqual({
      amount: 20050,
      currency_code: 'TWD',
      formatted_amount: '200.50',
    })
  })

  it('sends minor units everywhere when told so, and its identities hold', () => {
    const { order } = convert(wixtarDocumentOrder, { amountScale: minorEverywhere })
    expect(order.charges).toEqual({
      total: { amount: 110000, currency_code: 'TWD', formatted_amount: '1100' },
      sub_total: { amount: 100000, currency_code: 'TWD', formatted_amount: '1000' },
      discount: { amount: 10000, currency_code: 'TWD', formatted_amount: '100' },
      total_fee: { amount: 100000, currency_code: 'TWD', formatted_amount: '1000' },
    })
    expect(order.payments).toEqual([{ type: 'CASH', payment_amount: 100000 }])
    expect(checkWixtarOrderConsistency(order, 0, minorEverywhere)).toEqual([])
  })

  it('warns about what Wixtar cannot carry', () => {
    expect(convert(wixtarDocumentOrder).warnings).toMatchInlineSnapshot(`
      [
        {
          "code": "value_folded",
          "message": "Wixtar has no field for freight or fees: they are counted in charges.total, the part of it above sub_total",
          "path": [
            "charges",
          ],
        },
        {
          "code": "field_dropped",
          "message": "Wixtar has no modification time: the last upload of an order_id is what it keeps, so send the versions of an order in the order they happened",
          "path": [
            "modifiedAt",
          ],
        },
        {
          "code": "field_dropped",
          "message": "Wixtar has no field for charges.fees[].name: it is not reported",
          "path": [
            "charges",
            "fees",
            0,
            "name",
          ],
        },
        {
          "code": "field_dropped",
          "message": "Wixtar has no field for charges.fees[].kind: it is not reported",
          "path": [
            "charges",
            "fees",
            0,
            "kind",
          ],
        },
      ]
    `)
  })

  it('refuses an amount with cents where its group is in whole units, naming the canonical path', () => {
    const order: OrderInput = {
      ...wixtarDocumentOrder,
      lines: [{ ...wixtarDocumentOrder.lines[0], unitPrice: twd(40050), quantity: 1 } as never],
      charges: {
        goodsSubtotal: twd(40050),
        fees: [{ name: 'Service charge', kind: 'service', amount: twd(10000) }],
        discounts: [{ level: 'order', amount: twd(10000) }],
      },
      payableAmount: twd(40050),
      paidAmount: twd(40050),
      payments: [{ method: 'cash', amount: twd(40050) }],
    }
    expect(
      validationIssues(order, { amountScale: { charges: 'major', payments: 'minor' } }),
    ).toEqual([
      {
        path: 'charges',
        message:
          "has a fractional part in TWD, and Wixtar's charges amounts are whole units of the currency (amountScale.charges = 'major'): it cannot be sent without rounding — use 'minor' for charges, or fix the amount",
      },
      {
        path: 'charges.goodsSubtotal',
        message:
          "has a fractional part in TWD, and Wixtar's charges amounts are whole units of the currency (amountScale.charges = 'major'): it cannot be sent without rounding — use 'minor' for charges, or fix the amount",
      },
      {
        path: 'payableAmount',
        message:
          "has a fractional part in TWD, and Wixtar's charges amounts are whole units of the currency (amountScale.charges = 'major'): it cannot be sent without rounding — use 'minor' for charges, or fix the amount",
      },
    ])
    expect(
      validationIssues(order, {
        amountScale: { charges: 'minor', items: 'major', payments: 'major' },
      }),
    ).toEqual([
      expect.objectContaining({ path: 'payments.0.amount' }),
      expect.objectContaining({ path: 'lines.0.unitPrice' }),
      expect.objectContaining({ path: 'lines.0.unitPrice' }),
    ])
    // The default (the example's units) sends charges and payments in whole dollars, so it refuses
    // the same amounts; with cents there, they go out exactly.
    expect(validationIssues(order).map((issue) => issue.path)).toEqual([
      'charges',
      'charges.goodsSubtotal',
      'payableAmount',
      'payments.0.amount',
    ])
    expect(
      convert(order, { amountScale: { charges: 'minor', payments: 'minor' } }).order.charges
        .total_fee,
    ).toEqual({
      amount: 40050,
      currency_code: 'TWD',
      formatted_amount: '400.50',
    })
  })

  it('fails sums beyond 2⁵³ − 1 minor units as a ValidationError at the canonical paths, never an InvalidArgumentError', () => {
    const max = Number.MAX_SAFE_INTEGER
    // Every amount is valid; goods, freight and fees together (charges.total), the discounts
    // together, and a choice's price × quantity are beyond what is exact.
    const order: OrderInput = {
      ...wixtarDocumentOrder,
      lines: [
        {
          id: 'P001',
          skuId: 'P001',
          name: 'Tea',
          quantity: 1,
          unitPrice: twd(100),
          modifiers: [
            {
              id: '1',
              name: 'size',
              selected: [{ id: '1-1', name: 'huge', quantity: 3, unitPrice: twd(max - 1) }],
            },
          ],
        },
      ],
      charges: {
        goodsSubtotal: twd(100),
        freight: twd(max),
        fees: [{ name: 'Service charge', kind: 'service', amount: twd(max) }],
        discounts: [
          { level: 'order', amount: twd(max) },
          { level: 'order', amount: twd(max - 9900) },
        ],
      },
      payableAmount: twd(10000),
      paidAmount: twd(10000),
      payments: [{ method: 'cash', amount: twd(10000) }],
    }
    const message = (group: string) =>
      `comes to more than 90071992547409.91 TWD (2⁵³ − 1 minor units), beyond which an amount is exact neither in ordersync nor as a JSON integer: Wixtar's ${group} amount cannot carry it`
    for (const options of [{}, { amountScale: minorEverywhere }]) {
      let thrown: unknown
      try {
        convert(order, options)
      } catch (error) {
        thrown = error
      }
      expect(ValidationError.isInstance(thrown)).toBe(true)
      expect(
        (thrown as ValidationError).issues.map(({ path, code, message }) => ({
          path,
          code,
          message,
        })),
      ).toEqual([
        { path: ['charges'], code: 'wixtar_amount_limit', message: message('charges') },
        {
          path: ['charges', 'discounts'],
          code: 'wixtar_amount_limit',
          message: message('charges'),
        },
        {
          path: ['lines', 0, 'modifiers', 0, 'selected', 0, 'unitPrice'],
          code: 'wixtar_amount_limit',
          message: message('items'),
        },
      ])
    }
  })

  it('requires a store and the company name', () => {
    expect(validationIssues({ ...wixtarDocumentOrder, merchant: undefined })).toEqual([
      {
        path: 'merchant.store',
        message: 'is required: Wixtar files every order under a store (store.id)',
      },
      {
        path: 'merchant.name',
        message: 'is required: it is Wixtar\'s store.company (the example\'s "Epoint")',
      },
    ])
  })

  it('checks platformOptions.wixtar at run time, with their canonical paths', () => {
    const issues = validationIssues({
      ...wixtarDocumentOrder,
      platformOptions: { wixtar: { customize: '', extra: 1 } as never },
      lines: wixtarDocumentOrder.lines.map((line) => ({
        ...line,
        platformOptions: { wixtar: { redeemPoint: -1 } },
      })),
    })
    expect(issues.map((issue) => issue.path)).toEqual([
      'platformOptions.wixtar.customize',
      'platformOptions.wixtar',
      'lines.0.platformOptions.wixtar.redeemPoint',
      'lines.1.platformOptions.wixtar.redeemPoint',
    ])
  })

  it('sends the line options and lets an order choose its own type and source', () => {
    const { order } = convert({
      ...wixtarDocumentOrder,
      platformOptions: { wixtar: { salesMethod: 'UBER_EATS', sourceType: 'KIOSK-3' } },
      lines: wixtarDocumentOrder.lines.map((line) => ({
        ...line,
        platformOptions: { wixtar: { ticketNo: 'T-17', redeemPoint: 30 } },
      })),
    })
    expect(order.type).toBe('UBER_EATS')
    expect(order.source_type).toBe('KIOSK-3')
    expect(order.cart.items.map((item) => [item.ticket_no, item.redeem_point])).toEqual([
      ['T-17', 30],
      ['T-17', 30],
    ])
  })

  it('maps type, channel and payment method by the settings, upper case by default', () => {
    const base = { ...wixtarDocumentOrder, type: 'pickup', channel: 'mini_program' } as const
    const pickup = convert({
      ...base,
      delivery: undefined,
      payments: [{ method: 'line_pay', amount: twd(100000) }],
    })
    expect([pickup.order.type, pickup.order.source_type, pickup.order.payments[0]?.type]).toEqual([
      'PICKUP',
      'MINI_PROGRAM',
      'LINE_PAY',
    ])
    const mapped = convert(
      { ...base, delivery: undefined, payments: [{ method: 'line_pay', amount: twd(100000) }] },
      {
        salesMethods: { pickup: 'TAKE_OUT' },
        sourceTypes: { mini_program: 'LINE_MINI_APP' },
        paymentTypes: { line_pay: 'LINEPAY' },
      },
    )
    expect([mapped.order.type, mapped.order.source_type, mapped.order.payments[0]?.type]).toEqual([
      'TAKE_OUT',
      'LINE_MINI_APP',
      'LINEPAY',
    ])
  })

  it('writes times in UTC with Z, milliseconds only when there are some, whatever the offset given', () => {
    const { order } = convert({
      ...wixtarDocumentOrder,
      createdAt: '2020-01-01T23:16:54.723+08:00',
      modifiedAt: '2020-01-01T23:16:54.723+08:00',
      delivery: { window: { start: '2020-01-02T08:00:00+08:00' } },
    })
    expect([order.placed_at, order.pickup_at]).toEqual([
      '2020-01-01T15:16:54.723Z',
      '2020-01-02T00:00:00Z',
    ])
  })

  it('nests modifier groups as deep as the canonical order does', () => {
    const { order } = convert({
      ...wixtarDocumentOrder,
      lines: [
        {
          ...wixtarDocumentOrder.lines[1],
          modifiers: [
            {
              id: 'd',
              name: 'set meal drink',
              selected: [
                {
                  id: 'd-1',
                  name: 'black tea',
                  quantity: 1,
                  unitPrice: twd(0),
                  modifiers: [
                    {
                      name: 'sugar',
                      selected: [{ name: 'half sugar', quantity: 1 }],
                      removed: [{ name: 'full sugar', quantity: 1 }],
                    },
                  ],
                },
              ],
            },
          ],
        } as never,
      ],
      charges: {
        goodsSubtotal: twd(20000),
        fees: [{ name: 'Service charge', kind: 'service', amount: twd(10000) }],
        discounts: [{ level: 'order', amount: twd(10000) }],
      },
      payableAmount: twd(20000),
      paidAmount: twd(20000),
      payments: [{ method: 'cash', amount: twd(20000) }],
    })
    expect(order.cart.items[0]?.selected_modifier_groups).toEqual([
      {
        id: 'd',
        title: 'set meal drink',
        selected_items: [
          {
            id: 'd-1',
            title: 'black tea',
            quantity: 1,
            price: {
              unit_price: { amount: 0, currency_code: 'TWD', formatted_amount: '0' },
              total_price: { amount: 0, currency_code: 'TWD', formatted_amount: '0' },
            },
            selected_modifier_groups: [
              {
                title: 'sugar',
                selected_items: [{ title: 'half sugar', quantity: 1 }],
                removed_items: [{ title: 'full sugar', quantity: 1 }],
              },
            ],
          },
        ],
      },
    ])
  })

  it('carries modifier groups six deep, as deep as core takes them, and refuses a seventh level by its path', () => {
    // A choice that costs 10 at each level (10 TWD in cents, the unit of item prices), with a
    // group of its own below it down to `depth`.
    const canonicalGroups = (
      level: number,
      depth: number,
    ): OrderInput['lines'][number]['modifiers'] => [
      {
        id: `${level}`,
        name: `level ${level}`,
        selected: [
          {
            id: `${level}-1`,
            name: `choice ${level}`,
            quantity: 1,
            unitPrice: twd(1000),
            ...(level < depth ? { modifiers: canonicalGroups(level + 1, depth) } : {}),
          },
        ],
      },
    ]
    const wireGroups = (level: number, depth: number): WixtarItem['selected_modifier_groups'] => [
      {
        id: `${level}`,
        title: `level ${level}`,
        selected_items: [
          {
            id: `${level}-1`,
            title: `choice ${level}`,
            quantity: 1,
            price: {
              unit_price: { amount: 1000, currency_code: 'TWD', formatted_amount: '10' },
              total_price: { amount: 1000, currency_code: 'TWD', formatted_amount: '10' },
            },
            ...(level < depth ? { selected_modifier_groups: wireGroups(level + 1, depth) } : {}),
          },
        ],
      },
    ]
    const nested = (depth: number): OrderInput => ({
      ...wixtarDocumentOrder,
      lines: wixtarDocumentOrder.lines.map((line, index) =>
        index === 0 ? { ...line, modifiers: canonicalGroups(1, depth) } : line,
      ),
    })
    const { order, warnings } = convert(nested(6))
    expect(order.cart.items[0]?.selected_modifier_groups).toEqual(wireGroups(1, 6))
    expect(warnings.filter((warning) => warning.path.includes('modifiers'))).toEqual([])
    expect(validationIssues(nested(7))).toEqual([
      {
        path: `lines.0${'.modifiers.0.selected.0'.repeat(6)}.modifiers`,
        message:
          "modifier groups nest at most 6 deep counting the line's own, as the deepest Uber Eats menus do: these would be level 7 — fold their choices into the group above",
      },
    ])
  })

  it('reports what was paid as one payment when the order lists none, and paid false when unpaid', () => {
    const { order } = convert({ ...wixtarDocumentOrder, payments: undefined })
    expect(order.payments).toEqual([{ payment_amount: 1000 }])
    const cancelled = convert({
      ...wixtarDocumentOrder,
      status: 'cancelled_before_payment',
      paidAmount: twd(0),
      payments: undefined,
    })
    expect([cancelled.order.current_state, cancelled.order.paid, cancelled.order.payments]).toEqual(
      ['CANCELLED', false, []],
    )
  })

  it("keeps a pickup order's address out of the customer, with a warning", () => {
    const { order, warnings } = convert({
      ...wixtarDocumentOrder,
      type: 'pickup',
      buyer: undefined,
      delivery: {
        address: { name: 'Tainan Store', phone: '062345678', line1: 'No. 1, Anping Road' },
      },
    })
    expect(order.customer).toEqual({})
    expect(warnings).toContainEqual({
      path: ['delivery', 'address'],
      code: 'field_dropped',
      message:
        "is the pickup point of a pickup order, and Wixtar's customer is the buyer: it is not reported",
    })
  })

  it("takes a delivery order's recipient as the customer when there is no buyer, and says when they differ", () => {
    const recipient = {
      name: 'Lin Mei',
      phone: '0920555666',
      line1: 'No. 5',
      city: 'Tainan City',
      postalCode: '708',
    }
    const alone = convert({
      ...wixtarDocumentOrder,
      buyer: undefined,
      delivery: { address: recipient },
    })
    expect(alone.order.customer).toEqual({
      name: 'Lin Mei',
      mobile: '0920555666',
      address: 'No. 5, Tainan City, 708',
    })
    const both = convert({ ...wixtarDocumentOrder, delivery: { address: recipient } })
    expect(both.order.customer).toEqual({
      name: 'Wang Daming',
      mobile: '0910123456',
      address: 'No. 5, Tainan City, 708',
    })
    expect(both.warnings.filter((warning) => warning.path[1] === 'address')).toEqual([
      {
        path: ['delivery', 'address', 'name'],
        code: 'field_dropped',
        message:
          "differs from buyer.name, and Wixtar's customer has one name: the buyer's is reported",
      },
      {
        path: ['delivery', 'address', 'phone'],
        code: 'field_dropped',
        message:
          "differs from buyer.phone, and Wixtar's customer has one mobile: the buyer's is reported",
      },
    ])
  })

  it('asks for a parsed order when handed an OrderInput', () => {
    expect(() => toWixtarOrder(wixtarDocumentOrder as unknown as Order)).toThrow(
      InvalidArgumentError,
    )
    expect(() => toWixtarOrder(wixtarDocumentOrder as unknown as Order)).toThrow(
      '[ordersync] [wixtar] invalid order: is not a parsed order (its createdAt is a string, not an instant): call parseOrder(order) first',
    )
  })

  it('refuses an order that contains itself with a typed error, never walking it forever', () => {
    // Given as it came (times as instants, not marked by parseOrder), with a back-reference.
    const raw = structuredClone({
      ...wixtarDocumentOrder,
      createdAt: Date.parse('2020-05-01T22:25:49Z'),
      modifiedAt: Date.parse('2020-05-01T22:25:49Z'),
    })
    Object.assign(raw.lines[0] ?? {}, { order: raw })
    let thrown: unknown
    try {
      toWixtarOrder(raw as unknown as Order)
    } catch (error) {
      thrown = error
    }
    expect(InvalidArgumentError.isInstance(thrown)).toBe(true)
    expect(thrown).toMatchObject({ platform: 'wixtar', argument: 'order' })
    expect((thrown as Error).message).toBe(
      '[ordersync] [wixtar] invalid order: contains itself (a cycle) at lines.0.order: an order must be plain data (copy the fields you need into a new object)',
    )
    // A parsed order changed afterwards so that a choice's groups are the line's own: the modifier
    // groups nest without end, refused at the first level beyond core's maxModifierDepth.
    const parsed = parseOrder(wixtarDocumentOrder) as Order & {
      lines: { modifiers: { selected: { modifiers?: unknown }[] }[] }[]
    }
    const line = parsed.lines[0] as (typeof parsed.lines)[number]
    ;(line.modifiers[0]?.selected[0] as { modifiers?: unknown }).modifiers = line.modifiers
    thrown = undefined
    try {
      toWixtarOrder(parsed)
    } catch (error) {
      thrown = error
    }
    expect(ValidationError.isInstance(thrown)).toBe(true)
    const [issue] = (thrown as ValidationError).issues
    expect(issue?.code).toBe('modifier_too_deep')
    expect(issue?.path).toEqual([
      'lines',
      0,
      ...Array.from({ length: 6 }, () => ['modifiers', 0, 'selected', 0]).flat(),
      'modifiers',
    ])
  })

  it('throws WixtarNotReportableError for an order that is not finished', () => {
    expect(() => convert({ ...wixtarDocumentOrder, status: 'paid' })).toThrow(
      WixtarNotReportableError,
    )
  })
})
