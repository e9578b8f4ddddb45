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
    const order = arbitraryOrder(integers, `${prefix}-${String(index + 1).padStart(4, '0')}`)
    return (index + 1) % brokenOrderEvery === 0
      ? { ...order, modifiedAt: '2024-05-20T09:00:00+08:00' }
      : order
  })
}
