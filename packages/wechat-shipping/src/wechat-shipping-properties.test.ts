import { type OrderInput, parseOrder } from '@ordersync/core'
import { arbitraryOrder, type RandomIntegers } from '@ordersync/core/fixtures'
import { testWideOrders } from '@ordersync/sandbox/testing'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toWechatShippingOrder } from './convert-to-wechat-shipping-order.ts'
import { isMaskedWechatShippingContact } from './mask-wechat-shipping-phone.ts'
import { wechatShippingUploadRequestSchema } from './wechat-shipping-upload-schema.ts'

const fromGen = (gen: fc.GeneratorValue): RandomIntegers => ({
  integer: (min, max) => gen(fc.integer, { min, max }),
})

const carriers = ['SF', 'YTO', 'ZTO', 'JTSD', 'YD'] as const
const shippedStatuses = [
  'shipped',
  'delivered',
  'completed',
  'preparing',
  'paid',
  'refunding',
] as const
const types = ['shipping', 'delivery', 'virtual', 'pickup', 'dine_in'] as const

/**
 * A random valid order that has shipped: arbitraryOrder's payment and lines, any order type, a
 * status past payment, 1–15 parcels (express ones with a carrier and a waybill) each shipped at
 * some instant given in any offset, the lines spread over them or not, and a receiver's phone.
 */
function shippedOrder(random: RandomIntegers, id: string): OrderInput {
  const order = arbitraryOrder(random, id)
  const type = types[random.integer(0, types.length - 1)] ?? 'shipping'
  const count = random.integer(1, 15)
  const offsets = ['Z', '+08:00', '-07:00', '+05:30']
  const packages = Array.from({ length: count }, (_, index) => {
    const minutes = random.integer(0, 60 * 24 * 30)
    const instant = new Date(Date.UTC(2025, 0, 1) + minutes * 60_000)
    const offset = offsets[random.integer(0, offsets.length - 1)] ?? 'Z'
    const shift =
      offset === 'Z'
        ? 0
        : (offset.startsWith('-') ? -1 : 1) *
          (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4)))
    const local = new Date(instant.getTime() + shift * 60_000).toISOString().slice(0, 19)
    const line = order.lines[index % order.lines.length]
    return {
      carrierCode: carriers[random.integer(0, carriers.length - 1)],
      trackingNumber: `T${id}-${index}`,
      shippedAt: `${local}${offset}`,
      ...(random.integer(0, 1) === 0 || line === undefined
        ? {}
        : { lines: [{ lineId: line.id, quantity: 1 }] }),
    }
  })
  return {
    ...order,
    type,
    status: shippedStatuses[random.integer(0, shippedStatuses.length - 1)] ?? 'shipped',
    payments: order.payments?.map((payment) => ({
      ...payment,
      paidAt: '2024-12-31T10:00:00+08:00',
    })),
    delivery: {
      address: { phone: `13${String(random.integer(0, 999_999_999)).padStart(9, '0')}` },
      packages,
    },
  }
}

describe('toWechatShippingOrder on any valid shipped order (property tests)', () => {
  it('prepares a body the upload schema accepts, its upload_time in +08:00 the latest parcel’s, SF parcels with a masked contact', () => {
    fc.assert(
      fc.property(fc.gen(), (gen) => {
        const input = shippedOrder(fromGen(gen), 'p-1')
        const order = parseOrder(input)
        let prepared: ReturnType<typeof toWechatShippingOrder>
        try {
          prepared = toWechatShippingOrder(order)
        } catch (error) {
          // The one refusal such an order may meet: an open order of a type that cannot split.
          expect(String(error)).toMatch(
            /only express goods are reported before the order has shipped/,
          )
          return
        }
        const { upload } = prepared
        expect(wechatShippingUploadRequestSchema.safeParse(upload).error?.issues ?? []).toEqual([])
        expect(upload.upload_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/)
        const latest = Math.max(
          ...(order.delivery?.packages ?? []).map((parcel) => Number(parcel.shippedAt)),
        )
        expect(Date.parse(upload.upload_time)).toBe(latest)
        for (const parcel of upload.shipping_list) {
          if (parcel.express_company === 'SF') {
            const contact = parcel.contact?.receiver_contact ?? ''
            expect(isMaskedWechatShippingContact(contact)).toBe(true)
          }
        }
      }),
      { numRuns: 300 },
    )
  })

  it('prepares the same body again from the same order: nothing depends on the clock', () => {
    fc.assert(
      fc.property(fc.gen(), (gen) => {
        const input = shippedOrder(fromGen(gen), 'p-2')
        const prepare = () => {
          try {
            return JSON.stringify(toWechatShippingOrder(parseOrder(input)))
          } catch (error) {
            return String(error)
          }
        }
        expect(prepare()).toBe(prepare())
      }),
      { numRuns: 100 },
    )
  })
})

describe('toWechatShippingOrder on orders with texts of every width and length', () => {
  testWideOrders({
    name: 'toWechatShippingOrder',
    // Shipped, so that the order is reportable; its parcels, texts and ids stay random.
    adapt: (input) => ({ ...input, status: 'shipped' }),
    convert: (order) => [
      {
        at: '/wxa/sec/order/upload_shipping_info',
        schema: wechatShippingUploadRequestSchema,
        body: toWechatShippingOrder(order, { mchid: '1900000109' }).upload,
      },
    ],
  })
})
