import { type ChildProcess, fork } from 'node:child_process'
import { workerScript } from './worker.ts'
import type { FromWorker, ToWorker, WorkerSettings } from './worker-settings.ts'

// The service's worker processes, one per slot: started with `fork`, restarted when one ends
// (killed, crashed) after `restartDelayMs`, asked over IPC for their health and their metrics,
// and closed gracefully with the service. A supervisor as small as it can be: a worker that
// fails at every start is restarted every `restartDelayMs`, and says why on stderr each time.

/** Where a slot stands. */
type WorkerState = 'starting' | 'running' | 'restarting' | 'stopped'

/** One slot of the pool, as the probes and the test see it. */
export interface WorkerSlotState {
  /** 1, 2, …: the `worker` label of the slot's metrics, kept across restarts. */
  readonly slot: number
  /** The process serving the slot now; `undefined` while it restarts. */
  readonly pid: number | undefined
  readonly state: WorkerState
  /** How many times the slot's process was started again after it ended. */
  readonly restarts: number
  /** How the slot's last process ended: a signal (`SIGKILL`) or `exit code 1`. */
  readonly lastExit: string | undefined
}

/** What a worker answered to a request, or why it did not. */
export type WorkerAnswer =
  | { readonly kind: 'answered'; readonly message: FromWorker }
  | { readonly kind: 'not running' | 'exited' | 'timed out' }

/** The running pool. */
export interface WorkerPool {
  /** Each slot, now. */
  slots(): WorkerSlotState[]
  /** Asks every running worker (health or metrics); one answer per slot, in slot order. */
  ask(
    type: 'health' | 'metrics',
    timeoutMs: number,
  ): Promise<Array<{ readonly slot: WorkerSlotState; readonly answer: WorkerAnswer }>>
  /** Stops restarting, asks each worker to close (its orders in flight get 10 s), and waits. */
  close(): Promise<void>
}

/** Options of {@link startWorkerPool}. */
export interface WorkerPoolOptions {
  readonly count: number
  /** The settings of the worker of `slot`. */
  readonly settings: (slot: number) => WorkerSettings
  readonly restartDelayMs: number
  readonly log: (line: string) => void
}

interface Slot {
  readonly slot: number
  child: ChildProcess | undefined
  state: WorkerState
  restarts: number
  lastExit: string | undefined
  restartTimer: NodeJS.Timeout | undefined
}

function forkWorker(): ChildProcess {
  return fork(workerScript, [], {
    // Not the parent's flags (a test runner's loaders): Node runs the TypeScript file by itself.
    execArgv: [],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ?? `exit code ${code ?? 'unknown'}`
}

function stateOf(slot: Slot): WorkerSlotState {
  return {
    slot: slot.slot,
    pid: slot.child?.pid,
    state: slot.state,
    restarts: slot.restarts,
    lastExit: slot.lastExit,
  }
}

/** Waits for a process to exit; SIGKILLs it if it has not `graceMs` after it was asked to. */
function closeProcess(child: ChildProcess, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    const killTimer = setTimeout(() => child.kill('SIGKILL'), graceMs)
    child.once('exit', () => {
      clearTimeout(killTimer)
      resolve()
    })
    if (child.connected) child.send({ type: 'close' } satisfies ToWorker)
    else child.kill('SIGKILL')
  })
}

/** The requests sent to the workers that await their answer, by id. */
interface PendingRequests {
  nextId: number
  readonly waiting: Map<number, (message: FromWorker) => void>
}

/** Asks one worker; resolves with its answer, or why there is none (it ended, or took too long). */
function request(
  child: ChildProcess,
  requests: PendingRequests,
  type: 'health' | 'metrics',
  timeoutMs: number,
): Promise<WorkerAnswer> {
  return new Promise((resolve) => {
    const id = requests.nextId++
    const finish = (answer: WorkerAnswer) => {
      clearTimeout(timer)
      requests.waiting.delete(id)
      child.off('exit', onExit)
      resolve(answer)
    }
    const onExit = () => finish({ kind: 'exited' })
    const timer = setTimeout(() => finish({ kind: 'timed out' }), timeoutMs)
    requests.waiting.set(id, (message) => finish({ kind: 'answered', message }))
    child.once('exit', onExit)
    child.send({ type, id } satisfies ToWorker, (error) => {
      if (error !== null) finish({ kind: 'exited' })
    })
  })
}

/**
 * Starts `count` worker processes and resolves once each takes jobs; rejects if one ends before.
 */
export async function startWorkerPool(options: WorkerPoolOptions): Promise<WorkerPool> {
  let closing = false
  const requests: PendingRequests = { nextId: 1, waiting: new Map() }
  const slots: Slot[] = Array.from({ length: options.count }, (_, index) => ({
    slot: index + 1,
    child: undefined,
    state: 'starting',
    restarts: 0,
    lastExit: undefined,
    restartTimer: undefined,
  }))

  const launch = (slot: Slot): Promise<void> =>
    new Promise((resolve, reject) => {
      const child = forkWorker()
      slot.child = child
      slot.state = 'starting'
      child.on('error', (error) => options.log(`[ops] worker ${slot.slot}: ${error.message}`))
      child.on('message', (message: FromWorker) => {
        if (message.type !== 'ready') return requests.waiting.get(message.id)?.(message)
        slot.state = 'running'
        resolve()
      })
      child.once('exit', (code, signal) => {
        slot.child = undefined
        slot.lastExit = describeExit(code, signal)
        reject(new Error(`[ops] worker ${slot.slot} ended before it was ready (${slot.lastExit})`))
        if (closing) {
          slot.state = 'stopped'
          return
        }
        slot.state = 'restarting'
        options.log(
          `[ops] worker ${slot.slot} ended (${slot.lastExit}): restarting it in ${options.restartDelayMs} ms`,
        )
        slot.restartTimer = setTimeout(() => {
          slot.restarts += 1
          launch(slot).catch((error: Error) => options.log(error.message))
        }, options.restartDelayMs)
      })
      child.send({ type: 'start', settings: options.settings(slot.slot) } satisfies ToWorker)
    })

  const close = async () => {
    closing = true
    for (const slot of slots) clearTimeout(slot.restartTimer)
    await Promise.all(slots.map((slot) => slot.child && closeProcess(slot.child, 15_000)))
  }
  try {
    await Promise.all(slots.map(launch))
  } catch (error) {
    await close()
    throw error
  }
  return {
    slots: () => slots.map(stateOf),
    ask: (type, timeoutMs) =>
      Promise.all(
        slots.map(async (slot) => {
          const state = stateOf(slot)
          const child = slot.child
          const answer: WorkerAnswer =
            slot.state === 'running' && child?.connected === true
              ? await request(child, requests, type, timeoutMs)
              : { kind: 'not running' }
          return { slot: state, answer }
        }),
      ),
    close,
  }
}
