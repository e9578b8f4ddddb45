import { ApiCallError } from '../errors/api-call-error.ts'
import { OrderSyncError } from '../errors/order-sync-error.ts'
import { type DoubtListener, listenForDoubt } from '../http/in-doubt-listener.ts'
import type { DoSyncOutcome, OrderSyncPlatformV1 } from './platform-contract.ts'
import type { EntryResult, RunConvergence } from './run-convergence.ts'
import type { RunReport } from './run-report.ts'
import type { RunStop } from './run-stop.ts'
import type { SyncEntry } from './sync-entry.ts'
import { asOrderSyncError, deliveryOf, isOutcome } from './sync-failures.ts'

/** What sending a batch needs from its run. */
export interface BatchContext<Payload> {
  readonly platform: OrderSyncPlatformV1<Payload>
  readonly signal: AbortSignal | undefined
  readonly report: RunReport
  readonly stop: RunStop
  readonly convergence: RunConvergence<Payload>
  /** How long after a request in doubt it may still reach the platform (ms). */
  readonly lateArrivalMs: number
  /** Whether each call's span names the ids of the orders it carries. */
  readonly traceOrderIds: boolean
  readonly now: () => number
}

/**
 * Claims the batch's sends in the version store (a version older than one already claimed is
 * skipped as stale) and sends the rest.
 */
export async function claimAndSend<Payload>(
  context: BatchContext<Payload>,
  batch: readonly SyncEntry<Payload>[],
): Promise<void> {
  const claimed = await context.convergence.claim(batch)
  if (claimed.length > 0) await sendBatch(context, claimed, undefined)
}

/**
 * Sends one batch through the platform and gives each of its orders its result. A batch the
 * platform rejects as a whole for good (a definite `ApiCallError`) may be rejected for one order
 * in it: it is split and the halves sent in turn, until the bad orders are isolated. Transient
 * failures were already retried by the transport; splitting would not help them, nor a run that
 * was aborted, nor a credentials or configuration failure, which stops the run instead.
 *
 * @param doubtedAt - What earlier requests carrying these orders left in doubt (a split batch's
 *   halves inherit the whole batch's).
 */
async function sendBatch<Payload>(
  context: BatchContext<Payload>,
  batch: readonly SyncEntry<Payload>[],
  doubtedAt: SendDoubt | undefined,
): Promise<void> {
  const { platform, signal, stop } = context
  const stoppedWith = stop.notSentError()
  if (stoppedWith !== undefined) {
    await settleAll(
      context,
      batch,
      { status: 'failed', error: stoppedWith, delivery: 'not_sent' },
      doubtedAt,
    )
    return
  }
  const doubt = watchDoubt(
    context,
    doubtedAt,
    context.traceOrderIds ? batch.map((entry) => entry.prepared.orderId) : undefined,
  )
  // A signal of the batch's own, which carries the listener to the transport calls the platform
  // makes with it.
  const batchSignal = followSignal(signal)
  listenForDoubt(batchSignal.signal, doubt.listener)
  let outcomes: readonly DoSyncOutcome[]
  try {
    const holds = batch.map((entry) => context.convergence.holdsOf(entry))
    outcomes = await platform.doSync(
      batch.map((entry) => entry.prepared),
      holds.some((held) => held !== undefined)
        ? { signal: batchSignal.signal, onInDoubt: doubt.onInDoubt, holds }
        : { signal: batchSignal.signal, onInDoubt: doubt.onInDoubt },
    )
    batchSignal.dispose()
  } catch (thrown) {
    batchSignal.dispose()
    const error = asOrderSyncError(thrown, platform.platform, true)
    stop.noteFailure(error)
    // A failure that stopped the run (credentials, configuration, a repeated unplaced answer) is
    // never split: its orders keep the answer they got.
    if (
      stop.notSentError() === undefined &&
      batch.length > 1 &&
      !signal?.aborted &&
      isDefiniteRejection(error)
    ) {
      const middle = Math.ceil(batch.length / 2)
      await sendBatch(context, batch.slice(0, middle), doubt.state())
      await sendBatch(context, batch.slice(middle), doubt.state())
      return
    }
    await settleAll(
      context,
      batch,
      { status: 'failed', error, delivery: deliveryOf(error) },
      doubt.state(),
    )
    return
  }
  await settleBatch(context, batch, outcomes, doubt.state())
}

/** A signal that aborts when `signal` does, until disposed (so the run's signal keeps no listener). */
function followSignal(signal: AbortSignal | undefined): {
  readonly signal: AbortSignal
  readonly dispose: () => void
} {
  const controller = new AbortController()
  if (signal === undefined) return { signal: controller.signal, dispose: () => {} }
  const abort = (): void => controller.abort(signal.reason)
  if (signal.aborted) abort()
  else signal.addEventListener('abort', abort, { once: true })
  return {
    signal: controller.signal,
    dispose: () => signal.removeEventListener('abort', abort),
  }
}

function isDefiniteRejection(error: OrderSyncError): boolean {
  return ApiCallError.isInstance(error) && !error.retryable
}

/**
 * What the requests of a send said about doubt: when one was last in doubt, and whether a later
 * request of the same send went after it (so that, landing late, it would overtake that one).
 */
interface SendDoubt {
  readonly at: number | undefined
  readonly overtakes: boolean
}

/**
 * Follows the requests of one `doSync`: the transport tells the listener, through the batch's
 * signal, when each call carrying the orders sends and when one is in doubt; a platform that
 * calls `onInDoubt` itself is taken to have sent more after it.
 */
function watchDoubt(
  context: BatchContext<unknown>,
  inherited: SendDoubt | undefined,
  orderIds: readonly string[] | undefined,
): {
  readonly listener: DoubtListener
  readonly onInDoubt: () => void
  readonly state: () => SendDoubt | undefined
} {
  let at = inherited?.at
  let overtakes = inherited?.overtakes ?? false
  const doubted = new Set<object>()
  return {
    listener: {
      inDoubt: (call) => {
        at = context.now()
        doubted.add(call)
      },
      sending: (call) => {
        if (doubted.size > 0 && !doubted.has(call)) overtakes = true
      },
      ...(orderIds === undefined ? {} : { orderIds }),
    },
    onInDoubt: () => {
      at = context.now()
      overtakes = true
    },
    state: () => (at === undefined ? undefined : { at, overtakes }),
  }
}

/** What the entry's send leaves in doubt: until when a request may still arrive, if one may. */
function doubtOf(
  context: BatchContext<unknown>,
  result: EntryResult,
  doubt: SendDoubt | undefined,
): { readonly inDoubtUntil: number | undefined; readonly overtakes: boolean } {
  const uncertain =
    result.status === 'failed' && (result.delivery === 'uncertain' || result.delivery === 'partial')
  const last = uncertain ? context.now() : doubt?.at
  return {
    inDoubtUntil: last === undefined ? undefined : last + context.lateArrivalMs,
    overtakes: doubt?.overtakes ?? false,
  }
}

function settleAll<Payload>(
  context: BatchContext<Payload>,
  batch: readonly SyncEntry<Payload>[],
  result: EntryResult,
  doubtedAt: SendDoubt | undefined,
): Promise<unknown> {
  return Promise.all(
    batch.map((entry) =>
      context.convergence.settle(entry, result, doubtOf(context, result, doubtedAt)),
    ),
  )
}

/**
 * Gives each order of the batch the outcome the platform returned for it. The whole answer is
 * checked before any of it is used, so that no order gets two results.
 */
async function settleBatch<Payload>(
  context: BatchContext<Payload>,
  batch: readonly SyncEntry<Payload>[],
  outcomes: readonly DoSyncOutcome[],
  doubtedAt: SendDoubt | undefined,
): Promise<void> {
  const { platform, stop } = context
  if (
    !Array.isArray(outcomes) ||
    outcomes.length !== batch.length ||
    !outcomes.every((outcome) => isOutcome(outcome))
  ) {
    const error = new OrderSyncError(
      `the platform answered ${Array.isArray(outcomes) ? `${outcomes.length} outcomes, not all well-formed,` : 'no list of outcomes'} for a batch of ${batch.length} orders — the platform may have stored them; re-syncing is safe, because every sync endpoint is an upsert`,
      { platform: platform.platform },
    )
    await settleAll(context, batch, { status: 'failed', error, delivery: 'uncertain' }, doubtedAt)
    return
  }
  await Promise.all(
    outcomes.map((outcome, position) => {
      const entry = batch[position] as SyncEntry<Payload>
      if (outcome.status === 'succeeded') {
        stop.noteSuccess()
        const result: EntryResult = { status: 'succeeded', outcome }
        return context.convergence.settle(entry, result, doubtOf(context, result, doubtedAt))
      }
      const error = asOrderSyncError(outcome.error, platform.platform, true)
      stop.noteFailure(error)
      const result: EntryResult = {
        status: 'failed',
        error,
        delivery: outcome.delivery ?? deliveryOf(error),
      }
      return context.convergence.settle(entry, result, doubtOf(context, result, doubtedAt))
    }),
  )
}
