import {
  ApiCallError,
  type Instant,
  type OrderInput,
  type OrderSyncError,
  type OrderSyncResult,
} from '@ordersync/core'
import { DelayedError, type Job, UnrecoverableError } from 'bullmq'
import type { FencedSend, FencedSendOutcome } from './fenced-batcher.ts'
import type { JobKeys, JobOwner, Repair, StoredVersion } from './order-state-scripts.ts'
import { digestOf } from './order-version.ts'
import type { SyncJobData, SyncQueueInternals } from './sync-queue.ts'
import type { SyncQueueResult } from './sync-queue-result.ts'

// What a worker does with one job: claim the newest version of its order, send it behind the
// fence, and settle what the send came to in Redis — finished, sent again after the doubt
// horizon, retried with backoff, or dead-lettered — or, for a job that lost its order, make sure
// the newest version is sent again after anything it may have sent.

/** What a job returns to BullMQ (shown by `QueueEvents`). */
export type SyncJobReturn =
  | { readonly orderId: string; readonly status: 'obsolete' }
  | { readonly orderId: string; readonly modifiedAt: number; readonly status: 'succeeded' }

/** What the processor of one platform needs from its worker. */
export interface SyncJobContext {
  readonly platform: string
  readonly internals: SyncQueueInternals
  readonly send: (send: FencedSend) => Promise<FencedSendOutcome>
  /** Aborted when the worker closes with `force`. */
  readonly closing: AbortSignal
  readonly lateArrivalMs: number
  /** A signal aborted when the job's lock renewal fails; `release` when the job ends. */
  readonly watchLock: (jobId: string) => { readonly signal: AbortSignal; release(): void }
  readonly report: (event: SyncQueueResult) => void
  readonly onError: (error: Error) => void
  /** The errors the processor throws itself, so that the `failed` listener leaves them alone. */
  readonly decided: WeakSet<Error>
}

/** One run of a job: the job, its lock, its keys, its attempt. */
interface JobRun {
  readonly context: SyncJobContext
  readonly job: Job<SyncJobData>
  readonly owner: JobOwner
  readonly keys: JobKeys
  readonly orderId: string
  readonly attempt: number
  readonly lastAttempt: boolean
  readonly lock: AbortSignal
}

type Step = 'continue' | SyncJobReturn

/**
 * Whether a failed order is worth trying again later: an {@link ApiCallError} about the order
 * (not about credentials or configuration, which no retry fixes) that the platform called
 * retryable, or whose outcome is uncertain or that never reached the platform — resending an
 * uncertain one is safe: every sync endpoint is an upsert; or an error core could not classify,
 * thrown by something below the platform client (a token store whose Redis is unreachable), which
 * may pass. A validation, mapping or authentication error is final.
 */
function isWorthRetrying(error: OrderSyncError): boolean {
  if (ApiCallError.isInstance(error)) {
    return error.concerns === 'order' && (error.retryable || error.delivery !== 'rejected')
  }
  return error.name === 'OrderSyncError'
}

/** Whether some request of the send may still reach the platform. */
function inDoubt(sent: FencedSendOutcome): boolean {
  const { result } = sent
  return (
    sent.fencedAt !== undefined &&
    (sent.inDoubt ||
      (result.status === 'failed' &&
        (result.delivery === 'uncertain' || result.delivery === 'partial')))
  )
}

/** Whether the platform may hold the version sent. */
function mayHaveSent(sent: FencedSendOutcome): boolean {
  return inDoubt(sent) || (sent.fencedAt !== undefined && sent.result.status === 'succeeded')
}

/** Throws an error BullMQ acts on without the `failed` listener treating it as undecided. */
function decide(run: JobRun, error: Error): never {
  run.context.decided.add(error)
  throw error
}

/**
 * The end of a job that no longer serves its order after it sent, or may have sent: the newest
 * version goes again after the horizon (through a new job when none serves it). A job whose lock
 * was lost is left to its new owner (BullMQ neither completes nor fails it: a DelayedError).
 */
async function afterRepair(run: JobRun, repair: Repair): Promise<SyncJobReturn> {
  const { context, orderId } = run
  if (repair.jobId !== '') {
    await context.internals.addJob(context.platform, orderId, repair.jobId, repair.delayMs)
  }
  if (repair.status === 'unrepaired') {
    context.onError(
      new Error(
        `[ordersync] [queue] ${context.platform} order ${JSON.stringify(orderId)}: a worker that had lost it sent an older version, and the newest version's content is no longer kept — enqueue the order's newest version again (it will be sent, not answered unchanged)`,
      ),
    )
  }
  return leave(run, repair.lost)
}

/** Ends a job that does not serve its order: completed as obsolete, or left to its new owner. */
function leave(run: JobRun, lost: 'key' | 'lock'): SyncJobReturn {
  if (lost === 'lock') decide(run, new DelayedError())
  return { orderId: run.orderId, status: 'obsolete' }
}

/** The platform confirmed the version: finished, sent again after the horizon, or the next one. */
async function settleSuccess(
  run: JobRun,
  version: StoredVersion,
  sent: FencedSendOutcome,
  result: Extract<OrderSyncResult, { status: 'succeeded' }>,
): Promise<Step> {
  const { context, orderId, attempt } = run
  const decision = await context.internals.scripts.commit(run.keys, run.owner, {
    version,
    fencedAt: sent.fencedAt as number,
    inDoubt: sent.inDoubt,
    overtakes: sent.overtakes,
    lateArrivalMs: context.lateArrivalMs,
    keepMs: context.internals.rememberSentMs,
  })
  if (decision.status === 'obsolete' || decision.status === 'unrepaired') {
    return afterRepair(run, decision)
  }
  if (decision.status === 'again') {
    // A request of this order may still land after this confirmation: the newest version goes
    // again once it can no longer arrive. The job waits in the delayed set until then.
    await run.job.moveToDelayed(Date.now() + decision.delayMs, run.owner.token)
    return decide(run, new DelayedError())
  }
  const modifiedAt = version.modifiedAt as Instant
  context.report({
    status: 'succeeded',
    platform: context.platform,
    orderId,
    modifiedAt,
    attempt,
    result,
  })
  return decision.status === 'more' ? 'continue' : { orderId, modifiedAt, status: 'succeeded' }
}

/** The send failed: retried with backoff, dead-lettered, or superseded by a newer version. */
async function settleFailure(
  run: JobRun,
  version: StoredVersion,
  sent: FencedSendOutcome,
  failure: OrderSyncError,
): Promise<Step> {
  const { context, orderId, attempt } = run
  const modifiedAt = version.modifiedAt as Instant
  const event = { platform: context.platform, orderId, modifiedAt, attempt, error: failure }
  if (isWorthRetrying(failure) && !run.lastAttempt && !run.lock.aborted) {
    context.report({ status: 'retrying', ...event })
    return decide(run, new Error(failure.message))
  }
  const decision = await context.internals.scripts.abandon(run.keys, run.owner, {
    version,
    mayHaveSent: mayHaveSent(sent),
    lateArrivalMs: context.lateArrivalMs,
    keepMs: context.internals.rememberSentMs,
  })
  if (decision.status === 'obsolete' || decision.status === 'unrepaired') {
    return afterRepair(run, decision)
  }
  if (decision.status === 'more') {
    context.report({ status: 'superseded', ...event })
    return 'continue'
  }
  await run.job.updateData({ orderId, order: version.json, modifiedAt: version.modifiedAt })
  context.report({ status: 'dead', ...event })
  return decide(run, new UnrecoverableError(failure.message))
}

/** What a send came to, settled in Redis. */
async function settleSend(
  run: JobRun,
  version: StoredVersion,
  sent: FencedSendOutcome,
): Promise<Step> {
  const { context, job, owner } = run
  // Nothing was sent: the job lost its order before the request.
  if (sent.fencedAt === undefined && sent.lost !== undefined) return leave(run, sent.lost)
  const { result } = sent
  if (result.status === 'succeeded') return settleSuccess(run, version, sent, result)
  if (inDoubt(sent)) {
    const noted = await context.internals.scripts.doubt(run.keys, owner, {
      version,
      lateArrivalMs: context.lateArrivalMs,
    })
    if (noted.status !== 'noted') return afterRepair(run, noted)
  }
  if (result.status === 'skipped' && run.lock.aborted) return leave(run, 'lock')
  if (result.status === 'skipped' || (context.closing.aborted && !run.lock.aborted)) {
    // The run stopped (the worker is closing, or another order of the batch lost its lock): the
    // order goes back to the queue without using an attempt — a second later when the worker
    // closes, so that its own fetch, still in flight, does not take it straight back.
    await job.moveToDelayed(Date.now() + (context.closing.aborted ? 1_000 : 0), owner.token)
    return decide(run, new DelayedError())
  }
  return settleFailure(run, version, sent, result.error)
}

/** The newest version of the job's order, or `undefined` when the job does not serve it. */
async function claimVersion(run: JobRun): Promise<StoredVersion | undefined> {
  const { job, context } = run
  const letter = job.data.order
  // A dead letter that BullMQ retried (`job.retry()`, `queue.retryJobs()`): enqueued again.
  const deadLetter =
    letter === undefined || job.data.modifiedAt === undefined
      ? undefined
      : { json: letter, modifiedAt: job.data.modifiedAt, digest: await digestOf(letter) }
  return context.internals.scripts.claim(
    run.keys,
    {
      jobId: run.owner.jobId,
      stalledCounter: job.stalledCounter,
      lateArrivalMs: context.lateArrivalMs,
    },
    deadLetter,
  )
}

/**
 * Processes one job: sends the newest version of its order until the order is settled.
 *
 * @param context - What the platform's processor needs.
 * @param job - The BullMQ job.
 * @param token - The job's lock token.
 * @returns What BullMQ records as the job's return value.
 */
export async function processSyncJob(
  context: SyncJobContext,
  job: Job<SyncJobData>,
  token: string,
): Promise<SyncJobReturn> {
  const jobId = job.id as string
  const { orderId } = job.data
  const attempt = job.attemptsMade + 1
  const lock = context.watchLock(jobId)
  const run: JobRun = {
    context,
    job,
    owner: { jobId, token },
    keys: context.internals.jobKeys(context.platform, orderId, jobId),
    orderId,
    attempt,
    lastAttempt: attempt >= (job.opts.attempts ?? 1),
    lock: lock.signal,
  }
  try {
    for (;;) {
      const version = await claimVersion(run)
      // Another job serves this order now, or there is nothing left to send.
      if (version === undefined) return { orderId, status: 'obsolete' }
      // The version was validated when it was enqueued; syncOrders validates it again.
      const sent = await context.send({
        order: JSON.parse(version.json) as OrderInput,
        orderId,
        fence: () => context.internals.scripts.fence(run.keys, run.owner),
        signal: lock.signal,
      })
      const step = await settleSend(run, version, sent)
      if (step !== 'continue') return step
    }
  } finally {
    lock.release()
  }
}
