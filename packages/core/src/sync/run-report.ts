import type { OrderSyncError } from '../errors/order-sync-error.ts'
import type { DoSyncOutcome, SyncWarning } from './platform-contract.ts'
import type { SyncEntry } from './sync-entry.ts'
import type {
  OrderSyncResult,
  SkipReason,
  SyncDelivery,
  SyncProgress,
  SyncReport,
} from './sync-report.ts'

/** What the report of a run needs from `syncOrders`' options. */
export interface RunReportOptions {
  readonly keepResults: 'all' | 'failed' | 'none'
  /** The number of orders, when the input is an array. */
  readonly total: number | undefined
  readonly onResult: ((result: OrderSyncResult) => void) | undefined
  readonly onProgress: ((progress: SyncProgress) => void) | undefined
  /** Told of every result as it completes: the run's telemetry counts it. */
  readonly count?: ((result: OrderSyncResult) => void) | undefined
}

/** Why the run ended early: the order source or a callback threw. */
interface RunInterruption {
  readonly error: unknown
  readonly source: string
}

/**
 * The report of one run as it fills: every order gets exactly one result (a second one for the
 * same entry is ignored), the counts follow, the callbacks hear of each result, and a callback
 * that throws interrupts the run instead of breaking it.
 */
export interface RunReport {
  /** Counts an order read from the source; returns its position in the input, from 0. */
  countRead(): number
  /** Orders read and without a result yet. */
  outstanding(): number
  /** The first throw of the source or a callback, if any. */
  interruption(): RunInterruption | undefined
  /** Records that the order source threw. */
  interrupt(error: unknown, source: string): void
  /** A result for an order that never became an entry (invalid, refused by `prepare`). */
  complete(result: OrderSyncResult): void
  succeed(entry: SyncEntry<unknown>, outcome: Extract<DoSyncOutcome, { status: 'succeeded' }>): void
  fail(entry: SyncEntry<unknown>, error: OrderSyncError, delivery: SyncDelivery): void
  skip(entry: SyncEntry<unknown>, reason: SkipReason, warnings?: readonly SyncWarning[]): void
  /** The finished report. */
  toReport(aborted: boolean): SyncReport
}

/** Starts the report of a run. */
export function createRunReport(options: RunReportOptions): RunReport {
  const results: OrderSyncResult[] = []
  const settled = new WeakSet<SyncEntry<unknown>>()
  let read = 0
  let succeeded = 0
  let failed = 0
  let uncertain = 0
  let skipped = 0
  let interruption: RunInterruption | undefined

  const notify = (result: OrderSyncResult): void => {
    if (interruption !== undefined) return
    try {
      options.onResult?.(result)
      options.onProgress?.({
        read,
        done: succeeded + failed + skipped,
        succeeded,
        failed,
        uncertain,
        skipped,
        total: options.total,
      })
    } catch (error) {
      interruption = {
        error,
        source: options.onResult === undefined ? 'onProgress' : 'onResult or onProgress',
      }
    }
  }

  const complete = (result: OrderSyncResult): void => {
    if (result.status === 'succeeded') succeeded += 1
    else if (result.status === 'failed') {
      failed += 1
      if (result.delivery === 'uncertain' || result.delivery === 'partial') uncertain += 1
    } else skipped += 1
    options.count?.(result)
    const keep = options.keepResults
    if (keep === 'all' || (keep === 'failed' && result.status !== 'succeeded')) results.push(result)
    notify(result)
  }

  /** Whether the entry still needs its result; marks it as having one. */
  const firstResult = (entry: SyncEntry<unknown>): boolean => {
    if (settled.has(entry)) return false
    settled.add(entry)
    return true
  }

  return {
    countRead: () => {
      read += 1
      return read - 1
    },
    outstanding: () => read - (succeeded + failed + skipped),
    interruption: () => interruption,
    interrupt: (error, source) => {
      interruption ??= { error, source }
    },
    complete,
    succeed: (entry, outcome) => {
      if (!firstResult(entry)) return
      complete({
        index: entry.index,
        orderId: entry.prepared.orderId,
        status: 'succeeded',
        platformIds: outcome.platformIds ?? {},
        ...(outcome.platformData === undefined ? {} : { platformData: outcome.platformData }),
        warnings: [...entry.prepared.warnings, ...(outcome.warnings ?? [])],
        accepted: outcome.accepted ?? false,
      })
    },
    fail: (entry, error, delivery) => {
      if (!firstResult(entry)) return
      complete({
        index: entry.index,
        orderId: entry.prepared.orderId,
        status: 'failed',
        error,
        delivery,
        warnings: entry.prepared.warnings,
      })
    },
    skip: (entry, reason, warnings = []) => {
      if (!firstResult(entry)) return
      complete({
        index: entry.index,
        orderId: entry.prepared.orderId,
        status: 'skipped',
        reason,
        warnings: [...entry.prepared.warnings, ...warnings],
      })
    },
    toReport: (aborted) => {
      if (options.keepResults !== 'none') results.sort((a, b) => a.index - b.index)
      return { results, read, succeeded, failed, uncertain, skipped, aborted }
    },
  }
}
