import { closeSync, openSync, writeSync } from 'node:fs'
import { resolve } from 'node:path'
import { CliError, exitCodes, firstLine } from '../cli-error.ts'
import { findConfigFile, loadConfig } from '../config/load-config.ts'
import { openLedger } from '../ledger/ledger.ts'
import type { LedgerEntry, LedgerOutcome } from '../ledger/ledger-entry.ts'
import { colorsFor, formatCount, plural } from '../terminal/colors.ts'
import { countTable } from '../terminal/problem-table.ts'

/** The options that find the ledger: `--ledger`, else the configuration's, else the default. */
export interface LedgerLocation {
  readonly ledger?: string
  readonly config?: string
}

/** The ledger file `status` and `ledger export` read, found as `sync` finds it. */
async function ledgerFile(options: LedgerLocation, cwd: string): Promise<string> {
  if (options.ledger !== undefined) return resolve(cwd, options.ledger)
  const file = findConfigFile(cwd, options.config)
  if (file !== undefined) {
    const config = await loadConfig(file)
    if (config.config.ledger === false) {
      throw new CliError(`${config.name} keeps no ledger (ledger: false): pass --ledger <file>`)
    }
    return resolve(config.directory, config.config.ledger ?? '.ordersync/ledger.sqlite')
  }
  return resolve(cwd, '.ordersync/ledger.sqlite')
}

const outcomes: readonly LedgerOutcome[] = ['succeeded', 'uncertain', 'failed', 'in_flight']

/**
 * `ordersync status`: how many orders each platform has in the ledger per outcome, and how many
 * of them the platform holds in a known version.
 */
export async function runStatus(
  options: LedgerLocation & { readonly json?: boolean },
  cwd: string,
): Promise<number> {
  const path = await ledgerFile(options, cwd)
  const ledger = openLedger({ path, readOnly: true })
  const counts = ledger.counts()
  ledger.close()
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify({ ledger: path, counts }, null, 2)}\n`)
    return exitCodes.ok
  }
  const colors = colorsFor(process.stdout)
  const platforms = [...new Set(counts.map((count) => count.platform))]
  const lines = [`ledger ${path}`]
  if (platforms.length === 0) lines.push('  no order yet')
  for (const platform of platforms) {
    const mine = counts.filter((count) => count.platform === platform)
    const total = mine.reduce((sum, count) => sum + count.orders, 0)
    const delivered = mine.reduce((sum, count) => sum + count.delivered, 0)
    lines.push(
      `${colors.bold(platform)}: ${plural(total, 'order')}, ${formatCount(delivered)} delivered in ${delivered === 1 ? 'its' : 'their'} newest version`,
    )
    const rows = outcomes
      .map(
        (outcome) =>
          [outcome, mine.find((count) => count.outcome === outcome)?.orders ?? 0] as const,
      )
      .filter(([, orders]) => orders > 0)
      .map(([outcome, orders]): [string, string] => [
        outcome.replace('_', ' '),
        formatCount(orders),
      ])
    lines.push(countTable(rows, '  '))
  }
  process.stdout.write(`${lines.join('\n')}\n`)
  return exitCodes.ok
}

function exportLine(entry: LedgerEntry): string {
  const time = (at: number | undefined) => (at === undefined ? null : new Date(at).toISOString())
  return `${JSON.stringify({
    platform: entry.platform,
    id: entry.orderId,
    outcome: entry.outcome,
    deliveredVersion: entry.delivered === undefined ? null : time(entry.delivered.modifiedAt),
    delivered: entry.delivered !== undefined,
    newestVersion: time(entry.newestModifiedAt),
    inFlight: entry.inFlight,
    delivery: entry.delivery ?? null,
    errorCode: entry.errorCode ?? null,
    errorMessage: entry.errorMessage ?? null,
    updatedAt: time(entry.updatedAt),
  })}\n`
}

/** `ordersync ledger export`: every order of the ledger as JSON Lines, to stdout or `--out`. */
export async function runLedgerExport(
  options: LedgerLocation & { readonly out?: string },
  cwd: string,
): Promise<number> {
  const path = await ledgerFile(options, cwd)
  const ledger = openLedger({ path, readOnly: true })
  let descriptor: number
  try {
    descriptor = options.out === undefined ? 1 : openSync(resolve(cwd, options.out), 'w')
  } catch (error) {
    ledger.close()
    throw new CliError(`cannot write ${options.out}: ${firstLine(error)}`)
  }
  let buffer = ''
  try {
    for (const entry of ledger.entries()) {
      buffer += exportLine(entry)
      if (buffer.length > 64 * 1024) {
        writeSync(descriptor, buffer)
        buffer = ''
      }
    }
    if (buffer !== '') writeSync(descriptor, buffer)
  } finally {
    ledger.close()
    if (descriptor !== 1) closeSync(descriptor)
  }
  return exitCodes.ok
}
