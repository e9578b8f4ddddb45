import type { LedgerTakeover } from '../ledger/ledger-runs.ts'
import { type Colors, formatCount, formatDuration, plural } from '../terminal/colors.ts'
import { countTable, problemTable } from '../terminal/problem-table.ts'
import type { CliResult } from './cli-result.ts'
import type { RunCounts } from './progress-display.ts'

/** How many failures the report lists; the results file has them all. */
export const listedFailures = 10

/** Everything the report of a run says. */
export interface RunSummary {
  readonly platform: string
  /** Where the orders went: `the sandbox at …`, or the configuration's platform. */
  readonly target: string
  readonly dryRun: boolean
  readonly counts: RunCounts
  /** Entries read from the input (selected ones, when retrying). */
  readonly read: number
  readonly total: number | undefined
  readonly elapsedMs: number
  /** How the run ended early, if it did. */
  readonly stoppedBy: 'ctrl-c' | 'sigterm' | undefined
  /** Orders skipped, per reason; failures per delivery. */
  readonly skippedBy: Readonly<Record<string, number>>
  readonly failedBy: Readonly<Record<string, number>>
  /** The first failures (failed or uncertain), in the order they came. */
  readonly failures: readonly CliResult[]
  readonly failureCount: number
  readonly ledger: string | undefined
  /** A dry run with no ledger file there yet (it creates none). */
  readonly ledgerMissing: boolean
  readonly out: string | undefined
  readonly takeover: LedgerTakeover | undefined
}

const breakdown = (counts: Readonly<Record<string, number>>): string =>
  Object.entries(counts)
    .sort(([, a], [, b]) => b - a)
    .map(([reason, count]) => `${reason.replace('_', ' ')} ${formatCount(count)}`)
    .join(', ')

function headline(summary: RunSummary): string {
  const seconds = summary.elapsedMs / 1000
  const done = summary.read
  const rate = seconds > 0 ? Math.round(done / seconds) : 0
  const verb = summary.dryRun ? ' prepared (dry run: nothing sent)' : ''
  const head = `${summary.platform}: ${plural(done, 'order')}${verb} in ${formatDuration(summary.elapsedMs)} (${formatCount(rate)} orders/s), ${summary.target}`
  if (summary.stoppedBy === undefined) return head
  const left = summary.total === undefined ? '' : `; ${formatCount(summary.total - done)} not read`
  return `${head}\nstopped by ${summary.stoppedBy === 'ctrl-c' ? 'Ctrl+C' : 'SIGTERM'} after reading ${formatCount(done)}${left}`
}

/** The report of a run for a person, on stdout. */
export function renderRunReport(summary: RunSummary, colors: Colors, width: number): string {
  const { counts } = summary
  const rows: [string, string, (string | undefined)?][] = summary.dryRun
    ? [['ready to send', formatCount(counts.prepared), colors.dim('prepared; nothing was sent')]]
    : [
        [colors.green('succeeded'), formatCount(counts.succeeded)],
        [
          colors.yellow('uncertain'),
          formatCount(counts.uncertain),
          counts.uncertain > 0
            ? 'the platform may hold them: sync them again (an upsert: safe)'
            : undefined,
        ],
      ]
  rows.push(
    [colors.red('failed'), formatCount(counts.failed), breakdown(summary.failedBy) || undefined],
    [colors.dim('skipped'), formatCount(counts.skipped), breakdown(summary.skippedBy) || undefined],
  )
  const lines = [headline(summary), countTable(rows, '  ')]
  if (summary.failures.length > 0) {
    const all = summary.out === undefined ? 'pass --out <file> for all' : `all in ${summary.out}`
    lines.push(
      `failures (${summary.failures.length === summary.failureCount ? formatCount(summary.failureCount) : `first ${summary.failures.length} of ${formatCount(summary.failureCount)}; ${all}`}):`,
      problemTable(
        summary.failures.map((failure) => ({
          path:
            failure.line === undefined
              ? `#${failure.position + 1} ${failure.id ?? ''}`
              : `line ${failure.line} ${failure.id ?? ''}`,
          code: failure.errorCode ?? failure.outcome,
          message: failure.errorMessage ?? '',
        })),
        { colors, width, indent: '  ', head: ['order', 'code', 'why'] },
      ),
    )
  }
  const files = [
    summary.ledger === undefined
      ? undefined
      : `ledger ${summary.ledger}${summary.ledgerMissing ? ' (none yet: a dry run creates none)' : ''}`,
    summary.out === undefined ? undefined : `results ${summary.out}`,
  ].filter((file) => file !== undefined)
  if (files.length > 0) lines.push(colors.dim(files.join(' · ')))
  return `${lines.join('\n')}\n`
}

/** The report of a run for scripts: one JSON document on stdout. */
export function runReportJson(summary: RunSummary): string {
  return `${JSON.stringify(
    {
      platform: summary.platform,
      dryRun: summary.dryRun,
      read: summary.read,
      total: summary.total ?? null,
      ...summary.counts,
      skippedBy: summary.skippedBy,
      failedBy: summary.failedBy,
      stoppedBy: summary.stoppedBy ?? null,
      elapsedMs: Math.round(summary.elapsedMs),
      takenOver: summary.takeover?.orders ?? 0,
      ledger: summary.ledger ?? null,
      out: summary.out ?? null,
      failures: summary.failures,
    },
    null,
    2,
  )}\n`
}
