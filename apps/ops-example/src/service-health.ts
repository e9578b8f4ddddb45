import {
  checkSyncQueueHealth,
  type SyncQueue,
  type SyncQueueHealth,
  type SyncQueueHealthCheck,
} from '@ordersync/queue'
import type { WorkerAnswer, WorkerPool, WorkerSlotState } from './worker-pool.ts'

// The probes' verdicts, from checkSyncQueueHealth run twice over: here, on the service's queue
// (Redis, its persistence, the dead letters, the counts), and in each worker process, on its own
// worker (running and not stalled: only the process that runs a worker can tell). A worker
// process that ended is the pool's to see: checkSyncQueueHealth cannot check a worker of another
// process.

/** One worker slot in the probes' answer: the slot, and its worker's check. */
interface WorkerHealth extends WorkerSlotState {
  readonly check: SyncQueueHealthCheck
}

/** What `/healthz` and `/readyz` answer (the same JSON; each reads its own verdict). */
export interface ServiceHealth {
  /**
   * Readiness: this service can enqueue (Redis answers; with `persistence: 'require-aof'`, it
   * runs the append-only file) and every worker slot has a worker running and not stalled.
   */
  readonly ready: boolean
  /**
   * Liveness: no worker process is stuck — each running one answers within the timeout and is
   * not stalled. A worker that ended is not a liveness failure: the service restarts it.
   */
  readonly live: boolean
  /** Every check passed, alerts included (persistence, dead letters). */
  readonly ok: boolean
  readonly checks: Omit<SyncQueueHealth['checks'], 'worker'> & {
    readonly workers: SyncQueueHealthCheck
  }
  readonly workers: readonly WorkerHealth[]
  readonly counts: SyncQueueHealth['counts']
}

/** Options of {@link readServiceHealth}. */
export interface ServiceHealthOptions {
  readonly maxDeadLetters: number
  /** How long a worker has to answer: above the queue's `timeoutMs`, within which it answers. */
  readonly workerTimeoutMs: number
}

/** A slot's check, from its state and its worker's answer. */
function workerCheck(
  slot: WorkerSlotState,
  answer: WorkerAnswer,
  timeoutMs: number,
): SyncQueueHealthCheck {
  const ended = slot.lastExit === undefined ? '' : ` (its last process ended: ${slot.lastExit})`
  if (slot.state !== 'running') return { ok: false, detail: `${slot.state}${ended}` }
  if (answer.kind === 'answered' && answer.message.type === 'health') {
    return answer.message.health.checks.worker
  }
  if (answer.kind === 'timed out') {
    return {
      ok: false,
      detail: `stuck: no answer within ${timeoutMs} ms (paused, or its event loop blocked)`,
    }
  }
  return { ok: false, detail: `${answer.kind}${ended}` }
}

/**
 * Whether a slot's process is stuck: it runs but does not answer, or answers that its worker is
 * stalled (or closed).
 */
function isStuck(answer: WorkerAnswer, check: SyncQueueHealthCheck): boolean {
  return answer.kind === 'timed out' || (answer.kind === 'answered' && !check.ok)
}

/** Reads the queue's health here and each worker's in its process. */
export async function readServiceHealth(
  queue: SyncQueue,
  pool: WorkerPool,
  options: ServiceHealthOptions,
): Promise<ServiceHealth> {
  const [queueHealth, answers] = await Promise.all([
    checkSyncQueueHealth(queue, { maxDeadLetters: options.maxDeadLetters }),
    pool.ask('health', options.workerTimeoutMs),
  ])
  const entries = answers.map(({ slot, answer }) => {
    const check = workerCheck(slot, answer, options.workerTimeoutMs)
    return { worker: { ...slot, check }, stuck: isStuck(answer, check) }
  })
  const workers = entries.map((entry) => entry.worker)
  const failing = workers.filter((worker) => !worker.check.ok)
  const workersCheck: SyncQueueHealthCheck =
    failing.length === 0
      ? { ok: true, detail: `${workers.length} of ${workers.length} running and not stalled` }
      : {
          ok: false,
          detail: failing
            .map((worker) => `worker ${worker.slot}: ${worker.check.detail}`)
            .join('; '),
        }
  const { redis, persistence, deadLetters } = queueHealth.checks
  const checks = { redis, persistence, deadLetters, workers: workersCheck }
  return {
    ready: queueHealth.ready && workersCheck.ok,
    live: !entries.some((entry) => entry.stuck),
    ok: Object.values(checks).every((check) => check.ok),
    checks,
    workers,
    counts: queueHealth.counts,
  }
}
