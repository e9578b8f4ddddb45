import { type OrderInput, parseOrder, syncOrders } from '@ordersync/core'
import { arbitraryOrder, type RandomIntegers } from '@ordersync/core/fixtures'
import {
  createWechatSandboxModule,
  startSandbox,
  type WechatSandboxOrder,
} from '@ordersync/sandbox'
import { type BuiltRequest, testWideOrders } from '@ordersync/sandbox/testing'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkWechatOrderConsistency } from './check-wechat-order-consistency.ts'
import { toWechatOrder } from './convert-to-wechat-order.ts'
import { createWechat } from './wechat-client.ts'
import {
  wechatAddOrderRequestSchema,
  wechatPayOrderRequestSchema,
  wechatSendDeliveryRequestSchema,
} from './wechat-order-schema.ts'

/**
 * A random valid order with what WeChat requires and the random orders leave out: the pages and
 * images, the scene and prepay id, and the pick-up store's address (arbitraryOrder's orders are
 * paid pick-up orders).
 */
function wechatOrder(random: RandomIntegers, id: string): OrderInput {
  const order = arbitraryOrder(random, id)
  return {
    ...order,
    detailPageUrl: `pages/order/detail?id=${id}`,
    lines: order.lines.map((line) => ({
      ...line,
      url: `pages/goods/detail?sku=${line.skuId}`,
      imageUrls: [`https://img.example.com/${line.skuId}.jpg`],
    })),
    delivery: { address: { name: '科技园店', phone: '075512345678', line1: '科苑路 1 号' } },
    payments: order.payments?.map((payment) => ({
      ...payment,
      paidAt: '2024-05-20T10:01:00+08:00',
    })),
    platformOptions: {
      wechat: { scene: 1001, prepayId: `prepay-${id}`, prepayAt: '2024-05-20T10:00:30+08:00' },
    },
  }
}
// Paid statuses a paid pick-up order can take, and the WeChat status each ends in (20, 30, 100, 100).
const lifecycle = ['paid', 'shipped', 'completed', 'delivered'] as const
const fromGen = (gen: fc.GeneratorValue): RandomIntegers => ({
  integer: (min, max) => gen(fc.integer, { min, max }),
})

describe('toWechatOrder on any valid order (property tests)', () => {
  it('satisfies both price rules to the fen, and real_price never rounds', () => {
    fc.assert(
      fc.property(fc.gen(), (gen) => {
        const order = parseOrder(wechatOrder(fromGen(gen), 'p-1'))
        const { add } = toWechatOrder(order)
        expect(wechatAddOrderRequestSchema.safeParse(add).success).toBe(true)
        expect(checkWechatOrderConsistency(add)).toEqual([])
        expect(add.order_detail.price_info.order_price).toBe(order.payableAmount.amount)
        // Each line's units are all there, split or not.
        const units = add.order_detail.product_infos.reduce(
          (total, item) => total + item.product_cnt,
          0,
        )
        expect(units).toBe(order.lines.reduce((total, line) => total + line.quantity, 0))
      }),
      { numRuns: 300 },
    )
  })

  it('produces orders the sandbox — validating the document on its own — accepts, and moves each to its status', async () => {
    const sandbox = await startSandbox({ modules: [createWechatSandboxModule()] })
    try {
      const wechat = createWechat({
        ...(sandbox.credentials.wechat as { appId: string; appSecret: string }),
        baseURL: sandbox.url,
      })
      const orders = fc.sample(fc.gen(), { numRuns: 60, seed: 7 }).map((gen, index) => ({
        ...wechatOrder(fromGen(gen), `random-${index}`),
        status: lifecycle[index % lifecycle.length] as OrderInput['status'],
      }))
      const report = await syncOrders({ platform: wechat, orders, concurrency: 4 })
      expect(report.results.filter((result) => result.status === 'failed')).toEqual([])
      const stored = sandbox.control.orders('wechat') as Map<string, WechatSandboxOrder>
      expect(stored.size).toBe(60)
      expect(orders.map((order) => stored.get(order.id)?.status)).toEqual(
        orders.map((_, index) => [20, 30, 100, 100][index % lifecycle.length]),
      )
    } finally {
      await sandbox.close()
    }
  })
})

describe('toWechatOrder on wide orders (property test)', () => {
  testWideOrders({
    name: 'toWechatOrder',
    // What WeChat requires and the random orders may leave out; their texts stay random.
    adapt: (input, seed) => ({
      ...input,
      status: lifecycle[seed % lifecycle.length] as OrderInput['status'],
      detailPageUrl: input.detailPageUrl ?? `pages/order/detail?id=${input.id}`,
      lines: input.lines.map((line) => ({
        ...line,
        url: line.url ?? `pages/goods/detail?sku=${line.skuId}`,
        imageUrls: line.imageUrls ?? [`https://img.example.com/${line.skuId}.jpg`],
      })),
      payments: input.payments?.map((payment) => ({
        ...payment,
        paidAt: payment.paidAt ?? '2024-05-20T10:01:00+08:00',
      })),
      platformOptions: {
        wechat: {
          scene: 1001,
          prepayId: `prepay-${input.id}`,
          prepayAt: '2024-05-20T10:00:30+08:00',
        },
      },
    }),
    convert: (order) => {
      const { add, steps } = toWechatOrder(order)
      const schemas: Record<string, BuiltRequest['schema'] | undefined> = {
        '/shop/order/pay': wechatPayOrderRequestSchema,
        '/shop/delivery/send': wechatSendDeliveryRequestSchema,
      }
      return [
        { at: '/shop/order/add', schema: wechatAddOrderRequestSchema, body: add },
        ...steps.flatMap((step) => {
          const schema = schemas[step.endpoint]
          return schema === undefined ? [] : [{ at: step.endpoint, schema, body: step.request }]
        }),
      ]
    },
  })
})
