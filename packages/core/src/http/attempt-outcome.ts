import type { DeliveryRecord } from './delivery-record.ts'
import type { IncomingResponse, ResponseClassification } from './transport-types.ts'

/**
 * What an attempt that did not succeed came to: the platform's answer as its classifier read it,
 * or a network failure (no answer, classified retryable, its message saying what happened).
 */
export interface AttemptOutcome {
  readonly attempt: number
  readonly classification: Exclude<ResponseClassification, { readonly outcome: 'success' }>
  readonly response: IncomingResponse | undefined
}

/** The failure in words, as it came: the platform's message, else `HTTP <status>`. */
export function failureMessage(outcome: AttemptOutcome): string {
  const { classification, response } = outcome
  return (
    classification.message ?? (response === undefined ? 'no response' : `HTTP ${response.status}`)
  )
}

/** Whether the failure text is the transport's own (`HTTP 503`), which needs no redaction. */
export function isOwnText(outcome: AttemptOutcome): boolean {
  return outcome.classification.message === undefined && outcome.response !== undefined
}

/** Adds the attempt to the call's record, with the delay that follows it. */
export function recordOutcome(
  record: DeliveryRecord,
  outcome: AttemptOutcome,
  failure: string,
  delayMs: number,
): void {
  const code = outcome.classification.code
  record.add(
    {
      attempt: outcome.attempt,
      failure,
      delayMs,
      ...(outcome.response === undefined ? {} : { httpStatus: outcome.response.status }),
      ...(code === undefined ? {} : { platformCode: code }),
    },
    isOwnText(outcome),
  )
}

/**
 * The outcome of an attempt that got no answer, and whether the request may have reached the
 * platform: a refused connection or an unknown host never did; a timeout, a reset or a socket
 * closed mid-exchange may have come after the body was written.
 */
export function networkOutcome(
  attempt: number,
  error: unknown,
  timedOutAfterMs: number | undefined,
): { readonly outcome: AttemptOutcome; readonly mayHaveReached: boolean } {
  const message =
    timedOutAfterMs === undefined
      ? `network error: ${deepestMessage(error)}`
      : `timeout after ${timedOutAfterMs} ms`
  return {
    outcome: { attempt, classification: { outcome: 'retryable', message }, response: undefined },
    mayHaveReached: timedOutAfterMs !== undefined || !notReachedCodes.has(deepestCode(error) ?? ''),
  }
}

// Failures that happen before a connection exists: the request certainly did not reach the
// platform.
const notReachedCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ERR_INVALID_URL',
  'UND_ERR_CONNECT_TIMEOUT',
])

/** The message of the innermost cause: fetch's "fetch failed" wraps the socket's own reason. */
function deepestMessage(error: unknown): string {
  let current = error
  for (
    let depth = 0;
    depth < 5 && current instanceof Error && current.cause instanceof Error;
    depth += 1
  ) {
    current = current.cause
  }
  return current instanceof Error ? current.message : String(current)
}

/** The error code (`ECONNREFUSED`, `UND_ERR_SOCKET`, …) of the innermost cause that has one. */
function deepestCode(error: unknown): string | undefined {
  let current = error
  let code: string | undefined
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth += 1) {
    const own = (current as { code?: unknown }).code
    if (typeof own === 'string') code = own
    current = (current as { cause?: unknown }).cause
  }
  return code
}
