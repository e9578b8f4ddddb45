import type { SyncWarning } from '@ordersync/core'

/**
 * What a client remembers of the after-sale orders it had Baidu store: for each of the last
 * `capacity` orders stored with after-sale orders, their `SubOrderID`s. `add/main/info` replaces
 * the whole record (全量覆盖), so a later version that leaves one out erases it at Baidu; the ledger
 * lets the client say so.
 */
export interface BaiduAfterSaleLedger {
  /**
   * The warning for a version of `resourceId` that leaves out after-sale orders an earlier stored
   * version had, if any; then remembers `subOrderIds` as what Baidu now holds.
   */
  readonly store: (resourceId: string, subOrderIds: readonly string[]) => SyncWarning | undefined
}

/**
 * Creates an empty {@link BaiduAfterSaleLedger}. Memory stays bounded: past `capacity` orders,
 * the one first remembered is forgotten (a ring of ids beside the map, O(1) per order).
 *
 * @param capacity - How many orders to remember, at least 1.
 * @returns The ledger.
 */
export function createBaiduAfterSaleLedger(capacity: number): BaiduAfterSaleLedger {
  const held = new Map<string, readonly string[]>()
  const ring: (string | undefined)[] = new Array(capacity)
  let next = 0

  const remember = (resourceId: string, subOrderIds: readonly string[]): void => {
    if (held.has(resourceId)) {
      held.set(resourceId, subOrderIds)
      return
    }
    const evicted = ring[next]
    if (evicted !== undefined) held.delete(evicted)
    ring[next] = resourceId
    next = (next + 1) % capacity
    held.set(resourceId, subOrderIds)
  }

  return {
    store(resourceId, subOrderIds) {
      const earlier = held.get(resourceId)
      // An order never stored with after-sale orders has none to lose: it takes no room.
      if (earlier === undefined && subOrderIds.length === 0) return undefined
      remember(resourceId, subOrderIds)
      const kept = new Set(subOrderIds)
      const erased = (earlier ?? []).filter((id) => !kept.has(id))
      if (erased.length === 0 || earlier === undefined) return undefined
      return erasedWarning(resourceId, earlier, subOrderIds, erased)
    },
  }
}

function erasedWarning(
  resourceId: string,
  earlier: readonly string[],
  now: readonly string[],
  erased: readonly string[],
): SyncWarning {
  const named = erased
    .slice(0, 5)
    .map((id) => JSON.stringify(id))
    .join(', ')
  const more = erased.length > 5 ? ` and ${erased.length - 5} more` : ''
  const order = JSON.stringify(resourceId.length > 64 ? `${resourceId.slice(0, 64)}…` : resourceId)
  return {
    path: ['afterSales'],
    code: 'after_sales_erased',
    message: `lists ${now.length} after-sale order(s), but the version of order ${order} stored before listed ${earlier.length}: add/main/info overwrites the whole record (全量覆盖), so Baidu no longer holds ${named}${more} — send every version of an order with its whole after-sale history`,
  }
}
