import { DelayedError } from 'bullmq'

// What a worker is doing, for its close and its liveness: the jobs in its processor, the jobs whose
// processor returned but that BullMQ has not yet moved (completed, failed, retried), and when it
// last made progress.

/** The activity of one worker (all its platforms). */
export interface WorkerActivity {
  /** Whether the worker was closed. */
  readonly closed: boolean
  /** The jobs in its processor. */
  inFlight(): number
  /** When it last started or finished a job, or started a call to a platform (epoch ms). */
  lastProgressAt(): number
  /** Notes progress (a call to a platform started). */
  noteProgress(): void
  /** Runs the processor of job `jobId`, counted in flight, then as unmoved until {@link moved}. */
  track<T>(jobId: string, process: () => Promise<T>): Promise<T>
  /** BullMQ moved job `jobId` (its `completed` or `failed` event). */
  moved(jobId: string): void
  /** Marks the worker closed. */
  close(): void
  /**
   * Resolves once no job is in the processor and BullMQ moved every finished one — or `moveWaitMs`
   * after the last processor returned, whichever comes first (a job BullMQ could not move is
   * taken over once its lock runs out).
   */
  settled(moveWaitMs: number): Promise<void>
}

/** Makes the activity of a new worker. */
export function createWorkerActivity(): WorkerActivity {
  let inFlight = 0
  let lastProgressAt = Date.now()
  let closed = false
  const unmoved = new Set<string>()
  let changed: (() => void)[] = []
  const notify = () => {
    const waiting = changed
    changed = []
    for (const resolve of waiting) resolve()
  }
  const nextChange = () => new Promise<void>((resolve) => changed.push(resolve))
  const activity: WorkerActivity = {
    get closed() {
      return closed
    },
    inFlight: () => inFlight,
    lastProgressAt: () => lastProgressAt,
    noteProgress() {
      lastProgressAt = Date.now()
    },
    async track(jobId, process) {
      inFlight += 1
      activity.noteProgress()
      try {
        const value = await process()
        unmoved.add(jobId)
        return value
      } catch (error) {
        // A DelayedError: the processor moved the job itself, or left it to the next owner.
        if (!(error instanceof DelayedError)) unmoved.add(jobId)
        throw error
      } finally {
        inFlight -= 1
        activity.noteProgress()
        notify()
      }
    },
    moved(jobId) {
      if (unmoved.delete(jobId)) notify()
    },
    close() {
      closed = true
    },
    async settled(moveWaitMs) {
      while (inFlight > 0) await nextChange()
      let timer: ReturnType<typeof setTimeout> | undefined
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), moveWaitMs)
      })
      try {
        while (unmoved.size > 0 || inFlight > 0) {
          if ((await Promise.race([nextChange(), late])) === 'late') return
        }
      } finally {
        clearTimeout(timer)
      }
    },
  }
  return activity
}
