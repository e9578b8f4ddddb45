import type { SendSettlement } from '@ordersync/core'

/**
 * What the ledger knows of one order on one platform: the rules of core's memory version store
 * (`createMemoryVersionStore`, in `@ordersync/core`'s `sync/version-store.ts`) on a row that
 * outlives the process, plus what was delivered and the outcome of the last send, for people.
 */
export interface LedgerRow {
  /** The `modifiedAt` of the newest version claimed. */
  newestAt: number | undefined
  /** The token of the newest version's latest claim. */
  newestClaim: string | undefined
  /** The digest of the newest version's content, when the caller gave one. */
  newestDigest: string | undefined
  /**
   * The newest version's prepared order as JSON, kept only while another claim was in flight when
   * it was claimed: that claim's process may be the last to settle and need it for a repair.
   */
  newestPrepared: string | undefined
  /** Claims in flight: token → when it was claimed (epoch ms). */
  readonly inFlight: Map<string, number>
  /** Until when a request of some send may still reach the platform (epoch ms). */
  doubtUntil: number
  /** Whether the platform's copy may be older than the newest version. */
  dirty: boolean
  /** Whether a repair was handed out and has not been claimed yet. */
  repairPending: boolean
  /** The version the platform holds, when known: confirmed, and clean since. */
  delivered:
    | { readonly modifiedAt: number | undefined; readonly digest: string | undefined }
    | undefined
  outcome: LedgerRowOutcome
  delivery: string | undefined
  errorCode: string | undefined
  errorMessage: string | undefined
  updatedAt: number
}

/** The outcome of an order's last send, as the ledger records it. */
export type LedgerRowOutcome = 'in_flight' | 'succeeded' | 'failed' | 'uncertain'

/** A row for an order the ledger has not seen. */
export function emptyRow(now: number): LedgerRow {
  return {
    newestAt: undefined,
    newestClaim: undefined,
    newestDigest: undefined,
    newestPrepared: undefined,
    inFlight: new Map(),
    doubtUntil: 0,
    dirty: false,
    repairPending: false,
    delivered: undefined,
    outcome: 'in_flight',
    delivery: undefined,
    errorCode: undefined,
    errorMessage: undefined,
    updatedAt: now,
  }
}

/** Whether a version with `modifiedAt` is older than the newest claimed (and must not be sent). */
export function isStale(row: LedgerRow, modifiedAt: number | undefined): boolean {
  return modifiedAt !== undefined && row.newestAt !== undefined && modifiedAt < row.newestAt
}

/**
 * Records a claim that is not stale: the version becomes the newest (a later claim of the same
 * `modifiedAt` replaces an earlier one) and its send is in flight until settled.
 */
export function recordClaim(
  row: LedgerRow,
  claim: { token: string; modifiedAt: number | undefined; digest: string | undefined },
  preparedJson: () => string,
  now: number,
): void {
  // Another send of the order in flight may settle last, in another process: it then needs this
  // version to repair the copy. A lone send repairs with its own copy, so nothing is written.
  row.newestPrepared = row.inFlight.size > 0 ? preparedJson() : undefined
  row.newestAt = claim.modifiedAt
  row.newestClaim = claim.token
  row.newestDigest = claim.digest
  row.inFlight.set(claim.token, now)
  row.repairPending = false
  row.outcome = 'in_flight'
  row.updatedAt = now
}

/** What {@link recordSettle} decided. */
export type SettleDecision =
  /** The claim was not in flight (settled already, or taken over): nothing changed. */
  | 'unknown_claim'
  /** Settled; nothing to send again (yet). */
  | 'settled'
  /** Settled, and the newest version must be sent again at `doubtUntil` (or now). */
  | 'repair'

/**
 * Settles a claimed send, by the rules of core's memory store: a request in doubt may land until
 * its horizon, which matters when it is of an older version or a later request of its own send
 * went after it; an older version confirmed after a newer one was claimed may have overwritten
 * it; the newest version confirmed by a send that started after every earlier doubt, with nothing
 * older in flight, makes the copy current (delivered).
 */
export function recordSettle(
  row: LedgerRow,
  token: string,
  settlement: SendSettlement,
  now: number,
): SettleDecision {
  const claimedAt = row.inFlight.get(token)
  if (claimedAt === undefined) return 'unknown_claim'
  row.inFlight.delete(token)
  const isNewest = token === row.newestClaim
  const earlierDoubt = row.doubtUntil
  const doubt = settlement.inDoubtUntil
  // What the platform holds is known again only when the newest version is confirmed clean.
  row.delivered = undefined
  if (doubt !== undefined) {
    row.doubtUntil = Math.max(row.doubtUntil, doubt)
    if (!isNewest || settlement.overtakes) row.dirty = true
  }
  if (!settlement.confirmed) {
    if (isNewest && row.inFlight.size > 0) row.dirty = true
  } else if (!isNewest) {
    row.dirty = true
    row.doubtUntil = Math.max(row.doubtUntil, now)
  } else {
    const olderInFlight = [...row.inFlight.values()].some((at) => at <= claimedAt)
    if (claimedAt < earlierDoubt || olderInFlight) row.dirty = true
    else if (doubt === undefined || !settlement.overtakes) row.dirty = false
    if (!row.dirty) row.delivered = { modifiedAt: row.newestAt, digest: row.newestDigest }
  }
  row.outcome = provisionalOutcome(row, settlement)
  if (row.outcome === 'succeeded') {
    row.delivery = undefined
    row.errorCode = undefined
    row.errorMessage = undefined
  }
  row.updatedAt = now
  if (row.inFlight.size > 0 || row.repairPending) return 'settled'
  if (!row.dirty) {
    row.newestPrepared = undefined
    return 'settled'
  }
  row.repairPending = true
  return 'repair'
}

/**
 * The outcome a settlement alone tells: the caller refines a failure (rejected or not sent, and
 * its error) when its result comes.
 */
function provisionalOutcome(row: LedgerRow, settlement: SendSettlement): LedgerRowOutcome {
  if (row.inFlight.size > 0) return 'in_flight'
  if (row.delivered !== undefined) return 'succeeded'
  // Confirmed, but an older copy may land over it until repaired; or a request that may still
  // land; either way the platform may or may not hold the newest version.
  if (row.dirty || settlement.confirmed || settlement.inDoubtUntil !== undefined) return 'uncertain'
  return 'failed'
}

/** When a repair decided by {@link recordSettle} is due. */
export function repairAt(row: LedgerRow, now: number): number {
  return Math.max(row.doubtUntil, now)
}
