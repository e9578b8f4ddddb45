import { parseOrder, syncOrders } from '@ordersync/core'
import { arbitraryOrder } from '@ordersync/core/fixtures'
import { createYoushuSandboxModule, startSandbox } from '@ordersync/sandbox'
import { testWideOrders } from '@ordersync/sandbox/testing'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkYoushuOrderConsistency } from './check-youshu-order-consistency.ts'
import { toYoushuOrder } from './convert-to-youshu-order.ts'
import { createYoushu } from './youshu-client.ts'
import { youshuOrderSchema } from './youshu-order-schema.ts'

const fen = (yuan: number) => Math.round(yuan * 100)

describe('toYoushuOrder on any valid order (property tests)', () => {
  it('satisfies every identity of the document, to the fen', () => {
    fc.assert(
      fc.property(fc.gen(), (gen) => {
        const input = arbitraryOrder(
          { integer: (min, max) => gen(fc.integer, { min, max }) },
          'p-1',
        )
        const order = parseOrder(input)
        const [wire] = toYoushuOrder(order).orders
        if (wire === undefined) throw new Error('no payload')
        expect(youshuOrderSchema.safeParse(wire).success).toBe(true)
        expect(checkYoushuOrderConsistency(wire, 0)).toEqual([])
        const fees = (order.charges.fees ?? []).reduce((total, fee) => total + fee.amount.amount, 0)
        // What the buyer pays, less the fees Youshu has no field for.
        expect(fen(wire.payment_amount)).toBe(order.payableAmount.amount - fees)
        expect(fen(wire.payment_info?.[0]?.trans_amount ?? -1)).toBe(order.paidAmount.amount)
      }),
      { numRuns: 300 },
    )
  })

  it('produces orders the sandbox — validating the document on its own — accepts', async () => {
    const sandbox = await startSandbox({ modules: [createYoushuSandboxModule()] })
    try {
      const credentials = sandbox.credentials.youshu ?? {}
      const youshu = createYoushu({
        environment: 'test',
        baseURL: sandbox.url,
        appId: credentials.appId ?? '',
        appSecret: credentials.appSecret ?? '',
        merchantId: credentials.merchantId ?? '',
      })
      const orders = fc
        .sample(fc.gen(), { numRuns: 120, seed: 7 })
        .map((gen, index) =>
          arbitraryOrder(
            { integer: (min, max) => gen(fc.integer, { min, max }) },
            `random-${index}`,
          ),
        )
      const report = await syncOrders({ platform: youshu, orders })
      expect(report.results.filter((result) => result.status === 'failed')).toEqual([])
      expect(sandbox.control.orders('youshu').size).toBe(120)
    } finally {
      await sandbox.close()
    }
  })
})

describe('toYoushuOrder on wide orders (property test)', () => {
  testWideOrders({
    name: 'toYoushuOrder',
    convert: (order) =>
      toYoushuOrder(order).orders.map((body) => ({
        at: '(youshu order)',
        schema: youshuOrderSchema,
        body,
      })),
  })
})
