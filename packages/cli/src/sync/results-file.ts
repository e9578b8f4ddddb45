import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs'
import { resolve } from 'node:path'
import { z } from 'zod'
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

/** One line of a results file, as `--out` writes it: what `--retry-from` reads of it. */
const resultLineSchema = z
  .object({
    platform: z.string(),
    outcome: z.enum(['succeeded', 'failed', 'uncertain', 'skipped', 'prepared']),
    id: z.string().min(1).nullable().optional(),
    line: z.int().min(1).optional(),
    position: z.int().min(0).optional(),
  })
  .refine(
    (result) =>
      typeof result.id === 'string' || result.line !== undefined || result.position !== undefined,
  )

/**
 * What `--retry-from results.jsonl` selects: the orders of `platform` whose outcome was `failed`
 * or `uncertain`, by their id wherever they are in the input now; an entry that had no id (a line
 * that was not JSON) by its place: its line in a JSON Lines input, its position in a JSON array.
 */
export interface RetrySelection {
  readonly ids: ReadonlySet<string>
  readonly lines: ReadonlySet<number>
  readonly positions: ReadonlySet<number>
  /** How many entries the results file names (each id, line or position once). */
  readonly size: number
}

function notAResultLine(path: string, index: number): CliError {
  return new CliError(`${path}: line ${index + 1} is not a result line (pass the file --out wrote)`)
}

/** A selection of nothing: no order of the platform failed or was uncertain. */
export const noSelection: RetrySelection = {
  ids: new Set(),
  lines: new Set(),
  positions: new Set(),
  size: 0,
}

/**
 * Reads a results file and selects, per platform, the orders to send again.
 *
 * @throws {@link CliError} when the file cannot be read, or a line is not one `--out` writes.
 */
export function readRetrySelections(
  path: string,
  cwd: string,
): ReadonlyMap<string, RetrySelection> {
  const file = resolve(cwd, path)
  if (!existsSync(file)) throw new CliError(`cannot read ${path}: no such file`)
  const selections = new Map<
    string,
    { ids: Set<string>; lines: Set<number>; positions: Set<number>; size: number }
  >()
  for (const [index, text] of readFileSync(file, 'utf8').split('\n').entries()) {
    if (text.trim() === '') continue
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      throw notAResultLine(path, index)
    }
    const parsed = resultLineSchema.safeParse(value)
    if (!parsed.success) throw notAResultLine(path, index)
    const result = parsed.data
    if (result.outcome !== 'failed' && result.outcome !== 'uncertain') continue
    let selection = selections.get(result.platform)
    if (selection === undefined) {
      selection = { ids: new Set(), lines: new Set(), positions: new Set(), size: 0 }
      selections.set(result.platform, selection)
    }
    if (typeof result.id === 'string') selection.ids.add(result.id)
    else if (result.line !== undefined) selection.lines.add(result.line)
    else if (result.position !== undefined) selection.positions.add(result.position)
    selection.size = selection.ids.size + selection.lines.size + selection.positions.size
  }
  return selections
}

/** The entries of a retry selection the input holds, told as it is read. */
export interface RetryMatch {
  /** Whether an entry of the input (`id`: its order's id, `null` for none) is to be sent again. */
  selects(
    place: { readonly line: number | undefined; readonly position: number },
    id: string | null,
  ): boolean
  /** The entries the input did not hold: their ids, then `line N` (or `position N`). */
  missing(): string[]
}

/** Matches the input's entries against a retry selection, remembering which it found. */
export function createRetryMatch(selection: RetrySelection): RetryMatch {
  const ids = new Set<string>()
  const lines = new Set<number>()
  const positions = new Set<number>()
  return {
    selects: (place, id) => {
      if (id !== null && selection.ids.has(id)) {
        ids.add(id)
        return true
      }
      if (place.line === undefined) {
        if (!selection.positions.has(place.position)) return false
        positions.add(place.position)
        return true
      }
      if (!selection.lines.has(place.line)) return false
      lines.add(place.line)
      return true
    },
    missing: () => [
      ...[...selection.ids].filter((id) => !ids.has(id)),
      ...[...selection.lines].filter((line) => !lines.has(line)).map((line) => `line ${line}`),
      ...[...selection.positions]
        .filter((position) => !positions.has(position))
        .map((position) => `position ${position}`),
    ],
  }
}
