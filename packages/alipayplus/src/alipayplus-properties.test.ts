import { parseOrder, syncOrders } from '@ordersync/core'
import { arbitraryOrder } from '@ordersync/core/fixtures'
import { createAlipayPlusSandboxModule, startSandbox } from '@ordersync/sandbox'
import { testWideOrders } from '@ordersync/sandbox/testing'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createAlipayPlus } from './alipayplus-client.ts'
import { alipayPlusSyncOrderRequestSchema } from './alipayplus-order-schema.ts'
import { checkAlipayPlusOrderConsistency } from './check-alipayplus-order-consistency.ts'
import { toAlipayPlusOrder } from './convert-to-alipayplus-order.ts'

describe('toAlipayPlusOrder on any valid order (property tests)', () => {
  it('keeps paymentAmount = orderAmount − discountAmount and the goods shares exact, in every currency', () => {
    fc.assert(
      fc.property(
        fc.gen(),
        fc.constantFrom('CNY' as const, 'USD' as const, 'KRW' as const),
        (gen, currency) => {
          const order = parseOrder(
            arbitraryOrder(
              { integer: (min, max) => gen(fc.integer, { min, max }) },
              'p-1',
              currency,
            ),
          )
          const { payload } = toAlipayPlusOrder(order, { appId: 'app', customerBelongsTo: 'GCASH' })
          expect(checkAlipayPlusOrderConsistency(payload)).toEqual([])
          expect(payload.paymentAmount?.value ?? 0).toBe(order.paidAmount.amount)
          const discounts = (order.charges.discounts ?? []).reduce(
            (total, discount) => total + discount.amount.amount,
            0,
          )
          const shares = payload.goods.reduce(
            (total, goods) => total + (goods.goodsPaymentAmount?.value ?? 0),
            0,
          )
          expect(shares).toBe(
            order.charges.goodsSubtotal.amount -
              Math.min(discounts, order.charges.goodsSubtotal.amount),
          )
        },
      ),
      { numRuns: 300 },
    )
  })

  it('produces orders the sandbox — validating the document on its own — accepts', async () => {
    const sandbox = await startSandbox({ modules: [createAlipayPlusSandboxModule()] })
    try {
      const credentials = sandbox.credentials.alipayplus ?? {}
      const alipayplus = createAlipayPlus({
        baseURL: sandbox.url,
        clientId: credentials.clientId ?? '',
        privateKey: credentials.privateKey ?? '',
        appId: credentials.appId ?? '',
        platformPublicKey: credentials.platformPublicKey ?? '',
        customerBelongsTo: 'TNG',
      })
      const orders = fc
        .sample(fc.gen(), { numRuns: 60, seed: 11 })
        .map((gen, index) =>
          arbitraryOrder(
            { integer: (min, max) => gen(fc.integer, { min, max }) },
            `random-${index}`,
            'USD',
          ),
        )
      const report = await syncOrders({ platform: alipayplus, orders, concurrency: 4 })
      expect(report.results.filter((result) => result.status === 'failed')).toEqual([])
      expect(sandbox.control.orders('alipayplus').size).toBe(60)
    } finally {
      await sandbox.close()
    }
  })
})

describe('toAlipayPlusOrder on wide orders (property test)', () => {
  testWideOrders({
    name: 'toAlipayPlusOrder',
    convert: (order) => [
      {
        at: '(alipay+ syncOrder body)',
        schema: alipayPlusSyncOrderRequestSchema,
        body: toAlipayPlusOrder(order, { appId: 'app', customerBelongsTo: 'GCASH' }).payload,
      },
    ],
  })
})
