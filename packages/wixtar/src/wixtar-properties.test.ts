import { parseOrder, syncOrders, ValidationError } from '@ordersync/core'
import { arbitraryOrder } from '@ordersync/core/fixtures'
import { createWixtarSandboxModule, startSandbox } from '@ordersync/sandbox'
import { testWideOrders } from '@ordersync/sandbox/testing'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkWixtarOrderConsistency } from './check-wixtar-order-consistency.ts'
import { toWixtarOrder } from './convert-to-wixtar-order.ts'
import { createWixtar } from './wixtar-client.ts'
import type { WixtarAmountScale, WixtarAmountUnit } from './wixtar-money.ts'
import { wixtarOrderSchema } from './wixtar-order-schema.ts'

const unit = fc.constantFrom<WixtarAmountUnit>('minor', 'major')
const minorEverywhere: WixtarAmountScale = { charges: 'minor', items: 'minor', payments: 'minor' }

describe('toWixtarOrder on any valid order (property tests)', () => {
  it('keeps total_fee = total − discount, sub_total = Σ items, payments = total_fee, exactly, in every unit and currency', () => {
    fc.assert(
      fc.property(
        fc.gen(),
        fc.constantFrom('CNY' as const, 'USD' as const, 'KRW' as const),
        fc.record({ charges: unit, items: unit, payments: unit }),
        (gen, currency, scale: WixtarAmountScale) => {
          const order = parseOrder({
            ...arbitraryOrder(
              { integer: (min, max) => gen(fc.integer, { min, max }) },
              'p-1',
              currency,
            ),
            status: 'completed',
          })
          let prepared: ReturnType<typeof toWixtarOrder>
          try {
            prepared = toWixtarOrder(order, { amountScale: scale })
          } catch (error) {
            // Only whole units can refuse an amount, and only one with a fractional part.
            expect(ValidationError.isInstance(error)).toBe(true)
            expect(currency).not.toBe('KRW')
            expect(Object.values(scale)).toContain('major')
            return
          }
          const { order: payload } = prepared
          expect(checkWixtarOrderConsistency(payload, 0, scale)).toEqual([])
          const factor = currency === 'KRW' ? 1 : 100
          const inMinor = (amount: number, group: WixtarAmountUnit) =>
            group === 'minor' ? amount : amount * factor
          expect(inMinor(payload.charges.total_fee.amount ?? -1, scale.charges)).toBe(
            order.payableAmount.amount,
          )
          expect(inMinor(payload.charges.sub_total.amount ?? -1, scale.charges)).toBe(
            order.charges.goodsSubtotal.amount,
          )
          const paid = payload.payments.reduce(
            (total, payment) => total + inMinor(payment.payment_amount ?? 0, scale.payments),
            0,
          )
          expect(paid).toBe(order.paidAmount.amount)
          expect(payload.paid).toBe(true)
        },
      ),
      { numRuns: 300 },
    )
  })

  /** Syncs 60 random orders, in turn in each of `currencies`, and expects the sandbox to take them all. */
  async function expectSandboxAccepts(
    currencies: readonly ('CNY' | 'USD' | 'KRW')[],
    sandboxScale: Parameters<typeof createWixtarSandboxModule>[0],
    amountScale?: WixtarAmountScale,
  ): Promise<void> {
    const sandbox = await startSandbox({ modules: [createWixtarSandboxModule(sandboxScale)] })
    try {
      const wixtar = createWixtar({
        clientId: sandbox.credentials.wixtar?.clientId ?? '',
        clientSecret: sandbox.credentials.wixtar?.clientSecret ?? '',
        baseURL: sandbox.url,
        tokenURL: `${sandbox.url}/oauth/v1/token`,
        ...(amountScale === undefined ? {} : { amountScale }),
        maxBatchSize: 7,
      })
      const orders = fc.sample(fc.gen(), { numRuns: 60, seed: 13 }).map((gen, index) => ({
        ...arbitraryOrder(
          { integer: (min, max) => gen(fc.integer, { min, max }) },
          `random-${index}`,
          currencies[index % currencies.length],
        ),
        status: index % 3 === 0 ? ('refunded' as const) : ('completed' as const),
      }))
      const report = await syncOrders({ platform: wixtar, orders, concurrency: 4 })
      expect(report.results.filter((result) => result.status === 'failed')).toEqual([])
      expect(sandbox.control.orders('wixtar').size).toBe(60)
    } finally {
      await sandbox.close()
    }
  }

  it('produces uploads the sandbox — validating the document on its own — accepts', async () => {
    // Random orders have cents in every group, so both sides are set to the currency's minor unit
    // everywhere (the defaults, whole units for charges and payments, would refuse them before
    // sending) — in currencies of 2 and 0 decimals.
    await expectSandboxAccepts(
      ['USD', 'KRW', 'CNY'],
      { amountScale: { charges: 'minor', items: 'minor', payments: 'minor' } },
      minorEverywhere,
    )
    // A fixed two decimals on the sandbox is the client's 'minor' for a two-decimal currency.
    await expectSandboxAccepts(
      ['USD'],
      { amountScale: { charges: 2, items: 2, payments: 2 } },
      minorEverywhere,
    )
  })

  it("on both sides' defaults, produces uploads the sandbox accepts in a currency without a minor unit (KRW)", async () => {
    // KRW has no decimals (nor JPY, VND), so every amount is whole and the default units (whole
    // units for charges and payments, the minor unit for item prices) carry any order.
    await expectSandboxAccepts(['KRW'], {})
  })
})

describe('toWixtarOrder on wide orders (property test)', () => {
  testWideOrders({
    name: 'toWixtarOrder',
    // Wixtar takes an order once it is final.
    adapt: (input) => ({ ...input, status: 'completed' }),
    // In cents everywhere, so that the random amounts' cents are carried rather than refused by
    // the default's whole-dollar charges and payments (that refusal has tests of its own).
    convert: (order) => [
      {
        at: '(wixtar order)',
        schema: wixtarOrderSchema,
        body: toWixtarOrder(order, { amountScale: minorEverywhere }).order,
      },
    ],
  })
})
