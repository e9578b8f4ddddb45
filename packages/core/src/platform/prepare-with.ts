import type { Order } from '../order/order-types.ts'
import type { DoSyncOutcome, PreparedOrder, SyncWarning } from '../sync/platform-contract.ts'

/**
 * Makes a platform's `prepare` from its converter: the converter's result is the payload, and its
 * warnings are the prepared order's.
 *
 * @param convert - The platform's conversion of a valid canonical order (e.g. `toWechatOrder` with
 *   the client's options), which returns its warnings with the payload.
 * @returns `prepare` for the platform contract.
 * @example
 * ```ts
 * const prepare = prepareWith((order) => toYoushuOrder(order, {}))
 * prepare(parseOrder(youshuDocumentOrder)).orderId // '34452222'
 * ```
 */
export function prepareWith<Prepared extends { readonly warnings: readonly SyncWarning[] }>(
  convert: (order: Order) => Prepared,
): (order: Order) => PreparedOrder<Prepared> {
  return (order) => {
    const prepared = convert(order)
    return { orderId: order.id, payload: prepared, warnings: prepared.warnings }
  }
}

/**
 * `doSync` for a platform whose calls carry one order each: sends the orders of the batch one
 * after the other (the next only once the one before has its outcome) and returns their outcomes
 * in order. A throw ends the batch: core then reports it for every order.
 *
 * @param batch - The prepared orders.
 * @param syncOne - Sends one (with its position in the batch, e.g. to read `holds`) and says how it went.
 * @returns One outcome per order, in order.
 * @example
 * ```ts
 * const batch = [{ orderId: 'o-1', payload: 'o-1', warnings: [] }, { orderId: 'o-2', payload: 'o-2', warnings: [] }]
 * const outcomes = await syncOneByOne(batch, async (entry) => ({ status: 'succeeded' as const, platformIds: { id: entry.payload } }))
 * outcomes.length // 2
 * ```
 */
export async function syncOneByOne<Payload>(
  batch: readonly PreparedOrder<Payload>[],
  syncOne: (entry: PreparedOrder<Payload>, index: number) => Promise<DoSyncOutcome>,
): Promise<readonly DoSyncOutcome[]> {
  const outcomes: DoSyncOutcome[] = []
  for (const [index, entry] of batch.entries()) outcomes.push(await syncOne(entry, index))
  return outcomes
}
