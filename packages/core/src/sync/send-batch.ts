import { ApiCallError } from '../errors/api-call-error.ts'
import { OrderSyncError } from '../errors/order-sync-error.ts'
import type { DoSyncOutcome, OrderSyncPlatformV1 } from './platform-contract.ts'
import type { RunReport } from './run-report.ts'
import type { SyncEntry } from './sync-entry.ts'
import {
  asOrderSyncError,
  deliveryOf,
  isOutcome,
  notSentAfter,
  stopsTheRun,
} from './sync-failures.ts'

/**
 * Whether the run still sends: a credentials or configuration failure stops it, and every order
 * after it fails with an error of the same kind saying it was not sent.
 */
export interface RunStop {
  /** The error the orders fail with once the run stopped sending; `undefined` while it sends. */
  readonly notSentError: () => OrderSyncError | undefined
  /** Stops the run's sends because of `error` (the first such error wins). */
  readonly stopWith: (error: OrderSyncError) => void
}

/** A run that sends until {@link RunStop.stopWith} is called. */
export function createRunStop(): RunStop {
  let notSentError: OrderSyncError | undefined
  return {
    notSentError: () => notSentError,
    stopWith: (error) => {
      notSentError ??= notSentAfter(error)
    },
  }
}

/** What sending a batch needs from its run. */
export interface BatchContext<Payload> {
  readonly platform: OrderSyncPlatformV1<Payload>
  readonly signal: AbortSignal | undefined
  readonly report: RunReport
  readonly stop: RunStop
}

/**
 * Sends one batch through the platform and gives each of its orders its result. A batch the
 * platform rejects as a whole for good (a definite `ApiCallError`) may be rejected for one order
 * in it: it is split and the halves sent in turn, until the bad orders are isolated. Transient
 * failures were already retried by the transport; splitting would not help them, nor a run that
 * was aborted, nor a credentials or configuration failure, which stops the run instead.
 */
export async function sendBatch<Payload>(
  context: BatchContext<Payload>,
  batch: readonly SyncEntry<Payload>[],
): Promise<void> {
  const { platform, signal, report, stop } = context
  const stoppedWith = stop.notSentError()
  if (stoppedWith !== undefined) {
    for (const entry of batch) report.fail(entry, stoppedWith, 'not_sent')
    return
  }
  let outcomes: readonly DoSyncOutcome[]
  try {
    outcomes = await platform.doSync(
      batch.map((entry) => entry.prepared),
      signal === undefined ? {} : { signal },
    )
  } catch (thrown) {
    const error = asOrderSyncError(thrown, platform.platform, true)
    if (stopsTheRun(error)) stop.stopWith(error)
    else if (batch.length > 1 && !signal?.aborted && isDefiniteRejection(error)) {
      const middle = Math.ceil(batch.length / 2)
      await sendBatch(context, batch.slice(0, middle))
      await sendBatch(context, batch.slice(middle))
      return
    }
    for (const entry of batch) report.fail(entry, error, deliveryOf(error))
    return
  }
  settleBatch(context, batch, outcomes)
}

function isDefiniteRejection(error: OrderSyncError): boolean {
  return ApiCallError.isInstance(error) && !error.retryable
}

/**
 * Gives each order of the batch the outcome the platform returned for it. The whole answer is
 * checked before any of it is used, so that no order gets two results.
 */
function settleBatch<Payload>(
  { platform, report, stop }: BatchContext<Payload>,
  batch: readonly SyncEntry<Payload>[],
  outcomes: readonly DoSyncOutcome[],
): void {
  if (
    !Array.isArray(outcomes) ||
    outcomes.length !== batch.length ||
    !outcomes.every((outcome) => isOutcome(outcome))
  ) {
    const error = new OrderSyncError(
      `the platform answered ${Array.isArray(outcomes) ? `${outcomes.length} outcomes, not all well-formed,` : 'no list of outcomes'} for a batch of ${batch.length} orders — the platform may have stored them; re-syncing is safe, because every sync endpoint is an upsert`,
      { platform: platform.platform },
    )
    for (const entry of batch) report.fail(entry, error, 'uncertain')
    return
  }
  outcomes.forEach((outcome, position) => {
    const entry = batch[position] as SyncEntry<Payload>
    if (outcome.status === 'succeeded') {
      report.succeed(entry, outcome)
      return
    }
    const error = asOrderSyncError(outcome.error, platform.platform, true)
    if (stopsTheRun(error)) stop.stopWith(error)
    report.fail(entry, error, outcome.delivery ?? deliveryOf(error))
  })
}
