import type { DatabaseSync } from 'node:sqlite'
import type { LedgerStatements } from './ledger-database.ts'
import type { LedgerEntry, LedgerOutcome } from './ledger-entry.ts'
import {
  columnNumber,
  columnText,
  rowFromStored,
  type StoredRow,
  storedRowOf,
} from './ledger-rows.ts'

/**
 * How many orders of one platform have one outcome in the ledger, and how many of them the
 * platform holds in a known version.
 *
 * @example
 * ```ts
 * const count: LedgerCount = { platform: 'youshu', outcome: 'succeeded', orders: 9_950, delivered: 9_950 }
 * ```
 */
export interface LedgerCount {
  readonly platform: string
  readonly outcome: LedgerOutcome
  readonly orders: number
  /** Of those, the orders whose delivered version is known. */
  readonly delivered: number
}

function entryOf(platform: string, orderId: string, stored: StoredRow): LedgerEntry {
  const row = rowFromStored(stored)
  return {
    platform,
    orderId,
    outcome: row.outcome,
    delivered: row.delivered,
    newestModifiedAt: row.newestAt,
    inFlight: row.inFlight.size,
    delivery: row.delivery,
    errorCode: row.errorCode,
    errorMessage: row.errorMessage,
    updatedAt: row.updatedAt,
  }
}

/** The ledger's read-only questions. */
export function createLedgerQueries(database: DatabaseSync, statements: LedgerStatements) {
  const any = database.prepare('SELECT 1 AS found FROM ledger_orders WHERE platform = ? LIMIT 1')
  return {
    entry: (platform: string, orderId: string): LedgerEntry | undefined => {
      const stored = statements.select.get(platform, orderId)
      return stored === undefined ? undefined : entryOf(platform, orderId, storedRowOf(stored))
    },
    hasOrders: (platform: string): boolean => any.get(platform) !== undefined,
    counts: (): LedgerCount[] =>
      database
        .prepare(
          `SELECT platform, outcome, count(*) AS orders, sum(delivered) AS delivered
           FROM ledger_orders GROUP BY platform, outcome ORDER BY platform, outcome`,
        )
        .all()
        .map((row) => ({
          platform: columnText(row, 'platform'),
          outcome: columnText(row, 'outcome') as LedgerOutcome,
          orders: columnNumber(row, 'orders'),
          delivered: columnNumber(row, 'delivered'),
        })),
    entries: function* (): IterableIterator<LedgerEntry> {
      const rows = database
        .prepare(
          'SELECT platform, order_id, outcome, state, updated_at FROM ledger_orders ORDER BY platform, order_id',
        )
        .iterate()
      for (const stored of rows) {
        yield entryOf(
          columnText(stored, 'platform'),
          columnText(stored, 'order_id'),
          storedRowOf(stored),
        )
      }
    },
  }
}
