import type { OrderInput } from '@ordersync/core'
import { arbitraryOrder } from '@ordersync/core/fixtures'
import { createSeededRandom } from '@ordersync/sandbox'

/** Every this many orders of a batch, one is broken on purpose, so that the report shows failures. */
export const brokenOrderEvery = 50

/**
 * The orders of a demo batch: `count` random but valid orders from core's `arbitraryOrder`, seeded
 * so that every run is the same, where every {@link brokenOrderEvery}th order is modified before
 * it was created — a canonical validation error, so it fails on every platform without a call.
 *
 * A batch is a backfill of finished orders, so each is completed (Wixtar takes only finished
 * orders), paid a minute after it was placed, and carries what WeChat's shop/order/add requires
 * besides: the order's page, each product's page and image, the store's address and phone (a
 * pick-up order reports the store), the scene and WeChat Pay's prepay id.
 *
 * @param count - How many orders.
 * @param prefix - The start of each order id, so that batches do not overwrite each other.
 * @returns The orders.
 */
export function generateBatchOrders(count: number, prefix: string): OrderInput[] {
  const random = createSeededRandom(2024)
  const integers = {
    integer: (min: number, max: number) => min + Math.floor(random() * (max - min + 1)),
  }
  return Array.from({ length: count }, (_, index) => {
    const id = `${prefix}-${String(index + 1).padStart(4, '0')}`
    const order = arbitraryOrder(integers, id)
    const complete: OrderInput = {
      ...order,
      status: 'completed',
      modifiedAt: '2024-05-20T18:00:00+08:00',
      detailPageUrl: `pages/order/order?out_order_id=${id}`,
      merchant: {
        id: 'merchant-1',
        name: 'ordersync test shop',
        store: {
          id: 'store-1',
          name: 'Store 1',
          phone: '02155550100',
          address: { city: 'Shanghai', line1: '1 Demo Road' },
        },
      },
      lines: order.lines.map((line) => ({
        ...line,
        url: `pages/product/product?sku=${line.skuId}`,
        imageUrls: [`https://demo.ordersync.invalid/images/${line.skuId}.jpg`],
      })),
      payments: (order.payments ?? []).map((payment) => ({
        ...payment,
        paidAt: '2024-05-20T10:01:00+08:00',
      })),
      platformOptions: {
        wechat: {
          scene: 1001,
          prepayId: `wx-prepay-${id}`,
          prepayAt: '2024-05-20T10:00:30+08:00',
        },
      },
    }
    return (index + 1) % brokenOrderEvery === 0
      ? { ...complete, modifiedAt: '2024-05-20T09:00:00+08:00' }
      : complete
  })
}
