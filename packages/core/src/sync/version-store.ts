import type { PreparedOrder } from './platform-contract.ts'
import { createRecencyMap } from './recency-map.ts'

/**
 * One version of one order as a {@link VersionStore} sees it: its `modifiedAt` (epoch ms; absent
 * for an order without one, which is never refused) and what `prepare` made of it, so that
 * whoever finds the platform's copy in doubt can send the newest version again.
 *
 * @example
 * ```ts
 * const version: StoredVersion = { modifiedAt: 1_796_608_860_000, prepared: { orderId: 'o-1', payload: {}, warnings: [] } }
 * ```
 */
export interface StoredVersion<Payload = unknown> {
  readonly modifiedAt: number | undefined
  readonly prepared: PreparedOrder<Payload>
}

/**
 * The answer to {@link VersionStore.claim}: `send` with the claim's token, or `stale` when a newer
 * version of the order was already claimed (by this run, another run or another process).
 *
 * @example
 * ```ts
 * const answer: VersionClaim = await createMemoryVersionStore().claim('youshu:o-1', { modifiedAt: 1, prepared: { orderId: 'o-1', payload: {}, warnings: [] } }, Date.now())
 * if (answer.state === 'stale') console.log('a newer version was sent at', answer.newest)
 * ```
 */
export type VersionClaim =
  | {
      readonly state: 'send'
      readonly claim: string
      /**
       * The version the platform holds, as far as the store knows: the last one confirmed, when
       * nothing was in doubt or in flight since. Absent when the store does not know.
       */
      readonly holds?: StoredVersion
    }
  | { readonly state: 'stale'; readonly newest: number }

/**
 * What a send ended with, for {@link VersionStore.settle}.
 *
 * @example
 * ```ts
 * // Confirmed, but its first attempt timed out and may still land for 10 s, before a status step.
 * const settlement: SendSettlement = { confirmed: true, inDoubtUntil: Date.now() + 10_000, overtakes: true }
 * ```
 */
export interface SendSettlement {
  /** Whether the platform confirmed it stored the version. */
  readonly confirmed: boolean
  /**
   * The last moment a request of this send may still reach the platform (a timeout after sending,
   * a dropped connection, a retryable 5xx), when one may; `undefined` when every request was
   * answered.
   */
  readonly inDoubtUntil: number | undefined
  /**
   * Whether a later request of the same send went after the one in doubt (an add in doubt, then
   * a status step): landing late, it would undo that request even within one version.
   */
  readonly overtakes: boolean
}

/**
 * A send of the newest version that the platform's copy needs: the copy may have been overwritten
 * by an older version (or an earlier step of the same one) arriving late, so the newest is sent
 * again once nothing older can arrive any more (`at`, epoch ms).
 *
 * @example
 * ```ts
 * const repair: VersionRepair = { at: Date.now() + 10_000, version: { modifiedAt: 2, prepared: { orderId: 'o-1', payload: {}, warnings: [] } } }
 * ```
 */
export interface VersionRepair<Payload = unknown> {
  readonly at: number
  readonly version: StoredVersion<Payload>
}

/**
 * Where `syncOrders` keeps, per platform and order, the newest version claimed, the sends in
 * flight, and whether the platform's copy may be older than the newest (a request in doubt, or an
 * older version confirmed after a newer one was claimed). Every way of sending that shares one
 * store refuses an older version than one already claimed, and the last send of an order to
 * settle is told to repair a copy in doubt.
 *
 * `createMemoryVersionStore` keeps it in the process: share one between runs of `syncOrders` in a
 * process so that a later run refuses an older version than an earlier run sent. A store shared
 * between processes implements the same two calls atomically (for example with Redis scripts).
 *
 * @example
 * ```ts
 * import { createMemoryVersionStore, syncOrders } from '@ordersync/core'
 *
 * const versionStore = createMemoryVersionStore()
 * await syncOrders({ platform: youshu, orders, versionStore })
 * await syncOrders({ platform: youshu, orders, versionStore }) // refuses versions older than the first run's
 * ```
 */
export interface VersionStore {
  /**
   * Claims the send of `version` of the order `key` (`<platform>:<order id>`), atomically: `stale` when a newer version was
   * claimed before; otherwise the version becomes the newest (a later claim of the same
   * `modifiedAt` replaces an earlier one) and the send is in flight until settled.
   */
  claim(key: string, version: StoredVersion, now: number): Promise<VersionClaim>
  /**
   * Settles a claimed send. Returns the repair the order needs when this was the last send in
   * flight and the platform's copy may be older than the newest version: the caller sends
   * `repair.version` at `repair.at` (claiming it like any send).
   */
  settle(
    key: string,
    claim: string,
    settlement: SendSettlement,
    now: number,
  ): Promise<VersionRepair | undefined>
}

/**
 * Options of {@link createMemoryVersionStore}.
 *
 * @example
 * ```ts
 * const options: MemoryVersionStoreOptions = { maxOrders: 10_000 }
 * ```
 */
export interface MemoryVersionStoreOptions {
  /**
   * How many orders the store remembers. Beyond it, the orders settled longest ago with nothing in
   * flight and no request that may still land are forgotten, so memory stays flat in a backfill of
   * millions.
   *
   * @default 100000
   */
  readonly maxOrders?: number
  /**
   * Whether the store keeps the prepared order of each order's version the platform holds, to tell
   * the next send of the order (`holds`: WeChat then skips its read before add, Baidu sends an
   * update). It costs one prepared order per order remembered; without it, the store keeps a
   * prepared order only while a send of the order is in flight or needs repairing.
   *
   * @default true
   */
  readonly rememberHolds?: boolean
}

interface OrderVersions {
  /** The `modifiedAt` of the newest version claimed. */
  newestAt: number | undefined
  /** The newest version claimed, while a send of it is in flight or it may need repairing. */
  newest: StoredVersion | undefined
  /** The version the platform holds, when the copy is known (confirmed, and clean since). */
  holds: StoredVersion | undefined
  /** The claim token of the newest version's latest claim. */
  newestClaim: string | undefined
  /**
   * Claims in flight: token → when it was claimed; `undefined` when none (most orders, most of
   * the time: a map per remembered order was most of the store's memory).
   */
  inFlight: Map<string, number> | undefined
  /** Until when a request of some send may still arrive. */
  doubtUntil: number
  /** Whether the platform's copy may be older than `newest`. */
  dirty: boolean
  /** Whether a repair was handed out and has not been claimed yet. */
  repairPending: boolean
}

/**
 * A {@link VersionStore} in the process's memory. Its calls are atomic because JavaScript runs
 * them to completion; it guarantees nothing across processes.
 *
 * @param options - How many orders it remembers.
 * @returns The store.
 * @example
 * ```ts
 * import { createMemoryVersionStore } from '@ordersync/core'
 *
 * const versionStore = createMemoryVersionStore({ maxOrders: 10_000 })
 * ```
 */
export function createMemoryVersionStore(options: MemoryVersionStoreOptions = {}): VersionStore {
  const rememberHolds = options.rememberHolds ?? true
  let now = 0
  // An order with a send in flight, or a request that may still land, is never forgotten. What is
  // forgotten of one with a failed send in doubt is harmless once nothing older can land: the next
  // confirmed send of the newest version leaves the platform's copy current.
  const orders = createRecencyMap<OrderVersions>(
    options.maxOrders ?? 100_000,
    (state) => state.inFlight === undefined && state.doubtUntil <= now,
  )
  let claims = 0
  return {
    claim: async (key, version, at) => {
      now = at
      const state = orders.get(key) ?? emptyVersions()
      const newest = state.newestAt
      if (version.modifiedAt !== undefined && newest !== undefined && version.modifiedAt < newest) {
        return { state: 'stale', newest }
      }
      claims += 1
      const claim = String(claims)
      const known = !state.dirty && state.inFlight === undefined ? state.holds : undefined
      state.newestAt = version.modifiedAt
      state.newest = version
      state.newestClaim = claim
      state.inFlight ??= new Map()
      state.inFlight.set(claim, at)
      state.repairPending = false
      orders.touch(key, state)
      return known === undefined ? { state: 'send', claim } : { state: 'send', claim, holds: known }
    },
    settle: async (key, claim, settlement, at) => {
      now = at
      const state = orders.get(key)
      const claimedAt = state?.inFlight?.get(claim)
      if (state === undefined || claimedAt === undefined) return undefined
      state.inFlight?.delete(claim)
      if (state.inFlight?.size === 0) state.inFlight = undefined
      recordSettlement(state, claim, claimedAt, settlement, at)
      if (!rememberHolds) state.holds = undefined
      // Touched again: an order is forgotten only once settled longest ago.
      orders.touch(key, state)
      if (state.inFlight !== undefined || state.repairPending) return undefined
      if (!state.dirty || state.newest === undefined) {
        // Nothing to repair: the version's prepared order is no longer needed (beside `holds`).
        state.newest = undefined
        return undefined
      }
      state.repairPending = true
      return { at: Math.max(state.doubtUntil, at), version: state.newest }
    },
  }
}

function emptyVersions(): OrderVersions {
  return {
    newestAt: undefined,
    newest: undefined,
    holds: undefined,
    newestClaim: undefined,
    inFlight: undefined,
    doubtUntil: 0,
    dirty: false,
    repairPending: false,
  }
}

/**
 * What a settled send says of the platform's copy: a request in doubt may land until its horizon,
 * which matters when it is of an older version or a later request of its own send went after it;
 * an older version confirmed after a newer one was claimed may have overwritten it; the newest
 * version confirmed by a send that started after every earlier doubt, with nothing older in
 * flight, makes the copy current.
 */
function recordSettlement(
  state: OrderVersions,
  claim: string,
  claimedAt: number,
  settlement: SendSettlement,
  now: number,
): void {
  const isNewest = claim === state.newestClaim
  const earlierDoubt = state.doubtUntil
  const doubt = settlement.inDoubtUntil
  // What the platform holds is known again only when the newest version is confirmed clean.
  state.holds = undefined
  if (doubt !== undefined) {
    state.doubtUntil = Math.max(state.doubtUntil, doubt)
    // A request in doubt of an older version may land over a newer one; one of the newest version
    // matters only if a later request of its own send went after it.
    if (!isNewest || settlement.overtakes) state.dirty = true
  }
  if (!settlement.confirmed) {
    // A newest version refused or never sent leaves the copy wherever it was: an older version in
    // flight that lands later may leave it behind, so the last send out checks again.
    if (isNewest && state.inFlight !== undefined) state.dirty = true
    return
  }
  if (!isNewest) {
    state.dirty = true
    state.doubtUntil = Math.max(state.doubtUntil, now)
    return
  }
  const olderInFlight = [...(state.inFlight?.values() ?? [])].some((at) => at <= claimedAt)
  if (claimedAt < earlierDoubt || olderInFlight) state.dirty = true
  else if (doubt === undefined || !settlement.overtakes) state.dirty = false
  if (!state.dirty) state.holds = state.newest
}
