import { type OrderInput, parseOrder, syncOrders } from '@ordersync/core'
import { arbitraryOrder } from '@ordersync/core/fixtures'
import { createBaiduSandboxModule, startSandbox } from '@ordersync/sandbox'
import { testWideOrders } from '@ordersync/sandbox/testing'
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
      // Every order type (so both categories) and every status a paid order can be in, some
      // orders hidden: each must become a Status of its category's table that the sandbox takes.
      const statuses = [
        'paid',
        'pending_acceptance',
        'accepted',
        'preparing',
        'ready',
        'shipped',
        'delivered',
        'completed',
        'rejected',
        'cancelled_after_payment',
        'voided',
      ] as const
      const types = ['shipping', 'delivery', 'pickup', 'dine_in', 'virtual'] as const
      const afterSaleTypes = ['refund_only', 'exchange', 'return_and_refund'] as const
      const afterSaleStatuses = [
        'requested',
        'processing',
        'succeeded',
        'closed',
        'rejected',
      ] as const
      const orders: OrderInput[] = fc
        .sample(fc.gen(), { numRuns: 120, seed: 7 })
        .map((gen, index) => ({
          ...arbitraryOrder(
            { integer: (min, max) => gen(fc.integer, { min, max }) },
            `random-${index}`,
          ),
          status: statuses[index % statuses.length] ?? 'paid',
          type: types[index % types.length] ?? 'shipping',
          hidden: index % 7 === 0,
          // Some with an after-sale request (add carries them), of every type and status.
          ...(index % 3 === 0
            ? {
                afterSales: [
                  {
                    id: `as-${index}`,
                    type: afterSaleTypes[(index / 3) % 3] ?? 'exchange',
                    status: afterSaleStatuses[index % 5] ?? 'requested',
                    createdAt: '2024-05-21T09:00:00+08:00',
                    modifiedAt: '2024-05-21T10:00:00+08:00',
                    refundAmount: { amount: 0, currency: 'CNY' },
                    lines: [
                      {
                        lineId: 'line-0',
                        quantity: 1,
                        refundAmount: { amount: 0, currency: 'CNY' },
                      },
                    ],
                  },
                ],
              }
            : {}),
        }))
      const report = await syncOrders({ platform: baidu, orders, concurrency: 4 })
      expect(report.results.filter((result) => result.status === 'failed')).toEqual([])
      expect(sandbox.control.orders('baidu').size).toBe(120)
      const stored = [...sandbox.control.orders('baidu').values()] as {
        CateID: number
        Status: number
        EXT: { SubsOrder?: { Items: { SubStatus: number }[] } }
      }[]
      const reached = (category: number) =>
        [
          ...new Set(
            stored.filter((entry) => entry.CateID === category).map((entry) => entry.Status),
          ),
        ].sort((a, b) => a - b)
      expect(reached(1)).toEqual([5, 6, 100, 200, 300])
      expect(reached(2)).toEqual([2, 3, 4, 100, 200, 300])
      const subStatuses = stored.flatMap(
        (entry) => entry.EXT.SubsOrder?.Items.map((item) => item.SubStatus) ?? [],
      )
      expect([...new Set(subStatuses)].sort((a, b) => a - b)).toEqual([
        400, 401, 402, 403, 404, 407,
      ])
    } finally {
      await sandbox.close()
    }
  })
})

describe('toBaiduOrder on wide orders (property test)', () => {
  testWideOrders({
    name: 'toBaiduOrder',
    convert: (order) =>
      toBaiduOrder(order, { appKey: 'app-key' }).body.Data.map((body) => ({
        at: '(baidu order)',
        schema: baiduOrderSchema,
        body,
      })),
  })
})
