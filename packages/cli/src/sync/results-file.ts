import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs'
import { resolve } from 'node:path'
import { CliError, firstLine } from '../cli-error.ts'
import type { CliResult } from './cli-result.ts'

/** Writes `--out results.jsonl`: one line per order, buffered, flushed as it grows and at the end. */
export interface ResultsFile {
  write(result: CliResult): void
  close(): void
}

const flushAtBytes = 64 * 1024

/** Opens (truncates) the results file. */
export function openResultsFile(path: string, cwd: string): ResultsFile {
  let descriptor: number
  try {
    descriptor = openSync(resolve(cwd, path), 'w')
  } catch (error) {
    throw new CliError(`cannot write ${path}: ${firstLine(error)}`)
  }
  let buffer = ''
  const flush = (): void => {
    if (buffer === '') return
    writeSync(descriptor, buffer)
    buffer = ''
  }
  // A run stopped by a signal still leaves every line written so far.
  const timer = setInterval(flush, 500)
  timer.unref()
  return {
    write: (result) => {
      buffer += `${JSON.stringify(result)}\n`
      if (buffer.length >= flushAtBytes) flush()
    },
    close: () => {
      clearInterval(timer)
      flush()
      closeSync(descriptor)
    },
  }
}

/**
 * What `--retry-from results.jsonl` selects: the places (lines of a JSON Lines input, positions of
 * a JSON array) of the orders of `platform` whose outcome was `failed` or `uncertain`.
 */
export interface RetrySelection {
  readonly lines: ReadonlySet<number>
  readonly positions: ReadonlySet<number>
  readonly size: number
}

/** Reads a results file and selects the orders of `platform` to send again. */
export function readRetrySelection(path: string, cwd: string, platform: string): RetrySelection {
  const file = resolve(cwd, path)
  if (!existsSync(file)) throw new CliError(`cannot read ${path}: no such file`)
  const lines = new Set<number>()
  const positions = new Set<number>()
  for (const [index, text] of readFileSync(file, 'utf8').split('\n').entries()) {
    if (text.trim() === '') continue
    let result: Partial<CliResult>
    try {
      result = JSON.parse(text) as Partial<CliResult>
    } catch {
      throw new CliError(
        `${path}: line ${index + 1} is not a result line (pass the file --out wrote)`,
      )
    }
    if (result.platform !== platform) continue
    if (result.outcome !== 'failed' && result.outcome !== 'uncertain') continue
    if (typeof result.line === 'number') lines.add(result.line)
    else if (typeof result.position === 'number') positions.add(result.position)
  }
  return { lines, positions, size: lines.size + positions.size }
}
