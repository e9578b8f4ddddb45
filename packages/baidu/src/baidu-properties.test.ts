import { parseOrder, syncOrders } from '@ordersync/core'
import { arbitraryOrder } from '@ordersync/core/fixtures'
import { createBaiduSandboxModule, startSandbox } from '@ordersync/sandbox'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createBaidu } from './baidu-client.ts'
import { baiduOrderSchema } from './baidu-order-schema.ts'
import { checkBaiduMainOrder } from './check-baidu-order-consistency.ts'
import { toBaiduOrder } from './convert-to-baidu-order.ts'

describe('toBaiduOrder on any valid order (property tests)', () => {
  it('satisfies the document’s Payment.Amount formula to the fen, and Amount is what the buyer owes', () => {
    fc.assert(
      fc.property(fc.gen(), (gen) => {
        const order = parseOrder(
          arbitraryOrder({ integer: (min, max) => gen(fc.integer, { min, max }) }, 'p-1'),
        )
        const { body, query } = toBaiduOrder(order, { appKey: 'app-key' })
        const [wire] = body.Data
        expect(baiduOrderSchema.safeParse(wire).success).toBe(true)
        expect(checkBaiduMainOrder(wire.EXT.MainOrder, [])).toEqual([])
        expect(wire.EXT.MainOrder.Payment.Amount).toBe(order.payableAmount.amount)
        // PayPrice never exceeds Price, and no amount is negative.
        for (const product of wire.EXT.MainOrder.Products) {
          expect(product.PayPrice).toBeGreaterThanOrEqual(0)
          expect(product.PayPrice).toBeLessThanOrEqual(product.Price)
        }
        expect(query).toEqual({ open_id: 'openid-p-1', scene_id: 'tx-p-1', scene_type: 2 })
      }),
      { numRuns: 300 },
    )
  })

  it('produces orders the sandbox — validating the document on its own — accepts', async () => {
    const sandbox = await startSandbox({ modules: [createBaiduSandboxModule()] })
    try {
      const credentials = sandbox.credentials.baidu ?? {}
      const baidu = createBaidu({
        appKey: credentials.appKey ?? '',
        appSecret: credentials.appSecret ?? '',
        paymentAppKey: credentials.paymentAppKey ?? '',
        baseURL: sandbox.url,
      })
      const orders = fc
        .sample(fc.gen(), { numRuns: 120, seed: 7 })
        .map((gen, index) =>
          arbitraryOrder(
            { integer: (min, max) => gen(fc.integer, { min, max }) },
            `random-${index}`,
          ),
        )
      const report = await syncOrders({ platform: baidu, orders, concurrency: 4 })
      expect(report.results.filter((result) => result.status === 'failed')).toEqual([])
      expect(sandbox.control.orders('baidu').size).toBe(120)
    } finally {
      await sandbox.close()
    }
  })
})
