import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/invalid-argument-error.ts'
import { arbitraryOrder } from '../fixtures/index.ts'
import { isMoney } from '../money/money.ts'
import type { Order } from '../order/order-types.ts'
import { parseOrder } from '../order/parse-order.ts'
import { richSampleOrder, sampleOrder } from '../test/sample-orders.ts'
import type { SyncWarning } from './platform-contract.ts'
import { warnDroppedFields } from './warn-dropped-fields.ts'

it('warns once per field pattern the platform does not carry, at its first path', () => {
  const order = parseOrder({
    ...richSampleOrder,
    title: 'Shoes',
    lines: richSampleOrder.lines.map((line) => ({
      ...line,
      description: 'nice',
      platformOptions: { youshu: { weightGrams: 1 } },
    })),
    platformOptions: { youshu: { orderType: 1 } },
  })
  const everythingBut = [
    'id',
    'type',
    'status',
    'channel',
    'createdAt',
    'modifiedAt',
    'statusChangedAt',
    'buyer',
    'merchant',
    'charges',
    'payableAmount',
    'paidAmount',
    'payments',
    'delivery',
  ]
  expect(
    warnDroppedFields(
      order,
      [
        ...everythingBut,
        'lines.*.id',
        'lines.*.skuId',
        'lines.*.name',
        'lines.*.productId',
        'lines.*.productName',
        'lines.*.unit',
        'lines.*.category',
        'lines.*.imageUrls',
        'lines.*.quantity',
        'lines.*.isGift',
      ],
      'Youshu',
    ),
  ).toEqual([
    {
      path: ['title'],
      code: 'field_dropped',
      message: 'Youshu has no field for title: it is not reported',
    },
    {
      path: ['lines', 0, 'description'],
      code: 'field_dropped',
      message: 'Youshu has no field for lines[].description: it is not reported',
    },
    {
      path: ['lines', 0, 'unitPrice'],
      code: 'field_dropped',
      message: 'Youshu has no field for lines[].unitPrice: it is not reported',
    },
  ])
})

it('reports nothing when every present field is carried', () => {
  const order = parseOrder(richSampleOrder)
  expect(warnDroppedFields(order, Object.keys(order), 'Youshu')).toEqual([])
})

it('has nothing to say about empty lists', () => {
  const order = parseOrder({ ...richSampleOrder, afterSales: [] })
  expect(
    warnDroppedFields(
      order,
      Object.keys(order).filter((key) => key !== 'afterSales'),
      'Youshu',
    ),
  ).toEqual([])
})

// The walk before it followed a tree of the patterns: every node tested against every pattern.
function warnDroppedFieldsByScan(order: Order, carried: readonly string[], platformName: string) {
  const patterns = carried.map((pattern) => pattern.split('.'))
  const covered = (normalized: readonly string[]): boolean =>
    patterns.some(
      (pattern) =>
        pattern.length <= normalized.length &&
        pattern.every((segment, index) => segment === normalized[index]),
    )
  const warnings = new Map<string, SyncWarning>()
  const visit = (value: unknown, path: (string | number)[], normalized: string[]): void => {
    if (value === undefined || (Array.isArray(value) && value.length === 0) || covered(normalized))
      return
    if (typeof value !== 'object' || value === null || isMoney(value)) {
      const key = normalized.join('.')
      if (!warnings.has(key)) {
        warnings.set(key, {
          path,
          code: 'field_dropped',
          message: `${platformName} has no field for ${key.replaceAll('.*', '[]')}: it is not reported`,
        })
      }
      return
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        visit(item, [...path, index], [...normalized, '*'])
      })
      return
    }
    for (const [key, item] of Object.entries(value)) {
      if (path.length === 0 && key === 'platformOptions') continue
      if (key === 'platformOptions' && normalized.at(-2) === 'lines') continue
      visit(item, [...path, key], [...normalized, key])
    }
  }
  visit(order, [], [])
  return [...warnings.values()]
}

it('warns exactly as testing every field against every pattern would, for any order and patterns', () => {
  const candidates = [
    'id',
    'type',
    'status',
    'title',
    'createdAt',
    'modifiedAt',
    'buyer',
    'buyer.phone',
    'merchant',
    'merchant.store',
    'merchant.store.id',
    'lines',
    'lines.*',
    'lines.*.id',
    'lines.*.name',
    'lines.*.unitPrice',
    'lines.*.quantity',
    'lines.*.skuId',
    'lines.*.attributes',
    'lines.*.attributes.*.name',
    'charges',
    'charges.goodsSubtotal',
    'charges.discounts',
    'charges.discounts.*.amount',
    'charges.discounts.*.lineId',
    'charges.fees.*',
    'payableAmount',
    'paidAmount',
    'payments',
    'payments.*.amount',
    'delivery',
    'delivery.address.phone',
    'delivery.packages.*.lines',
    'afterSales.*.refundAmount',
    'platformOptions',
  ]
  fc.assert(
    fc.property(fc.gen(), fc.subarray(candidates), fc.boolean(), (gen, carried, withExtras) => {
      const input = arbitraryOrder({ integer: (min, max) => gen(fc.integer, { min, max }) }, 'o-1')
      const order = parseOrder(
        withExtras
          ? {
              ...input,
              title: 'a title',
              buyer: richSampleOrder.buyer,
              merchant: richSampleOrder.merchant,
              lines: input.lines.map((line) => ({
                ...line,
                attributes: [{ name: 'colour', value: 'blue' }],
                platformOptions: { youshu: { weightGrams: 1 } },
              })),
              platformOptions: { youshu: { orderType: 1 } },
            }
          : input,
      )
      expect(warnDroppedFields(order, carried, 'Youshu')).toEqual(
        warnDroppedFieldsByScan(order, carried, 'Youshu'),
      )
      // The compiled tree is reused for the same list, and rebuilt for a list changed in place.
      const mutable = [...carried]
      warnDroppedFields(order, mutable, 'Youshu')
      mutable.push('title', 'lines')
      expect(warnDroppedFields(order, mutable, 'Youshu')).toEqual(
        warnDroppedFieldsByScan(order, mutable, 'Youshu'),
      )
    }),
    { numRuns: 200 },
  )
})

describe('warnDroppedFields refuses an order that is not plain data', () => {
  it('throws an InvalidArgumentError naming the path of a cycle, instead of exhausting the heap', () => {
    const order = { ...parseOrder(sampleOrder) } as Record<string, unknown>
    order.buyer = { id: 'u-1', self: order }
    expect(() => warnDroppedFields(order as unknown as Order, ['id'], 'Test')).toThrow(
      new InvalidArgumentError({
        platform: 'Test',
        argument: 'order',
        reason:
          'contains itself (a cycle) or is nested deeper than 1000 levels at buyer.self: an order must be plain data, as parseOrder returns it',
      }),
    )
  })
})
