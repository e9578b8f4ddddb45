import type { OrderInput } from '@ordersync/core'
import type { DemoPlatform } from './platform-registry.ts'

/** Every this many orders of a batch, one is broken on purpose, so that the report shows failures. */
export const brokenOrderEvery = 50

/** How many orders one batch may number: the batches' orders never share an id. */
const ordersPerBatch = 100_000

/**
 * The orders of a demo batch for `platform`: `count` orders its sandbox module accepts, from its
 * descriptor's `makeOrder`, numbered after the batch so that batches do not overwrite each other,
 * where every {@link brokenOrderEvery}th order is modified before it was created — a canonical
 * validation error, so it fails without a call.
 *
 * @param platform - The platform the batch goes to.
 * @param count - How many orders.
 * @param batchNumber - The batch's number (1, 2, …).
 * @returns The orders.
 */
export function generateBatchOrders(
  platform: DemoPlatform,
  count: number,
  batchNumber: number,
): OrderInput[] {
  return Array.from({ length: count }, (_, index) => {
    const order = platform.makeOrder(batchNumber * ordersPerBatch + index + 1)
    return (index + 1) % brokenOrderEvery === 0
      ? { ...order, modifiedAt: '2000-01-01T00:00:00+08:00' }
      : order
  })
}
