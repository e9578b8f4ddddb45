import { existsSync } from 'node:fs'
import { relative } from 'node:path'
import { type PreparedOrder, SyncInterruptedError, syncOrders } from '@ordersync/core'
import { CliError, exitCodes, firstLine } from '../cli-error.ts'
import { countOrderLines, readOrderRecords } from '../input/read-order-records.ts'
import { type Ledger, openLedger } from '../ledger/ledger.ts'
import { colorsFor, plural } from '../terminal/colors.ts'
import { type CliResult, cliResultOf } from './cli-result.ts'
import { createOrderSource, type OrderSource, withVersionDigests } from './order-source.ts'
import { type ProgressDisplay, type RunCounts, startProgressDisplay } from './progress-display.ts'
import {
  createRetryMatch,
  noSelection,
  openResultsFile,
  type ResultsFile,
  type RetryMatch,
  readRetrySelections,
} from './results-file.ts'
import {
  listedFailures,
  type RunSummary,
  renderRunReport,
  runReportJson,
} from './sync-report-output.ts'
import { resolveSyncTarget, type SyncTarget, type TargetOptions } from './sync-target.ts'

/** The options of `ordersync sync`. */
export interface SyncOptions extends TargetOptions {
  readonly dryRun?: boolean
  readonly out?: string
  readonly retryFrom?: string
  readonly json?: boolean
  /** Seconds between two plain progress lines (when stderr is not a terminal). */
  readonly progressInterval?: number
}

/** What a run tallies as results come: counts, breakdowns, the first failures, the files. */
function createTally(
  target: SyncTarget,
  ledger: Ledger | undefined,
  results: ResultsFile | undefined,
  dryRun: boolean,
) {
  const counts: RunCounts = { succeeded: 0, failed: 0, uncertain: 0, skipped: 0, prepared: 0 }
  const skippedBy: Record<string, number> = {}
  const failedBy: Record<string, number> = {}
  const failures: CliResult[] = []
  let failureCount = 0
  const record = (result: CliResult): void => {
    counts[result.outcome] += 1
    if (result.outcome === 'skipped' && result.reason !== undefined) {
      skippedBy[result.reason] = (skippedBy[result.reason] ?? 0) + 1
    }
    if (result.outcome === 'failed' || result.outcome === 'uncertain') {
      failureCount += 1
      if (result.outcome === 'failed' && result.delivery !== undefined) {
        failedBy[result.delivery] = (failedBy[result.delivery] ?? 0) + 1
      }
      if (failures.length < listedFailures) failures.push(result)
      if (ledger !== undefined && !dryRun && result.id !== null) {
        ledger.recordFailure(target.platform, result.id, {
          outcome: result.outcome,
          delivery: result.delivery ?? 'not_sent',
          errorCode: result.errorCode ?? 'error',
          errorMessage: result.errorMessage ?? '',
        })
      }
    }
    results?.write(result)
  }
  return { counts, skippedBy, failedBy, failures, record, failureCount: () => failureCount }
}

/** Ctrl+C (and SIGTERM): the first stops reading and lets the requests in flight finish; the second aborts them. */
function handleSignals(
  source: OrderSource,
  display: () => ProgressDisplay | undefined,
  abort: AbortController,
) {
  let stoppedBy: 'ctrl-c' | 'sigterm' | undefined
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stoppedBy === undefined) {
      stoppedBy = signal === 'SIGINT' ? 'ctrl-c' : 'sigterm'
      source.stop()
      display()?.setState('stopping: the requests in flight finish (Ctrl+C again aborts them)')
      return
    }
    abort.abort()
    display()?.setState('aborting the requests in flight')
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return {
    stoppedBy: () => stoppedBy,
    release: () => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    },
  }
}

function openRunLedger(
  target: SyncTarget,
  dryRun: boolean,
  digests: WeakMap<PreparedOrder<unknown>, string>,
) {
  if (target.ledgerPath === undefined) return undefined
  // A dry run reads the ledger to report what would be skipped, and writes nothing.
  if (dryRun && !existsSync(target.ledgerPath)) return undefined
  return openLedger({
    path: target.ledgerPath,
    readOnly: dryRun,
    lateArrivalMs: target.lateArrivalMs,
    versionDigest: (version) => digests.get(version.prepared),
  })
}

function exitCodeOf(summary: RunSummary, notInInput: number): number {
  if (summary.stoppedBy === 'ctrl-c') return exitCodes.interrupted
  if (summary.stoppedBy === 'sigterm') return exitCodes.terminated
  const { counts, skippedBy } = summary
  const notDone = (skippedBy.aborted ?? 0) + (skippedBy.interrupted ?? 0) + notInInput
  return counts.failed + counts.uncertain + notDone > 0 ? exitCodes.someFailed : exitCodes.ok
}

/**
 * The entries a retry asked for that the input read to its end did not hold (an order removed
 * from the file since), said in one line: they were not sent, so the run did not do all it was
 * asked. The count, or 0 when nothing is missing or the input was not read to its end.
 */
function reportNotInInput(
  retry: RetryMatch | undefined,
  input: string,
  readToEnd: boolean,
): number {
  const missing = retry === undefined || !readToEnd ? [] : retry.missing()
  if (missing.length === 0) return 0
  const shown = 5
  const more = missing.length > shown ? ` and ${missing.length - shown} more` : ''
  const verb = missing.length === 1 ? 'is' : 'are'
  process.stderr.write(
    `ordersync: ${plural(missing.length, 'order')} to retry ${verb} not in ${input}: ${missing.slice(0, shown).join(', ')}${more}\n`,
  )
  return missing.length
}

/** The ledger for the report: its path, and whether a dry run found none there (it makes none). */
function ledgerOfReport(target: SyncTarget, cwd: string, dryRun: boolean) {
  if (target.ledgerPath === undefined) return { ledger: undefined, ledgerMissing: false }
  return {
    ledger: relative(cwd, target.ledgerPath) || target.ledgerPath,
    ledgerMissing: dryRun && !existsSync(target.ledgerPath),
  }
}

/**
 * `ordersync sync <orders.jsonl | orders.json | ->`: sends every order of the input to one
 * platform through `syncOrders` (its batching, concurrency and retries), with the ledger as its
 * version store, a progress display on stderr and a report on stdout.
 *
 * @returns The exit status: 0 when every order succeeded (or was already delivered), 1 when some
 *   failed or may not have arrived, 130/143 when stopped by Ctrl+C/SIGTERM.
 */
export async function runSync(input: string, options: SyncOptions, cwd: string): Promise<number> {
  const dryRun = options.dryRun === true
  // Read first: a file that is not a results file stops the command before anything starts.
  const selections =
    options.retryFrom === undefined ? undefined : readRetrySelections(options.retryFrom, cwd)
  const target = await resolveSyncTarget(options, cwd)
  try {
    const selection =
      selections === undefined ? undefined : (selections.get(target.platform) ?? noSelection)
    if (selection !== undefined && selection.size === 0) {
      process.stdout.write(
        `${target.platform}: nothing to retry — no order of ${target.platform} failed or was uncertain in ${options.retryFrom}\n`,
      )
      return exitCodes.ok
    }
    const retry = selection === undefined ? undefined : createRetryMatch(selection)
    const records = await readOrderRecords(input, cwd)
    const total = selection?.size ?? records.size ?? (await countOrderLines(input, cwd))
    const digests = new WeakMap<PreparedOrder<unknown>, string>()
    const ledger = openRunLedger(target, dryRun, digests)
    try {
      return await syncWith({
        input,
        options,
        cwd,
        target,
        records,
        retry,
        total,
        digests,
        ledger,
      })
    } finally {
      ledger?.close()
    }
  } finally {
    await target.sandbox?.close()
  }
}

interface RunParts {
  readonly input: string
  readonly options: SyncOptions
  readonly cwd: string
  readonly target: SyncTarget
  readonly records: Awaited<ReturnType<typeof readOrderRecords>>
  readonly retry: RetryMatch | undefined
  readonly total: number | undefined
  readonly digests: WeakMap<PreparedOrder<unknown>, string>
  readonly ledger: Ledger | undefined
}

async function syncWith(parts: RunParts): Promise<number> {
  const { options, target, ledger } = parts
  const dryRun = options.dryRun === true
  const results = options.out === undefined ? undefined : openResultsFile(options.out, parts.cwd)
  const tally = createTally(target, ledger, results, dryRun)
  let display: ProgressDisplay | undefined
  const source = createOrderSource({
    input: parts.records,
    platform: target.platform,
    ledger,
    retry: parts.retry,
    onLocalResult: (result) => {
      if (result.errorCode === 'malformed_json') {
        const note = `ordersync: ${parts.input}:${result.line}: ${result.errorMessage?.replace(/^line \d+ is /, '')}; reported failed, the other lines go on`
        if (display === undefined) process.stderr.write(`${note}\n`)
        else display.note(note)
      }
      tally.record(result)
    },
  })
  const abort = new AbortController()
  const signals = handleSignals(source, () => display, abort)
  if (ledger !== undefined && ledger.takeover.orders > 0) {
    const runs = ledger.takeover.runs.map((run) => `pid ${run.pid}`).join(', ')
    process.stderr.write(
      `ordersync: a run that stopped without finishing (${runs}) had ${plural(ledger.takeover.orders, 'order')} in flight; they may have reached the platform and are sent again\n`,
    )
  }
  display = startProgressDisplay({
    platform: target.platform,
    total: parts.total,
    counts: tally.counts,
    interactive: process.stderr.isTTY === true,
    intervalMs: (options.progressInterval ?? 5) * 1000,
    dryRun,
  })
  const started = performance.now()
  let crash: unknown
  try {
    await syncOrders({
      platform: withVersionDigests(target.client, source, parts.digests, dryRun),
      orders: source.orders,
      concurrency: target.concurrency,
      lateArrivalMs: target.lateArrivalMs,
      keepResults: 'none',
      signal: abort.signal,
      ...(ledger === undefined || dryRun ? {} : { versionStore: ledger }),
      onResult: (result) => {
        const tracked = source.take(result.index)
        // The common case, a success with no results file: a count, and nothing else to make.
        if (result.status === 'succeeded' && results === undefined && !dryRun) {
          tally.counts.succeeded += 1
          return
        }
        const known = tracked ?? {
          line: undefined,
          position: result.index,
          id: result.orderId ?? null,
          version: null,
        }
        tally.record(cliResultOf(target.platform, result, known, dryRun))
      },
    })
  } catch (error) {
    // The input broke off (an unreadable file): what was read is reported, and the error after.
    crash = SyncInterruptedError.isInstance(error) ? error.cause : error
  } finally {
    display.stop()
    signals.release()
    results?.close()
  }
  const summary: RunSummary = {
    platform: target.platform,
    target: target.description,
    dryRun,
    counts: tally.counts,
    read: source.read(),
    total: parts.total,
    elapsedMs: performance.now() - started,
    stoppedBy: signals.stoppedBy(),
    skippedBy: tally.skippedBy,
    failedBy: tally.failedBy,
    failures: tally.failures,
    failureCount: tally.failureCount(),
    ...ledgerOfReport(target, parts.cwd, dryRun),
    out: options.out,
    takeover: ledger?.takeover,
  }
  const readToEnd = crash === undefined && !source.stopped()
  const notInInput = reportNotInInput(parts.retry, parts.input, readToEnd)
  process.stdout.write(
    options.json === true
      ? runReportJson(summary)
      : renderRunReport(summary, colorsFor(process.stdout), process.stdout.columns ?? 100),
  )
  if (crash !== undefined)
    throw new CliError(`reading ${parts.input} failed: ${firstLine(crash)}`, exitCodes.someFailed)
  return exitCodeOf(summary, notInInput)
}
