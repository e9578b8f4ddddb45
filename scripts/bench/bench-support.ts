// What every section of the bench shares: rows of the table, statistics, child processes.

import { type ChildProcess, spawn } from 'node:child_process'
import { loadavg } from 'node:os'
import { createInterface } from 'node:readline'

/** How many times each measure runs: three (one in a `--quick` smoke run). */
export const repeats: number = process.argv.includes('--quick') ? 1 : 3

/** One row of the table: three repeats of a figure beside its floor, measured in the same run. */
export interface BenchRow {
  readonly section: string
  readonly measure: string
  readonly platform: string
  readonly unit: string
  readonly ours: readonly number[]
  readonly floorName: string
  readonly floor: readonly number[]
  /** `lower`: ours / floor, smaller is better (time, bytes); `higher`: ours / floor, larger is better (throughput). */
  readonly better: 'lower' | 'higher'
  /** The target on the ratio, when the issue sets one. */
  readonly target?: number
  readonly note?: string
  /** The machine's 1-minute load average when the row's measure started and when it ended. */
  readonly load?: LoadSpan
}

/** The 1-minute load average (`os.loadavg()[0]`) at the start and at the end of a measure. */
export interface LoadSpan {
  readonly start: number
  readonly end: number
}

/** The machine's 1-minute load average now. */
export const oneMinuteLoad = (): number => loadavg()[0] ?? 0

/**
 * Runs a measure and gives each of its rows that has no load of its own the 1-minute load
 * average at the measure's start and end.
 */
export async function withLoad(measure: () => Promise<readonly BenchRow[]>): Promise<BenchRow[]> {
  const start = oneMinuteLoad()
  const rows = await measure()
  const end = oneMinuteLoad()
  return rows.map((row) => (row.load === undefined ? { ...row, load: { start, end } } : row))
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

/** The ratio of each repeat (ours / floor of the same repeat). */
export const ratios = (row: BenchRow): number[] =>
  row.ours.map((value, index) => value / (row.floor[index] ?? row.floor[0] ?? Number.NaN))

/** Whether the row meets its target (on the median ratio); undefined without a target. */
export const meetsTarget = (row: BenchRow): boolean | undefined => {
  if (row.target === undefined) return undefined
  const ratio = median(ratios(row))
  return row.better === 'lower' ? ratio <= row.target : ratio >= row.target
}

export interface ChildServer {
  readonly firstLine: string
  stop(): Promise<void>
}

/** Starts a script in its own Node process; resolves with the first line it prints. */
export async function startChild(script: string, args: readonly string[]): Promise<ChildServer> {
  const child: ChildProcess = spawn(process.execPath, [script, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
  // The script's name, past the Node options given before it (`--expose-gc`).
  const name = [script, ...args].find((arg) => !arg.startsWith('--')) ?? script
  const firstLine = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve)
    child.once('close', (code) => reject(new Error(`${name} exited (${code}) before it started`)))
  })
  return {
    firstLine,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.stdin?.end()
        setTimeout(() => child.kill(), 5000).unref()
      }),
  }
}

/** Runs `count` tasks with at most `concurrency` in flight. */
export async function runPool(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < count) {
      const index = next
      next += 1
      await task(index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker))
}
