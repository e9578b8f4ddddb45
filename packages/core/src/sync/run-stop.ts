import { ApiCallError } from '../errors/api-call-error.ts'
import type { OrderSyncError } from '../errors/order-sync-error.ts'
import { notSentAfter, stopsTheRun } from './sync-failures.ts'

/**
 * Whether the run still sends. A credentials or configuration failure stops it at once; so does
 * the same failure the client cannot place (a platform code it does not know, a bare HTTP status)
 * ending `sameFailureLimit` sends in a row before any send succeeded — a wrong setting the
 * platform's tables do not name (a wrong path prefix answering 404, an undocumented code for a
 * wrong key) then costs a few requests, not one per order. Every order after the stop fails with
 * an error of the same kind saying it was not sent.
 */
export interface RunStop {
  /** The error the orders fail with once the run stopped sending; `undefined` while it sends. */
  readonly notSentError: () => OrderSyncError | undefined
  /** A send failed with `error`: stops the run when the error, or its repetition, says so. */
  readonly noteFailure: (error: OrderSyncError) => void
  /** A send succeeded: the settings work, and repeated failures are the orders' own from now on. */
  readonly noteSuccess: () => void
}

/**
 * A run that sends until a failure stops it.
 *
 * @param sameFailureLimit - How many sends in a row may fail with the same unplaced failure
 *   before the run stops; 0 never stops on repetition.
 */
export function createRunStop(sameFailureLimit: number): RunStop {
  let notSentError: OrderSyncError | undefined
  const streak = createFailureStreak(sameFailureLimit)
  const stopWith = (error: OrderSyncError): void => {
    notSentError ??= notSentAfter(error)
  }
  return {
    notSentError: () => notSentError,
    noteFailure: (error) => {
      if (stopsTheRun(error)) return stopWith(error)
      const repeated = streak.note(error)
      if (repeated !== undefined) stopWith(repeated)
    },
    noteSuccess: () => streak.disarm(),
  }
}

/** The run of identical unplaced failures so far, until a success disarms it. */
function createFailureStreak(limit: number): {
  /** @returns The error that stops the run, once the streak reaches the limit. */
  readonly note: (error: OrderSyncError) => ApiCallError | undefined
  readonly disarm: () => void
} {
  let armed = limit > 0
  let signature: string | undefined
  let length = 0
  // The orders of one batch fail with one error: it counts as one send.
  const counted = new WeakSet<OrderSyncError>()
  return {
    note(error) {
      if (!armed || counted.has(error)) return undefined
      counted.add(error)
      const failure = unplacedSignature(error)
      if (failure === undefined) {
        signature = undefined
        length = 0
        return undefined
      }
      length = failure === signature ? length + 1 : 1
      signature = failure
      if (length < limit || !ApiCallError.isInstance(error)) return undefined
      armed = false
      return repeatedFailureError(error, length)
    },
    disarm: () => {
      armed = false
    },
  }
}

/**
 * What identifies a definite failure the client cannot place — a platform code it does not know
 * (`concerns: 'unknown'`), or a status about the address (a 404) that carries no code of the
 * platform's — or
 * `undefined` for any other failure (the order's own, a transient one, an abort). A lookup made
 * before the order (a data source, a token) counts too: it fails every send the same way.
 */
function unplacedSignature(error: OrderSyncError): string | undefined {
  if (!ApiCallError.isInstance(error) || error.retryable) {
    return undefined
  }
  const bareStatus =
    error.platformCode === undefined &&
    error.httpStatus !== undefined &&
    isAboutTheAddress(error.httpStatus)
  if (error.concerns !== 'unknown' && !bareStatus) return undefined
  return `${error.endpoint} ${error.platformCode ?? ''} ${error.httpStatus ?? ''}`
}

/**
 * A status that speaks of where the request went or who sent it, never of the order's content: a
 * redirect, 401, 403, 404, 405, 410. A 400, 409 or 422 may be the order's own fault.
 */
function isAboutTheAddress(status: number): boolean {
  return (status >= 300 && status < 400) || [401, 403, 404, 405, 410].includes(status)
}

function repeatedFailureError(error: ApiCallError, count: number): ApiCallError {
  const answer = [
    ...(error.platformCode === undefined ? [] : [`code ${error.platformCode}`]),
    ...(error.httpStatus === undefined ? [] : [`HTTP ${error.httpStatus}`]),
  ].join(', ')
  return new ApiCallError({
    platform: error.platform,
    endpoint: error.endpoint,
    reason:
      `the first ${count} sends all failed with the same answer the client cannot place (${answer}) — ` +
      'this usually means a wrong setting (a base URL or path prefix, a key, an app id). If the code ' +
      "is about the order, declare it in the client's table of known codes where it has one (see its " +
      "guide), or raise syncOrders' sameFailureLimit",
    retryable: false,
    concerns: 'configuration',
    // The code and status are in the reason; the error that repeated is its cause.
    cause: error,
  })
}
