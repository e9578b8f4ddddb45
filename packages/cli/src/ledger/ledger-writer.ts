import type {
  PreparedOrder,
  SendSettlement,
  StoredVersion,
  VersionClaim,
  VersionRepair,
} from '@ordersync/core'
import type { LedgerStatements } from './ledger-database.ts'
import type { LedgerFailure } from './ledger-entry.ts'
import { readRow, splitKey, writeRow } from './ledger-rows.ts'
import {
  emptyRow,
  isStale,
  type LedgerRow,
  recordClaim,
  recordSettle,
  repairAt,
} from './ledger-rules.ts'

/** One write the ledger queues: a claim, a settlement, or a failure to record. */
export type Operation =
  | {
      readonly kind: 'claim'
      readonly key: string
      readonly version: StoredVersion
      readonly now: number
      readonly done: (answer: VersionClaim) => void
      readonly fail: (error: unknown) => void
    }
  | {
      readonly kind: 'settle'
      readonly key: string
      readonly claim: string
      readonly settlement: SendSettlement
      readonly now: number
      readonly done: (repair: VersionRepair | undefined) => void
      readonly fail: (error: unknown) => void
    }
  | {
      readonly kind: 'failure'
      readonly platform: string
      readonly orderId: string
      readonly failure: LedgerFailure
      readonly now: number
    }

/** What the writer keeps between transactions. */
interface WriterState {
  readonly statements: LedgerStatements
  readonly runId: string
  readonly versionDigest: ((version: StoredVersion) => string | undefined) | undefined
  claims: number
  /** The version of each order this process claimed last, while a repair may need it. */
  readonly versions: Map<string, { readonly claim: string; readonly version: StoredVersion }>
  /**
   * The rows of this process's claims in flight, as last written: valid while no other
   * connection committed since (SQLite's data_version says so), so that a settlement reads no row.
   */
  readonly cache: Map<string, LedgerRow>
  cachedAt: number | undefined
}

/** The rows one transaction reads and writes, by key (`undefined`: the ledger has none). */
type Rows = Map<string, LedgerRow | undefined>

function load(state: WriterState, rows: Rows, key: string): LedgerRow | undefined {
  if (rows.has(key)) return rows.get(key)
  const { platform, orderId } = splitKey(key)
  const row = state.cache.get(key) ?? readRow(state.statements, platform, orderId)
  rows.set(key, row)
  return row
}

function claimOne(
  state: WriterState,
  operation: Extract<Operation, { kind: 'claim' }>,
  rows: Rows,
) {
  const { key, version, now } = operation
  const row = load(state, rows, key) ?? emptyRow(now)
  if (isStale(row, version.modifiedAt)) {
    const newest = row.newestAt as number
    return () => operation.done({ state: 'stale', newest })
  }
  state.claims += 1
  const claim = `${state.runId}.${state.claims.toString(36)}`
  const digest = state.versionDigest?.(version)
  recordClaim(
    row,
    { token: claim, modifiedAt: version.modifiedAt, digest },
    () => JSON.stringify(version.prepared),
    now,
  )
  rows.set(key, row)
  state.versions.set(key, { claim, version })
  return () => operation.done({ state: 'send', claim })
}

/** The newest version of a row, to send again: this process's own, or the copy kept for others. */
function newestVersion(state: WriterState, key: string, row: LedgerRow): StoredVersion | undefined {
  const own = state.versions.get(key)
  state.versions.delete(key)
  if (own !== undefined && own.claim === row.newestClaim) return own.version
  if (row.newestPrepared === undefined) return undefined
  return {
    modifiedAt: row.newestAt,
    prepared: JSON.parse(row.newestPrepared) as PreparedOrder<unknown>,
  }
}

function settleOne(
  state: WriterState,
  operation: Extract<Operation, { kind: 'settle' }>,
  rows: Rows,
) {
  const { key, now } = operation
  const row = load(state, rows, key)
  const decision =
    row === undefined
      ? 'unknown_claim'
      : recordSettle(row, operation.claim, operation.settlement, now)
  if (row === undefined || decision === 'unknown_claim') return () => operation.done(undefined)
  rows.set(key, row)
  if (decision === 'settled') {
    if (row.inFlight.size === 0 && !row.repairPending && !row.dirty) state.versions.delete(key)
    return () => operation.done(undefined)
  }
  const version = newestVersion(state, key, row)
  if (version === undefined) {
    // The newest version was claimed by a process that is gone, without a copy kept: the order's
    // next claim sends its newest version.
    row.repairPending = false
    row.newestPrepared = undefined
    return () => operation.done(undefined)
  }
  const repair: VersionRepair = { at: repairAt(row, now), version }
  return () => operation.done(repair)
}

function recordFailure(
  state: WriterState,
  operation: Extract<Operation, { kind: 'failure' }>,
  rows: Rows,
) {
  const key = `${operation.platform}:${operation.orderId}`
  const row = load(state, rows, key) ?? emptyRow(operation.now)
  // A newer send of the order in flight: its settlement says what the platform holds.
  if (row.inFlight.size > 0) return
  // The row holds the outcome of the last send: a failure that sent nothing (an invalid version
  // of the order) leaves a platform copy that is known as it is. An order the platform holds in
  // no known version still records it: it is one of the orders not on the platform.
  if (operation.failure.delivery === 'not_sent' && row.delivered !== undefined) return
  row.outcome = operation.failure.outcome
  row.delivery = operation.failure.delivery
  row.errorCode = operation.failure.errorCode
  row.errorMessage = operation.failure.errorMessage
  row.updatedAt = operation.now
  rows.set(key, row)
}

/**
 * Runs a batch of operations in one transaction; answers each only once it is committed. A batch
 * that fails rejects its claims and settlements with the error.
 */
function runBatch(state: WriterState, batch: readonly Operation[]): void {
  const { statements } = state
  const rows: Rows = new Map()
  const answers: (() => void)[] = []
  let version = -1
  try {
    statements.begin.run()
    version = (statements.dataVersion.get() as { data_version: number }).data_version
    if (version !== state.cachedAt) state.cache.clear()
    for (const operation of batch) {
      if (operation.kind === 'failure') recordFailure(state, operation, rows)
      else
        answers.push(
          operation.kind === 'claim'
            ? claimOne(state, operation, rows)
            : settleOne(state, operation, rows),
        )
    }
    for (const [key, row] of rows) {
      if (row === undefined) continue
      const { platform, orderId } = splitKey(key)
      writeRow(statements, platform, orderId, row)
    }
    statements.commit.run()
  } catch (error) {
    state.cache.clear()
    state.cachedAt = undefined
    try {
      statements.rollback.run()
    } catch {
      // No transaction was open (BEGIN itself failed).
    }
    for (const operation of batch) if (operation.kind !== 'failure') operation.fail(error)
    return
  }
  // The rows with a claim in flight stay cached, the others go.
  state.cachedAt = version
  for (const [key, row] of rows) {
    if (row !== undefined && (row.inFlight.size > 0 || row.repairPending)) state.cache.set(key, row)
    else state.cache.delete(key)
  }
  for (const answer of answers) answer()
}

/**
 * Queues the ledger's writes and runs them in one transaction per turn of the event loop:
 * `syncOrders` claims and settles a whole batch at once, and the batches whose answers arrived in
 * the same turn share the commit. Each call still resolves only once its row is committed.
 */
export function createLedgerWriter(
  statements: LedgerStatements,
  runId: string,
  versionDigest: WriterState['versionDigest'],
): { readonly add: (operation: Operation) => void; readonly flush: () => void } {
  const state: WriterState = {
    statements,
    runId,
    versionDigest,
    claims: 0,
    versions: new Map(),
    cache: new Map(),
    cachedAt: undefined,
  }
  let pending: Operation[] = []
  let scheduled = false
  const flush = (): void => {
    scheduled = false
    const batch = pending
    pending = []
    if (batch.length > 0) runBatch(state, batch)
  }
  return {
    add: (operation) => {
      pending.push(operation)
      if (scheduled) return
      scheduled = true
      setImmediate(flush)
    },
    flush,
  }
}
