import type { KyInstance } from 'ky'
import { ApiCallError } from '../errors/api-call-error.ts'
import {
  type AttemptOutcome,
  failureMessage,
  isOwnText,
  networkOutcome,
  recordOutcome,
} from './attempt-outcome.ts'
import { type CallRun, emitHook, failCall, type KyModule } from './call-run.ts'
import type { Attempt, ReadAnswer } from './prepare-attempt.ts'
import { parseRetryAfter, planRetry } from './retry-policy.ts'
import { replayWithNewToken } from './token-replay.ts'
import { failureDetails, maxBodyInErrors } from './transport-errors.ts'
import type { IncomingResponse, ResponseClassification } from './transport-types.ts'

// What the transport decides after each attempt, at the two points where ky asks: `afterResponse`
// for an answer, `shouldRetry` for a failure without one. Either way the decision is made before
// ky waits: the delay must be known to hold the call to its budget and to tell `onRetry`.

type ForceRetry = KyInstance['retry']

/**
 * ky's `afterResponse` for an attempt: classifies the answer the attempt read, tells
 * `onResponse`, notes what the answer says about the order, and then lets ky return it (a
 * success), asks ky for a retry after the planned delay (`ky.retry({ delay })`, for a status or a
 * code inside an HTTP 200 alike), replays a rejected token once, or ends the call.
 *
 * @throws The call's error when it ends here.
 */
export async function judgeAnswer(
  run: CallRun,
  attempt: Attempt,
  retry: ForceRetry,
): Promise<ReturnType<ForceRetry> | undefined> {
  const read = attempt.answer
  // ky runs this hook only once readAnswer has resolved, which sets the answer.
  if (read === undefined) throw new TypeError('[ordersync] an answer was judged before it was read')
  const { response } = read
  run.record.noteAnswered()
  const classification = run.classify(response)
  emitResponse(run, attempt.number, read, classification.outcome)
  if (classification.outcome === 'success') return undefined
  const outcome: AttemptOutcome = { attempt: attempt.number, classification, response }
  // A retryable answer (5xx, Alipay+ U, WeChat -1) does not say the order was not stored; 408 and
  // 429 say the platform did not process the request.
  if (
    classification.outcome === 'retryable' &&
    response.status !== 408 &&
    response.status !== 429
  ) {
    run.record.noteMayBeStored()
  }
  if (isUnreadable(classification, response)) run.record.noteMayBeStored()
  const tokens = run.setup.options.tokens
  if (
    classification.outcome === 'token_invalid' &&
    attempt.tokenUsed !== undefined &&
    tokens !== undefined
  ) {
    await replayWithNewToken(run, outcome, tokens.manager, attempt.tokenUsed)
    return retry({ delay: 0 })
  }
  if (classification.outcome === 'retryable') {
    const retryAfterMs =
      parseRetryAfter(response.headers.get('retry-after'), run.setup.now()) ??
      classification.retryAfterMs
    return retry({ delay: retryOrStop(run, outcome, retryAfterMs) })
  }
  throw definiteFailure(run, outcome)
}

/**
 * Whether a failed answer could not be read: the platform processed the request (it answered 2xx,
 * or its classifier says the answer did not verify), so it may hold the order.
 */
function isUnreadable(
  classification: AttemptOutcome['classification'],
  response: IncomingResponse,
): boolean {
  if (classification.outcome !== 'failure') return false
  if (classification.unreadable === true) return true
  return response.status >= 200 && response.status < 300 && response.json === undefined
}

/**
 * ky's `shouldRetry` for an attempt that got no answer (a network error, ky's timeout, an abort):
 * notes whether the request may have reached the platform, then plans the retry, whose delay ky
 * reads back through `retry.delay`.
 *
 * @returns `true` to retry; `false` for an abort, which ky then throws as it is.
 * @throws The call's error when the plan stops (ky passes it on through its own rejection).
 */
export function judgeFailure(run: CallRun, attempt: Attempt, error: Error, ky: KyModule): boolean {
  if (run.call.signal?.aborted) return false
  const timedOutAfterMs = ky.isTimeoutError(error) ? run.setup.policy.timeoutMs : undefined
  // ky wraps fetch's own error; its message and code are what the attempt failed with.
  const cause = ky.isNetworkError(error) ? error.cause : error
  const { outcome, mayHaveReached } = networkOutcome(attempt.number, cause, timedOutAfterMs)
  if (mayHaveReached) run.record.noteMayBeStored()
  retryOrStop(run, outcome, undefined)
  return true
}

/**
 * Plans the retry after a failed attempt: records the attempt with the delay that follows it and
 * tells `onRetry`, or records it and ends the call, saying why it stopped.
 *
 * @returns The delay before the next attempt.
 * @throws The call's error when the plan stops.
 */
function retryOrStop(
  run: CallRun,
  outcome: AttemptOutcome,
  retryAfterMs: number | undefined,
): number {
  const { setup } = run
  const plan = planRetry(
    setup.policy,
    {
      attempt: outcome.attempt,
      elapsedMs: setup.now() - run.startedAt,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    },
    setup.random,
  )
  const message = failureMessage(outcome)
  if ('stopReason' in plan) {
    recordOutcome(run.record, outcome, message, 0)
    throw failCall(
      run,
      new ApiCallError({
        ...failureDetails(run, outcome),
        stopReason: plan.stopReason,
        retryable: true,
        attempts: run.record.attempts(run.redaction.current),
        delivery: run.record.delivery,
      }),
    )
  }
  recordOutcome(run.record, outcome, message, plan.delayMs)
  if (setup.options.hooks?.onRetry !== undefined) {
    emitHook(setup, 'onRetry', {
      platform: setup.platform,
      endpoint: run.endpoint,
      attempt: outcome.attempt,
      delayMs: plan.delayMs,
      reason: isOwnText(outcome) ? message : run.redaction.current().text(message),
    })
  }
  return plan.delayMs
}

/** A definite failure (or a token rejection with no token to replay): the call ends, not retryable. */
function definiteFailure(run: CallRun, outcome: AttemptOutcome): ApiCallError {
  recordOutcome(run.record, outcome, failureMessage(outcome), 0)
  const { classification } = outcome
  const concerns = classification.outcome === 'failure' ? classification.concerns : undefined
  return failCall(
    run,
    new ApiCallError({
      ...failureDetails(run, outcome),
      retryable: false,
      attempts: run.record.attempts(run.redaction.current),
      delivery: run.record.delivery,
      ...(concerns === undefined ? {} : { concerns }),
    }),
  )
}

function emitResponse(
  run: CallRun,
  attempt: number,
  read: ReadAnswer,
  outcome: ResponseClassification['outcome'],
): void {
  if (run.setup.options.hooks?.onResponse === undefined) return
  emitHook(run.setup, 'onResponse', {
    platform: run.setup.platform,
    endpoint: run.endpoint,
    attempt,
    status: read.response.status,
    durationMs: run.setup.now() - read.sentAt,
    outcome,
    body: run.redaction.current().body(read.response.text).slice(0, maxBodyInErrors),
  })
}
