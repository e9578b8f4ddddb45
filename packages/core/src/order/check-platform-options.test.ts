import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { sampleOrder } from '../test/sample-orders.ts'
import { checkPlatformOptions } from './check-platform-options.ts'
import { compileFastParse } from './fast-parse.ts'
import { instantSchema, nonNegativeMoneySchema } from './order-schema.ts'
import { parseOrder, toValidationIssues } from './parse-order.ts'

const schemas = {
  order: z.strictObject({ storeId: z.string().optional() }),
  line: z.strictObject({ sku: z.string() }),
}

describe('checkPlatformOptions', () => {
  it('finds nothing wrong in an order without options', () => {
    expect(checkPlatformOptions(parseOrder(sampleOrder), 'demo', schemas)).toEqual([])
  })

  it('reports each wrong option with its canonical path, on the order and on each line', () => {
    const order = parseOrder({
      ...sampleOrder,
      platformOptions: { demo: { storeId: 7 } },
      lines: sampleOrder.lines.map((line, index) =>
        index === 1 ? { ...line, platformOptions: { demo: { sku: 3 } } } : line,
      ),
    } as never)
    expect(
      checkPlatformOptions(order, 'demo', schemas).map(({ path, code }) => [path.join('.'), code]),
    ).toEqual([
      ['platformOptions.demo.storeId', 'invalid_type'],
      ['lines.1.platformOptions.demo.sku', 'invalid_type'],
    ])
  })

  it('answers as zod alone on valid and broken options (the fast path only vouches)', () => {
    // The kinds the platforms' options use: a number piped into literals, bounds, a refinement,
    // records, enums, arrays, money and instants.
    const options = z.strictObject({
      orderType: z
        .number()
        .int()
        .min(1)
        .max(8)
        .pipe(z.literal([1, 2, 3, 4, 5, 6, 7, 8]))
        .optional(),
      code: z
        .string()
        .refine((value) => value.length % 2 === 0, 'must have an even length')
        .optional(),
      kind: z.union([z.literal(1), z.literal(2)]).optional(),
      level: z.enum(['gold', 'silver']).optional(),
      fee: nonNegativeMoneySchema.optional(),
      at: instantSchema.optional(),
      tags: z.record(z.string(), z.string().regex(/^\d{5}$/)).optional(),
      list: z.array(z.strictObject({ weight: z.number().nonnegative() })).optional(),
    })
    expect(compileFastParse(options)).toBeTypeOf('function')
    const values: Record<string, unknown>[] = [
      {},
      { orderType: 3, code: 'ab', kind: 2, level: 'gold' },
      { orderType: 9 },
      { orderType: 0 },
      { orderType: 2.5 },
      { code: 'abc' },
      { kind: 3 },
      { level: 'bronze' },
      { fee: { amount: 100, currency: 'CNY' }, at: '2024-05-20T10:00:00+08:00' },
      { fee: { amount: -1, currency: 'CNY' } },
      { at: '2024-05-20 10:00:00' },
      { tags: { a: '00004' }, list: [{ weight: 0 }] },
      { tags: { a: '4' }, list: [{ weight: -1 }, { weight: 1, extra: true }] },
      { unknown: 1 },
    ]
    for (const value of values) {
      const order = parseOrder({
        ...sampleOrder,
        platformOptions: { demo: value },
        lines: sampleOrder.lines.map((line) => ({ ...line, platformOptions: { demo: value } })),
      } as never)
      const expected = [
        ['platformOptions', 'demo'],
        ...order.lines.map((_, index) => ['lines', index, 'platformOptions', 'demo']),
      ].flatMap((prefix) => {
        const result = options.safeParse(value)
        return result.success ? [] : toValidationIssues(result.error.issues, prefix)
      })
      expect(
        checkPlatformOptions(order, 'demo', { order: options, line: options }),
        JSON.stringify(value),
      ).toStrictEqual(expected)
    }
  })
})
