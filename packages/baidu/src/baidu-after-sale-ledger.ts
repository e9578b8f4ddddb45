import {
  ApiCallError,
  AuthenticationError,
  InvalidArgumentError,
  type SyncWarning,
  ValidationError,
} from '@ordersync/core'

/**
 * What Baidu's answer to an `add/main/info` says of the version it carried: stored (its row,
 * `rows_affected` not "0"), not stored (its row "0", or nothing sent), or uncertain (no row for its
 * ResourceID, or a failure after the request may have arrived).
 */
export type BaiduOverwriteResult = 'stored' | 'not_stored' | 'uncertain'

/**
 * What a client remembers of the after-sale orders Baidu holds, per order: `add/main/info`
 * replaces the whole record (全量覆盖), so a version that leaves out an after-sale order an earlier
 * one had erases it at Baidu, and the ledger lets the client say so before it sends that version.
 *
 * The memory is this object's, in this process: not shared between clients or processes, and not
 * kept across restarts. It holds at most `capacity` orders; past that, the order used longest ago
 * is forgotten (least recently used: every announcement, answer or append makes an order the most
 * recent).
 */
export interface BaiduAfterSaleLedger {
  /**
   * A version of `resourceId` is about to be sent (`prepare`): returns the `SubOrderID`s it leaves
   * out of what Baidu will hold once the versions before it are answered, and remembers it as
   * the order's next version. Core sends the versions of one order one after another, in the order
   * they were prepared, so each is compared with the one prepared before it.
   */
  readonly announce: (
    resourceId: string,
    subOrderIds: readonly string[],
    version: object,
  ) => readonly string[]
  /**
   * Baidu answered the `add/main/info` of `version`: stored, Baidu now holds exactly its
   * `subOrderIds`; uncertain, it may hold them besides what it held; not stored, nothing changed.
   * Returns the `SubOrderID`s a stored version erased that its announcement could not name (Baidu
   * was found to hold them only after it was prepared, e.g. the version before it was not stored).
   */
  readonly settle: (
    resourceId: string,
    subOrderIds: readonly string[],
    version: object,
    result: BaiduOverwriteResult,
  ) => readonly string[]
  /**
   * Baidu holds, or may hold, `subOrderIds` besides what it held (`append/sub/info`,
   * `update/sub/info` or `update/sub/status` answered with the order's row, or with none).
   */
  readonly append: (resourceId: string, subOrderIds: readonly string[]) => void
  /** The `SubOrderID`s Baidu holds or may hold for `resourceId`, if the ledger remembers it. */
  readonly heldFor: (resourceId: string) => readonly string[] | undefined
  /** How many orders the ledger remembers. */
  readonly size: () => number
}

interface LedgerEntry {
  /** What Baidu holds or may hold, as this client's answers tell. */
  readonly held: ReadonlySet<string>
  /**
   * The newest version announced and not yet answered: what Baidu will hold once it is stored.
   * Known by its serial number, so that the ledger keeps no version (a whole request) alive.
   */
  readonly next: { readonly serial: number; readonly subOrderIds: ReadonlySet<string> } | undefined
}

const nothing: ReadonlySet<string> = new Set()

/**
 * Creates an empty {@link BaiduAfterSaleLedger}.
 *
 * A Map in insertion order is the recency list: an order used is deleted and set again (the most
 * recent at the end), and past `capacity` the first key is forgotten. Core's version window works
 * the same way, but it is core's own (not exported) and holds one number per id; the ledger holds
 * id sets and a pending version.
 *
 * @param capacity - How many orders to remember, an integer of at least 1.
 * @returns The ledger, empty.
 * @throws RangeError for a `capacity` that is not an integer of at least 1.
 */
export function createBaiduAfterSaleLedger(capacity: number): BaiduAfterSaleLedger {
  if (!Number.isSafeInteger(capacity) || capacity < 1) {
    throw new RangeError(`the after-sale ledger holds at least 1 order, got ${String(capacity)}`)
  }
  const entries = new Map<string, LedgerEntry>()
  // Each announced version's serial number and what it was compared with (so that its answer
  // names only the rest), held weakly: a version prepared and never sent is not kept alive.
  const announced = new WeakMap<
    object,
    { readonly serial: number; readonly baseline: ReadonlySet<string> }
  >()
  let serials = 0

  /** Makes `resourceId` the most recent order, forgetting the oldest past capacity. */
  const keep = (resourceId: string, entry: LedgerEntry): void => {
    entries.delete(resourceId)
    // An order without after-sale orders held or coming has none to lose: it takes no room.
    if (entry.held.size === 0 && (entry.next?.subOrderIds.size ?? 0) === 0) return
    entries.set(resourceId, entry)
    if (entries.size > capacity) {
      const oldest = entries.keys().next()
      if (oldest.done !== true) entries.delete(oldest.value)
    }
  }

  return {
    announce(resourceId, subOrderIds, version) {
      const entry = entries.get(resourceId)
      const baseline = entry?.next?.subOrderIds ?? entry?.held ?? nothing
      const ids = new Set(subOrderIds)
      serials += 1
      announced.set(version, { serial: serials, baseline })
      keep(resourceId, {
        held: entry?.held ?? nothing,
        next: { serial: serials, subOrderIds: ids },
      })
      return [...baseline].filter((id) => !ids.has(id))
    },
    settle(resourceId, subOrderIds, version, result) {
      const entry = entries.get(resourceId)
      const held = entry?.held ?? nothing
      const own = announced.get(version)
      announced.delete(version)
      const next = own !== undefined && entry?.next?.serial === own.serial ? undefined : entry?.next
      const baseline = own?.baseline ?? nothing
      if (result === 'not_stored') {
        if (entry !== undefined) keep(resourceId, { held, next })
        return []
      }
      if (result === 'uncertain') {
        keep(resourceId, { held: new Set([...held, ...subOrderIds]), next })
        return []
      }
      const ids = new Set(subOrderIds)
      keep(resourceId, { held: ids, next })
      return [...held].filter((id) => !ids.has(id) && !baseline.has(id))
    },
    append(resourceId, subOrderIds) {
      const entry = entries.get(resourceId)
      keep(resourceId, {
        held: new Set([...(entry?.held ?? []), ...subOrderIds]),
        next: entry?.next,
      })
    },
    heldFor: (resourceId) => {
      const held = entries.get(resourceId)?.held
      return held === undefined ? undefined : [...held]
    },
    size: () => entries.size,
  }
}

/** A few ids, quoted, and how many more. */
function nameIds(ids: readonly string[]): string {
  const named = ids
    .slice(0, 5)
    .map((id) => JSON.stringify(id.length > 64 ? `${id.slice(0, 64)}…` : id))
    .join(', ')
  return ids.length > 5 ? `${named} and ${ids.length - 5} more` : named
}

const quoteOrder = (resourceId: string): string =>
  JSON.stringify(resourceId.length > 64 ? `${resourceId.slice(0, 64)}…` : resourceId)

/**
 * The `after_sales_erased` warning for a version about to be sent that leaves out `erased`.
 *
 * @param resourceId - The order.
 * @param listed - How many after-sale orders the version lists.
 * @param erased - What it leaves out ({@link BaiduAfterSaleLedger.announce}).
 * @param path - Where the warning points (`afterSales`, or the request's `SubsOrder`).
 * @returns The warning, or none when nothing is left out.
 */
export function afterSalesLeftOutWarning(
  resourceId: string,
  listed: number,
  erased: readonly string[],
  path: readonly (string | number)[],
): SyncWarning[] {
  if (erased.length === 0) return []
  return [
    {
      path,
      code: 'after_sales_erased',
      message: `lists ${listed} after-sale order(s) and leaves out ${nameIds(erased)}, which Baidu holds or will hold for order ${quoteOrder(resourceId)} from an earlier version this client sent: add/main/info overwrites the whole record (全量覆盖), so storing this version erases them — send every version of an order with its whole after-sale history`,
    },
  ]
}

/**
 * The `after_sales_erased` warning for a stored version that erased what its announcement could
 * not name ({@link BaiduAfterSaleLedger.settle}).
 *
 * @param resourceId - The order.
 * @param erased - What Baidu no longer holds.
 * @param path - Where the warning points.
 * @returns The warning, or none when nothing was erased.
 */
export function afterSalesErasedWarning(
  resourceId: string,
  erased: readonly string[],
  path: readonly (string | number)[],
): SyncWarning[] {
  if (erased.length === 0) return []
  return [
    {
      path,
      code: 'after_sales_erased',
      message: `was stored, and add/main/info overwrites the whole record (全量覆盖): Baidu no longer holds ${nameIds(erased)} for order ${quoteOrder(resourceId)}, after-sale orders an earlier call of this client had it store, known only once this version was prepared — send every version of an order with its whole after-sale history`,
    },
  ]
}

/**
 * What a failed call tells the ledger, as core reads a failure's delivery: an `ApiCallError` or
 * `AuthenticationError` by its `delivery`, a request refused before sending (`ValidationError`,
 * `InvalidArgumentError`) `not_stored`, anything else `uncertain` (it came out of a send).
 *
 * @param error - What the call threw.
 * @returns How to settle the version it carried.
 */
export function overwriteResultOfFailure(error: unknown): BaiduOverwriteResult {
  if (ApiCallError.isInstance(error) || AuthenticationError.isInstance(error)) {
    return error.delivery === 'uncertain' ? 'uncertain' : 'not_stored'
  }
  return ValidationError.isInstance(error) || InvalidArgumentError.isInstance(error)
    ? 'not_stored'
    : 'uncertain'
}
