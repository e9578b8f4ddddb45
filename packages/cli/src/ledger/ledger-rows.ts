import type { SQLOutputValue } from 'node:sqlite'
import type { LedgerStatements } from './ledger-database.ts'
import type { LedgerRow, LedgerRowOutcome } from './ledger-rules.ts'

/** One row of `ledger_orders` as node:sqlite reads it (the columns the ledger selects). */
export interface StoredRow {
  readonly outcome: string
  readonly state: string
  readonly updated_at: number
}

/** A row as node:sqlite returns it: column → value. */
export type SqlRow = Record<string, SQLOutputValue>

/** A text column's value. */
export const columnText = (row: SqlRow, column: string): string => {
  const value = row[column]
  return typeof value === 'string' ? value : String(value ?? '')
}

/** An integer column's value. */
export const columnNumber = (row: SqlRow, column: string): number => Number(row[column] ?? 0)

/** The columns of `ledger_orders` the rules read. */
export function storedRowOf(row: SqlRow): StoredRow {
  return {
    outcome: columnText(row, 'outcome'),
    state: columnText(row, 'state'),
    updated_at: columnNumber(row, 'updated_at'),
  }
}

/** `ledger_orders.state`: the row's rules state, short keys (one per order in a large file). */
interface StoredState {
  /** newestAt, newestClaim, newestDigest, newestPrepared */
  readonly n?: number | undefined
  readonly c?: string | undefined
  readonly g?: string | undefined
  readonly p?: string | undefined
  /** Claims in flight: token → claimed at. */
  readonly f: Readonly<Record<string, number>>
  /** doubtUntil, dirty, repairPending */
  readonly u: number
  readonly d?: 1
  readonly r?: 1
  /** The version delivered: its modifiedAt and digest. */
  readonly h?: { readonly m?: number | undefined; readonly g?: string | undefined }
  /** The last failure: delivery, error code, message. */
  readonly e?: {
    readonly d?: string | undefined
    readonly c?: string | undefined
    readonly m?: string | undefined
  }
}

/** A stored row as the ledger's rules work on it. */
export function rowFromStored(stored: StoredRow): LedgerRow {
  const state = JSON.parse(stored.state) as StoredState
  return {
    newestAt: state.n,
    newestClaim: state.c,
    newestDigest: state.g,
    newestPrepared: state.p,
    inFlight: new Map(Object.entries(state.f)),
    doubtUntil: state.u,
    dirty: state.d === 1,
    repairPending: state.r === 1,
    delivered: state.h === undefined ? undefined : { modifiedAt: state.h.m, digest: state.h.g },
    outcome: stored.outcome as LedgerRowOutcome,
    delivery: state.e?.d,
    errorCode: state.e?.c,
    errorMessage: state.e?.m,
    updatedAt: stored.updated_at,
  }
}

function stateOf(row: LedgerRow): string {
  // Written out by hand, keys only where they hold something: this runs twice per order sent,
  // and building an object for JSON.stringify costs more than the string.
  let text = `{"u":${row.doubtUntil},"f":{`
  let first = true
  for (const [claim, at] of row.inFlight) {
    text += `${first ? '' : ','}${JSON.stringify(claim)}:${at}`
    first = false
  }
  text += '}'
  if (row.newestAt !== undefined) text += `,"n":${row.newestAt}`
  if (row.newestClaim !== undefined) text += `,"c":${JSON.stringify(row.newestClaim)}`
  if (row.newestDigest !== undefined) text += `,"g":${JSON.stringify(row.newestDigest)}`
  if (row.newestPrepared !== undefined) text += `,"p":${JSON.stringify(row.newestPrepared)}`
  if (row.dirty) text += ',"d":1'
  if (row.repairPending) text += ',"r":1'
  if (row.delivered !== undefined) {
    text += `,"h":${JSON.stringify({ m: row.delivered.modifiedAt, g: row.delivered.digest })}`
  }
  if (row.delivery !== undefined || row.errorCode !== undefined || row.errorMessage !== undefined) {
    text += `,"e":${JSON.stringify({ d: row.delivery, c: row.errorCode, m: row.errorMessage })}`
  }
  return `${text}}`
}

/** Reads one order's row, or `undefined` when the ledger has none. */
export function readRow(
  statements: LedgerStatements,
  platform: string,
  orderId: string,
): LedgerRow | undefined {
  const stored = statements.select.get(platform, orderId)
  return stored === undefined ? undefined : rowFromStored(storedRowOf(stored))
}

/** Writes one order's row, replacing what was there. */
export function writeRow(
  statements: LedgerStatements,
  platform: string,
  orderId: string,
  row: LedgerRow,
): void {
  statements.upsert.run(
    platform,
    orderId,
    row.outcome,
    row.delivered === undefined ? 0 : 1,
    row.inFlight.size,
    stateOf(row),
    row.updatedAt,
  )
}

/**
 * Splits a version store key, `<platform>:<order id>`, at its first colon (a platform id has
 * none; an order id may).
 */
export function splitKey(key: string): { readonly platform: string; readonly orderId: string } {
  const colon = key.indexOf(':')
  return colon < 0
    ? { platform: '', orderId: key }
    : { platform: key.slice(0, colon), orderId: key.slice(colon + 1) }
}
