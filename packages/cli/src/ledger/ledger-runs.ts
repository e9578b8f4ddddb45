import { readFileSync } from 'node:fs'
import { hostname } from 'node:os'
import type { DatabaseSync } from 'node:sqlite'
import type { LedgerStatements } from './ledger-database.ts'
import { columnNumber, columnText, rowFromStored, storedRowOf, writeRow } from './ledger-rows.ts'
import { recordSettle } from './ledger-rules.ts'

/** How often a run writes that it is alive (ms). */
const heartbeatMs = 1000

/**
 * A run whose heartbeat is older than this is taken for dead even when its process id is in use
 * (another host, or the id reused by another process).
 */
const staleAfterMs = 60_000

/**
 * What runs that died left in flight, taken over when a ledger was opened for writing: their
 * claims were settled as "sent, unconfirmed, may still land" (the platform may hold those orders),
 * so that the next send of each order goes and is checked like any other.
 *
 * @example
 * ```ts
 * import { openLedger } from '@ordersync/cli'
 *
 * const ledger = openLedger({ path: ':memory:' })
 * const takeover: LedgerTakeover = ledger.takeover
 * takeover.orders // 0
 * ledger.close()
 * ```
 */
export interface LedgerTakeover {
  /** The runs that died: their process id and when each was last alive (epoch ms). */
  readonly runs: readonly { readonly pid: number; readonly aliveAt: number }[]
  /** How many orders they had in flight. */
  readonly orders: number
  /** The same, per platform id. */
  readonly byPlatform: Readonly<Record<string, number>>
}

interface RunRow {
  readonly run_id: string
  readonly pid: number
  readonly host: string
  readonly alive_at: number
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    // EPERM: a process of another user holds the id; it is alive.
    return (error as { code?: string }).code === 'EPERM'
  }
  return !isZombie(pid)
}

/**
 * Whether a process has ended but its parent has not collected it yet (a zombie, state `Z` in
 * Linux's `/proc/<pid>/stat`): it still answers `kill(pid, 0)`, though it sends nothing more. A
 * run killed under a parent that does not wait for it (a container's first process, a
 * supervisor's shell) stays one until that parent ends. Elsewhere, `false`.
 */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The state follows the command's name, which is in parentheses and may hold any character.
    return stat.charAt(stat.lastIndexOf(')') + 2) === 'Z'
  } catch {
    return false
  }
}

function isDead(run: RunRow, now: number): boolean {
  if (now - run.alive_at > staleAfterMs) return true
  return run.host === hostname() && !isAlive(run.pid)
}

/**
 * Finds the runs that died without ending (killed, or their machine stopped) and takes over their
 * claims in flight. A request of such a claim may still reach the platform until its run was
 * last alive plus a heartbeat and `lateArrivalMs`: the claim is settled as unconfirmed and in doubt
 * until then, by the same rules as any send in doubt.
 */
export function takeOverDeadRuns(
  database: DatabaseSync,
  statements: LedgerStatements,
  lateArrivalMs: number,
  now: number,
): LedgerTakeover {
  const open = database
    .prepare('SELECT run_id, pid, host, alive_at FROM ledger_runs WHERE ended_at IS NULL')
    .all()
    .map(
      (row): RunRow => ({
        run_id: columnText(row, 'run_id'),
        pid: columnNumber(row, 'pid'),
        host: columnText(row, 'host'),
        alive_at: columnNumber(row, 'alive_at'),
      }),
    )
  const dead = new Map(open.filter((run) => isDead(run, now)).map((run) => [run.run_id, run]))
  if (dead.size === 0) return { runs: [], orders: 0, byPlatform: {} }
  const byPlatform: Record<string, number> = {}
  let orders = 0
  statements.begin.run()
  try {
    const inFlight = database
      .prepare(
        'SELECT platform, order_id, outcome, state, updated_at FROM ledger_orders WHERE in_flight > 0',
      )
      .all()
    for (const stored of inFlight) {
      const row = rowFromStored(storedRowOf(stored))
      const platform = columnText(stored, 'platform')
      let takenOver = false
      for (const token of [...row.inFlight.keys()]) {
        const run = dead.get(runOfClaim(token))
        if (run === undefined) continue
        const horizon = run.alive_at + heartbeatMs + lateArrivalMs
        const decision = recordSettle(
          row,
          token,
          { confirmed: false, inDoubtUntil: horizon, overtakes: false },
          now,
        )
        // No one is left to send a repair now: the order's next claim sends its newest version,
        // and that send is judged against the doubt recorded here.
        if (decision === 'repair') row.repairPending = false
        takenOver = true
      }
      if (!takenOver) continue
      writeRow(statements, platform, columnText(stored, 'order_id'), row)
      orders += 1
      byPlatform[platform] = (byPlatform[platform] ?? 0) + 1
    }
    const end = database.prepare(
      "UPDATE ledger_runs SET ended_at = alive_at, ended_how = 'died' WHERE run_id = ?",
    )
    for (const runId of dead.keys()) end.run(runId)
    statements.commit.run()
  } catch (error) {
    statements.rollback.run()
    throw error
  }
  const runs = [...dead.values()].map((run) => ({ pid: run.pid, aliveAt: run.alive_at }))
  return { runs, orders, byPlatform }
}

/** A claim token is `<run id>.<count>`. */
function runOfClaim(token: string): string {
  const dot = token.lastIndexOf('.')
  return dot < 0 ? token : token.slice(0, dot)
}

/** Records a run as started and keeps its heartbeat until `end` is called. */
export function startRun(
  database: DatabaseSync,
  runId: string,
  now: number,
): { readonly end: (how: 'finished' | 'failed') => void } {
  database
    .prepare(
      'INSERT INTO ledger_runs (run_id, pid, host, started_at, alive_at) VALUES (?, ?, ?, ?, ?)',
    )
    .run(runId, process.pid, hostname(), now, now)
  const beat = database.prepare('UPDATE ledger_runs SET alive_at = ? WHERE run_id = ?')
  const timer = setInterval(() => {
    try {
      beat.run(Date.now(), runId)
    } catch {
      // Busy with another process's transaction past the timeout: the next beat tries again.
    }
  }, heartbeatMs)
  timer.unref()
  return {
    end: (how) => {
      clearInterval(timer)
      database
        .prepare(
          'UPDATE ledger_runs SET alive_at = ?, ended_at = ?, ended_how = ? WHERE run_id = ?',
        )
        .run(Date.now(), Date.now(), how, runId)
    },
  }
}
