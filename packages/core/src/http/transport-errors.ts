import type * as t from 'io-ts'
import { ApiCallError, type ApiCallErrorOptions } from '../errors/api-call-error.ts'
import { AuthenticationError } from '../errors/authentication-error.ts'
import { OrderSyncError } from '../errors/order-sync-error.ts'
import { createRedactor } from '../ground/redact.ts'
import { type AttemptOutcome, failureMessage } from './attempt-outcome.ts'
import { type CallRun, failCall } from './call-run.ts'
import type { IncomingResponse } from './transport-types.ts'

// The error building of the transport: each function makes the error one way a call can end, from
// what the call's record and redaction hold. The errors are reported to `onError` by whoever
// throws them (`failCall`).

/** How much of an answer's body hooks and errors show. */
export const maxBodyInErrors = 2048

/** What every error about an answer (or its absence) carries: the reason, codes and body, redacted. */
export type FailureDetails = Pick<
  ApiCallErrorOptions,
  | 'platform'
  | 'endpoint'
  | 'reason'
  | 'httpStatus'
  | 'platformCode'
  | 'platformMessage'
  | 'requestId'
  | 'responseBody'
>

/** The {@link FailureDetails} of an attempt's outcome. */
export function failureDetails(run: CallRun, outcome: AttemptOutcome): FailureDetails {
  const { classification, response } = outcome
  const redactor = run.redaction.current()
  const message = redactor.text(failureMessage(outcome))
  return {
    platform: run.setup.platform,
    endpoint: run.endpoint,
    reason: message,
    ...(response === undefined ? {} : { httpStatus: response.status }),
    ...(classification.code === undefined ? {} : { platformCode: classification.code }),
    ...(classification.message === undefined ? {} : { platformMessage: message }),
    ...(classification.requestId === undefined ? {} : { requestId: classification.requestId }),
    ...(response === undefined
      ? {}
      : { responseBody: redactor.body(response.text).slice(0, maxBodyInErrors) }),
  }
}

/** The call was aborted: by the caller's signal, at any point. */
export function abortedError(run: CallRun, reason: unknown): ApiCallError {
  return new ApiCallError({
    platform: run.setup.platform,
    endpoint: run.endpoint,
    reason: 'the call was aborted',
    retryable: true,
    attempts: run.record.attempts(run.redaction.current),
    delivery: run.record.delivery,
    cause: reason,
  })
}

/** The platform's answer had a shape the decoder does not know: it may well have stored the order. */
export function undecodableAnswerError(
  run: CallRun,
  response: IncomingResponse,
  errors: t.Errors,
): ApiCallError {
  return new ApiCallError({
    platform: run.setup.platform,
    endpoint: run.endpoint,
    reason: `${describeDecodeErrors(errors)} (HTTP ${response.status})`,
    httpStatus: response.status,
    retryable: false,
    attempts: run.record.attempts(run.redaction.current),
    delivery: run.record.delivery,
    responseBody: run.redaction.current().body(response.text).slice(0, maxBodyInErrors),
  })
}

/** The paths at which an answer did not decode, in words. */
export function describeDecodeErrors(errors: t.Errors): string {
  const paths = errors.slice(0, 5).map((error) =>
    error.context
      .map((entry) => entry.key)
      .filter((key) => key !== '')
      .join('.'),
  )
  return `unexpected response shape at ${paths.map((path) => path || '(root)').join(', ')}`
}

/** A token was rejected again after its one replay: the credentials, never a loop. */
export function tokenRejectedAgainError(
  run: CallRun,
  code: string | number | undefined,
): AuthenticationError {
  return new AuthenticationError({
    platform: run.setup.platform,
    delivery: run.record.delivery,
    ...(code === undefined ? {} : { platformCode: code }),
    reason: `${run.endpoint}: access token rejected${code === undefined ? '' : ` (${String(code)})`}; refreshed once and still rejected — check that the credentials belong to this app and that no other system refreshes the same token`,
  })
}

/**
 * What to throw when no token could be had for an attempt, reported to `onError` — except an
 * error of ordersync's that is not an answer of the token endpoint, which goes on unchanged.
 */
export function noTokenError(run: CallRun, error: unknown): unknown {
  // A token endpoint that refuses for good refuses the credentials, never this order: an
  // AuthenticationError, as for a token rejected after its one replay. Only an answer the
  // platform's classifier put down to the configuration (a wrong token URL, a missing app id)
  // stays an ApiCallError that says so.
  if (isCredentialsRefusal(error)) return failCall(run, credentialsRefusedError(run, error))
  // Any other failure to get a token (its endpoint down, retries exhausted): this call's order
  // went nowhere on this attempt, whatever the token request itself came to.
  if (ApiCallError.isInstance(error)) return failCall(run, tokenRequestFailedError(run, error))
  if (OrderSyncError.isInstance(error)) return error
  // Not a platform's answer at all: the token store failed (its Redis unreachable). The order was
  // not sent on this attempt; calling again later may work.
  return failCall(
    run,
    new ApiCallError({
      platform: run.setup.platform,
      endpoint: run.endpoint,
      reason: `no access token: the token store failed (${messageOf(error)})`,
      retryable: true,
      attempts: run.record.attempts(run.redaction.current),
      delivery: run.record.delivery,
      cause: error,
    }),
  )
}

function credentialsRefusedError(run: CallRun, error: ApiCallError): AuthenticationError {
  return new AuthenticationError({
    platform: run.setup.platform,
    ...(error.platformCode === undefined ? {} : { platformCode: error.platformCode }),
    reason:
      error.platformMessage === undefined
        ? `no access token for ${run.endpoint}: the token endpoint refused the credentials (${error.httpStatus === undefined ? 'no answer' : `HTTP ${error.httpStatus}`}) — check the app id and secret for this environment`
        : `no access token for ${run.endpoint}: ${error.platformMessage}`,
    delivery: run.record.delivery,
    cause: error,
  })
}

function tokenRequestFailedError(run: CallRun, error: ApiCallError): ApiCallError {
  return new ApiCallError({
    platform: run.setup.platform,
    endpoint: error.endpoint,
    reason: `no access token for ${run.endpoint}: ${error.platformMessage ?? (error.httpStatus === undefined ? 'no answer' : `HTTP ${error.httpStatus}`)}`,
    retryable: error.retryable,
    attempts: error.attempts,
    delivery: run.record.delivery,
    // A token request carries no order: a definite failure of it that is not a refusal of the
    // credentials is about the configuration.
    concerns: !error.retryable && error.concerns === 'order' ? 'configuration' : error.concerns,
    ...(error.httpStatus === undefined ? {} : { httpStatus: error.httpStatus }),
    ...(error.platformCode === undefined ? {} : { platformCode: error.platformCode }),
    cause: error,
  })
}

/**
 * Whether a failure of the token endpoint is a refusal of the credentials: definite, and put down
 * to the credentials by the platform's classifier, or a refusal the classifier did not place (a
 * token request has no order for it to be about). Not a refusal: a configuration failure (a wrong
 * token URL), a temporary one, and a 2xx answer without a platform code that could not be read —
 * an endpoint that answers that way is not the token endpoint (an HTML page at a wrong URL).
 */
function isCredentialsRefusal(error: unknown): error is ApiCallError {
  if (!ApiCallError.isInstance(error) || error.retryable) return false
  if (error.concerns === 'credentials') return true
  return error.concerns === 'order' && !isUnreadableSuccess(error)
}

function isUnreadableSuccess(error: ApiCallError): boolean {
  const status = error.httpStatus
  return status !== undefined && status >= 200 && status < 300 && error.platformCode === undefined
}

const genericRedactor = createRedactor()

/** A thrown value's message, cut to a readable length and free of phone numbers and digests. */
function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return genericRedactor.text(text.length > 200 ? `${text.slice(0, 200)}…` : text)
}
