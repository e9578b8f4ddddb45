import type { SandboxContext, SandboxResponse } from '../sandbox-types.ts'

// The order handling both test platforms share: an `{ orders: [...] }` batch of at most 50,
// all or nothing (one invalid order rejects the whole batch, the strict reading of an unknown
// batch rule), upsert by id. Ids containing "bad" are invalid, so tests can plant a bad order.

/** The most orders the test platforms take per call. */
export const testPlatformBatchLimit = 50

/** Handles a batch of orders; `undefined` means it was stored. */
export function storeOrders(json: unknown, context: SandboxContext): SandboxResponse {
  const orders = (json as { orders?: unknown } | undefined)?.orders
  if (!Array.isArray(orders) || orders.length === 0 || orders.length > testPlatformBatchLimit) {
    return {
      status: 200,
      body: { code: 400, message: `orders must be an array of 1 to ${testPlatformBatchLimit}` },
    }
  }
  for (const order of orders) {
    const { id, amount } = (order ?? {}) as { id?: unknown; amount?: unknown }
    if (
      typeof id !== 'string' ||
      id === '' ||
      !Number.isSafeInteger(amount) ||
      (amount as number) < 0
    ) {
      return {
        status: 200,
        body: { code: 400, message: 'each order needs an id and an integer amount' },
      }
    }
    if (id.includes('bad'))
      return { status: 200, body: { code: 400, message: `order ${id} is invalid` } }
  }
  const ids: string[] = []
  for (const order of orders as { id: string }[]) {
    context.store.set(order.id, order)
    ids.push(`tp-${order.id}`)
  }
  return { status: 200, body: { code: 0, data: { ids } } }
}
