import { randomBytes } from 'node:crypto'
import type { StoredVersion, VersionStore } from '@ordersync/core'
import { cliVersion } from '../own-package.ts'
import { openLedgerDatabase, prepareStatements } from './ledger-database.ts'
import type { LedgerEntry, LedgerFailure } from './ledger-entry.ts'
import { createLedgerQueries, type LedgerCount } from './ledger-queries.ts'
import { type LedgerTakeover, startRun, takeOverDeadRuns } from './ledger-runs.ts'
import { createLedgerWriter } from './ledger-writer.ts'

/**
 * Options of {@link openLedger}.
 *
 * @example
 * ```ts
 * const options: LedgerOptions = { path: '.ordersync/ledger.sqlite', lateArrivalMs: 15_000 }
 * ```
 */
export interface LedgerOptions {
  /** The SQLite file (created with its folder when missing), or `:memory:`. */
  readonly path: string
  /**
   * How long after a request in doubt it may still reach the platform, as in `syncOrders`: the
   * requests of a run that died are taken to be in doubt until it was last alive plus this.
   *
   * @default 10000
   */
  readonly lateArrivalMs?: number
  /**
   * Opens the file to read only (`status`, `export`, a dry run): no run is recorded, nothing is
   * taken over, and `claim`/`settle` reject.
   *
   * @default false
   */
  readonly readOnly?: boolean
  /**
   * A digest of a version's content, recorded with it: `entry().delivered.digest` then tells
   * whether the version delivered is the one at hand (the command digests each order's JSON).
   */
  readonly versionDigest?: (version: StoredVersion) => string | undefined
}

/**
 * The command line's ledger: a `VersionStore` (`@ordersync/core`) in a SQLite file, through
 * Node's built-in `node:sqlite`, that remembers per platform and order the newest version claimed,
 * the version delivered and the outcome of the last send, across runs and processes. Pass it to
 * `syncOrders({ versionStore })`: the run then never sends a version older than one an earlier run
 * sent, and the order's delivered version is what `ordersync sync` skips when it sees it again.
 *
 * @example
 * ```ts
 * import { openLedger } from '@ordersync/cli'
 *
 * const ledger = openLedger({ path: ':memory:' })
 * ledger.counts() // []
 * ledger.close()
 * ```
 */
export interface Ledger extends VersionStore {
  /** The file. */
  readonly path: string
  readonly readOnly: boolean
  /** What runs that died left in flight, taken over when this ledger was opened. */
  readonly takeover: LedgerTakeover
  /** What the ledger knows of one order on one platform, or `undefined`. */
  entry(platform: string, orderId: string): LedgerEntry | undefined
  /** Whether the ledger has any order of `platform`. */
  hasOrders(platform: string): boolean
  /**
   * Records the failure of an order's send, or of an order that could not be sent (invalid,
   * refused by `prepare`): what `settle` alone cannot tell. Ignored while a newer send of the order
   * is in flight, and for a failure that sent nothing (`delivery: 'not_sent'`) when the ledger
   * knows the version the platform holds: the ledger keeps the outcome of the last send.
   */
  recordFailure(platform: string, orderId: string, failure: LedgerFailure): void
  /** How many orders each platform has per outcome. */
  counts(): LedgerCount[]
  /** Every order, by platform and id. */
  entries(): IterableIterator<LedgerEntry>
  /** Writes what is pending, ends this run and closes the file. */
  close(): void
}

/**
 * Opens the ledger at `options.path`. Opened for writing, it takes over what runs that died left
 * in flight ({@link Ledger.takeover}), records this run and keeps its heartbeat until `close()`.
 *
 * Calls made in the same tick (`syncOrders` claims and settles a whole batch at once) are written
 * in one transaction, which commits before any of them resolves: a process killed at any point
 * loses no claim or settlement that a send depended on.
 *
 * @param options - The file, how late a request may land, read-only.
 * @returns The ledger.
 * @throws {@link LedgerError} when the file cannot be read, is not an ordersync ledger, or was
 *   written by a newer version.
 * @example
 * ```ts
 * import { syncOrders } from '@ordersync/core'
 * import { openLedger } from '@ordersync/cli'
 *
 * const ledger = openLedger({ path: ':memory:' })
 * const first = await syncOrders({ platform: youshu, orders, versionStore: ledger })
 * first.failed // 0
 * ledger.entry('youshu', orders[0]?.id ?? '')?.outcome // 'succeeded'
 * // A later run refuses a version older than one this run sent, and knows what was delivered.
 * ledger.entry('youshu', orders[0]?.id ?? '')?.delivered !== undefined // true
 * ledger.close()
 * ```
 */
export function openLedger(options: LedgerOptions): Ledger {
  const path = options.path
  const readOnly = options.readOnly ?? false
  const database = openLedgerDatabase({ path, readOnly, writer: `@ordersync/cli ${cliVersion}` })
  const statements = prepareStatements(database)
  const now = Date.now()
  const runId = randomBytes(4).toString('hex')
  const takeover = readOnly
    ? { runs: [], orders: 0, byPlatform: {} }
    : takeOverDeadRuns(database, statements, options.lateArrivalMs ?? 10_000, now)
  const run = readOnly ? undefined : startRun(database, runId, now)
  const queries = createLedgerQueries(database, statements)
  const writer = createLedgerWriter(statements, runId, options.versionDigest)
  const refuse = (): Promise<never> =>
    Promise.reject(new Error(`the ledger ${path} is open read-only: it takes no claim`))
  return {
    path,
    readOnly,
    takeover,
    claim: (key, version, at) =>
      readOnly
        ? refuse()
        : new Promise((done, fail) =>
            writer.add({ kind: 'claim', key, version, now: at, done, fail }),
          ),
    settle: (key, claim, settlement, at) =>
      readOnly
        ? refuse()
        : new Promise((done, fail) =>
            writer.add({ kind: 'settle', key, claim, settlement, now: at, done, fail }),
          ),
    recordFailure: (platform, orderId, failure) => {
      if (!readOnly) writer.add({ kind: 'failure', platform, orderId, failure, now: Date.now() })
    },
    entry: queries.entry,
    hasOrders: queries.hasOrders,
    counts: queries.counts,
    entries: queries.entries,
    close: () => {
      writer.flush()
      run?.end('finished')
      database.close()
    },
  }
}
