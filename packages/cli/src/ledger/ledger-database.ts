import { existsSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { DatabaseSync, StatementSync } from 'node:sqlite'
import { LedgerError } from './ledger-error.ts'

/**
 * The ledger's file format: `PRAGMA user_version`. A ledger with a larger one was written by a
 * newer `@ordersync/cli` and is refused rather than misread.
 */
const ledgerFormat = 1

// `PRAGMA application_id`: "OSLG", so that another SQLite file is refused, not overwritten.
const applicationId = 0x4f534c47

// One row per platform and order. What the rules need lives in `state` (JSON: the newest version
// claimed, the claims in flight, the doubt, the version delivered, the last failure); the columns
// beside it are what the questions about the ledger select on (status counts, the runs that died).
// No index on in_flight: only taking over a run that died looks for it, rarely, and an index
// would cost every claim and settlement two more writes.
const schema = `
CREATE TABLE IF NOT EXISTS ledger_orders (
  platform TEXT NOT NULL,
  order_id TEXT NOT NULL,
  outcome TEXT NOT NULL,
  delivered INTEGER NOT NULL,
  in_flight INTEGER NOT NULL,
  state TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (platform, order_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ledger_runs (
  run_id TEXT PRIMARY KEY,
  pid INTEGER NOT NULL,
  host TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  alive_at INTEGER NOT NULL,
  ended_at INTEGER,
  ended_how TEXT
);
CREATE TABLE IF NOT EXISTS ledger_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`

/** How the ledger file is opened. */
export interface OpenDatabaseOptions {
  readonly path: string
  /** Whether to refuse writing (status, export, a dry run); the file must exist. */
  readonly readOnly: boolean
  /** Who writes the file, e.g. `@ordersync/cli 0.3.0`: kept in the file, named when it is refused. */
  readonly writer: string
}

/**
 * Opens (and, when writable and new, creates) the ledger's SQLite database, checks that it is an
 * ordersync ledger this version can read, and sets it up for one writer at a time per order:
 * write-ahead logging (a process killed mid-run loses nothing committed), and a wait of up to 5 s
 * for another process's transaction.
 *
 * @throws {@link LedgerError} when the file cannot be opened, is not an ordersync ledger, or was
 *   written by a newer version.
 */
export function openLedgerDatabase(options: OpenDatabaseOptions): DatabaseSync {
  const { path } = options
  // Loaded here, not imported: the command's other parts run without it, and a Node.js too old
  // to have it is told so in one line.
  const sqlite = process.getBuiltinModule?.('node:sqlite') as
    | typeof import('node:sqlite')
    | undefined
  if (sqlite === undefined) {
    throw new LedgerError(
      `the ledger needs node:sqlite, which Node.js ${process.versions.node} lacks: use Node.js 22.18 or newer`,
      path,
    )
  }
  if (options.readOnly && path !== ':memory:' && !existsSync(path)) {
    throw new LedgerError(
      `no ledger at ${path}: run \`ordersync sync\` first, or pass --ledger <file>`,
      path,
    )
  }
  if (!options.readOnly && path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  let database: DatabaseSync
  try {
    database = new sqlite.DatabaseSync(path, { readOnly: options.readOnly })
  } catch (error) {
    throw unreadable(path, error)
  }
  try {
    // First: another run opening the same ledger at the same moment (a new file's schema being
    // created, its journal switched to WAL) is waited for, not refused as "database is locked".
    database.exec('PRAGMA busy_timeout = 5000')
    checkFormat(database, options)
    if (!options.readOnly) {
      // Write-ahead logging: a commit is an append, and survives the process being killed. A
      // checkpoint (which syncs to disk) every 10,000 pages rather than SQLite's 1,000: a run
      // commits twice per batch, and syncing that often would cost more than the sends.
      database.exec(
        'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 10000',
      )
    }
  } catch (error) {
    database.close()
    throw error instanceof LedgerError ? error : unreadable(path, error)
  }
  return database
}

function checkFormat(database: DatabaseSync, options: OpenDatabaseOptions): void {
  const { path } = options
  const version = pragmaNumber(database, 'user_version')
  const application = pragmaNumber(database, 'application_id')
  const tables = database
    .prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'")
    .get() as { n: number }
  if (application !== applicationId && (tables.n > 0 || application !== 0)) {
    throw new LedgerError(
      `${path} is an SQLite file but not an ordersync ledger: pass another --ledger <file>`,
      path,
    )
  }
  if (version > ledgerFormat) {
    const writer = database.prepare("SELECT value FROM ledger_meta WHERE key = 'writer'").get() as
      | { value: string }
      | undefined
    throw new LedgerError(
      `${path} was written by a newer version (${writer?.value ?? 'unknown'}, ledger format ${version}); ${options.writer} reads format ${ledgerFormat}: upgrade @ordersync/cli`,
      path,
    )
  }
  if (version === ledgerFormat) return
  if (options.readOnly) {
    throw new LedgerError(`${path} holds no ledger yet: run \`ordersync sync\` first`, path)
  }
  database.exec(`BEGIN IMMEDIATE; ${schema}
    PRAGMA application_id = ${applicationId}; PRAGMA user_version = ${ledgerFormat}; COMMIT`)
  database
    .prepare("INSERT OR REPLACE INTO ledger_meta (key, value) VALUES ('writer', ?)")
    .run(options.writer)
}

function pragmaNumber(database: DatabaseSync, name: string): number {
  const row = database.prepare(`PRAGMA ${name}`).get() as Record<string, number> | undefined
  return row?.[name] ?? 0
}

function unreadable(path: string, error: unknown): LedgerError {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
  return new LedgerError(
    `cannot read the ledger ${path} (${reason}): check the file, or pass another --ledger <file>`,
    path,
    { cause: error },
  )
}

/** The statements the ledger runs, prepared once. */
export interface LedgerStatements {
  readonly begin: StatementSync
  readonly commit: StatementSync
  readonly rollback: StatementSync
  /** Changes when another connection commits (SQLite's `data_version`). */
  readonly dataVersion: StatementSync
  readonly select: StatementSync
  readonly upsert: StatementSync
}

/** Prepares the ledger's statements on an open database. */
export function prepareStatements(database: DatabaseSync): LedgerStatements {
  return {
    begin: database.prepare('BEGIN IMMEDIATE'),
    commit: database.prepare('COMMIT'),
    rollback: database.prepare('ROLLBACK'),
    dataVersion: database.prepare('PRAGMA data_version'),
    select: database.prepare(
      'SELECT outcome, state, updated_at FROM ledger_orders WHERE platform = ? AND order_id = ?',
    ),
    upsert: database.prepare('INSERT OR REPLACE INTO ledger_orders VALUES (?, ?, ?, ?, ?, ?, ?)'),
  }
}
