import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { sampleOrder } from '../test/sample-orders.ts'
import { checkPlatformOptions } from './check-platform-options.ts'
import { parseOrder } from './parse-order.ts'

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
})
