/**
 * `@ordersync/cli`: the `ordersync` command — explain what each platform would receive for an
 * order, sync a file of orders with a progress display and a report, resume a backfill from its
 * SQLite ledger, run the local sandbox — and what its configuration file and its ledger are made
 * of, for programs that share them.
 *
 * @packageDocumentation
 */
export {
  defineConfig,
  type OrdersyncConfig,
  type PlatformFactory,
  type PlatformFactoryContext,
  type PlatformSettings,
} from './config/define-config.ts'
export { type Ledger, type LedgerOptions, openLedger } from './ledger/ledger.ts'
export type { LedgerEntry, LedgerFailure, LedgerOutcome } from './ledger/ledger-entry.ts'
export { LedgerError } from './ledger/ledger-error.ts'
export type { LedgerCount } from './ledger/ledger-queries.ts'
export type { LedgerTakeover } from './ledger/ledger-runs.ts'
