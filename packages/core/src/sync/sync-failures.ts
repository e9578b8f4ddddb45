import { ApiCallError } from '../errors/api-call-error.ts'
import { AuthenticationError } from '../errors/authentication-error.ts'
import { InvalidArgumentError } from '../errors/invalid-argument-error.ts'
import { OrderSyncError } from '../errors/order-sync-error.ts'
import { UnsupportedMappingError } from '../errors/unsupported-mapping-error.ts'
import { ValidationError } from '../errors/validation-error.ts'
import { createRedactor } from '../ground/redact.ts'
import type { DoSyncOutcome } from './platform-contract.ts'
import type { SyncDelivery } from './sync-report.ts'

// What a failure means for a run of syncOrders: whether it stops the run, what it says of the
// platform's copy of the order, and how a failure from outside becomes an OrderSyncError.

/**
 * Whether an error stops the run's sends to the platform: nothing sent with these credentials or
 * settings can succeed, so the remaining orders fail with it instead of being sent.
 */
export function stopsTheRun(error: OrderSyncError): boolean {
  if (AuthenticationError.isInstance(error) || InvalidArgumentError.isInstance(error)) return true
  return (
    ApiCallError.isInstance(error) &&
    (error.concerns === 'credentials' || error.concerns === 'configuration')
  )
}

/** What a failure means for the platform's copy of the order. */
export function deliveryOf(error: OrderSyncError): SyncDelivery {
  if (ApiCallError.isInstance(error) || AuthenticationError.isInstance(error)) return error.delivery
  if (
    ValidationError.isInstance(error) ||
    InvalidArgumentError.isInstance(error) ||
    UnsupportedMappingError.isInstance(error)
  ) {
    return 'not_sent'
  }
  // Anything else came out of a send: the platform may have stored the order.
  return 'uncertain'
}

// Free text from outside (a thrown message) may hold phone numbers or digests: the default
// redactor's patterns take them out before the text reaches a result.
const messageRedactor = createRedactor()

/**
 * Any failure as an {@link OrderSyncError}; `sent` says the order may have reached the platform,
 * so the message says that re-syncing is safe.
 */
export function asOrderSyncError(error: unknown, platform: string, sent: boolean): OrderSyncError {
  if (OrderSyncError.isInstance(error)) return error
  let reason: string
  try {
    reason = error instanceof Error ? error.message : String(error)
  } catch {
    reason = 'an error that cannot be read'
  }
  reason = messageRedactor.text(reason.length > 200 ? `${reason.slice(0, 200)}…` : reason)
  return new OrderSyncError(
    `unexpected error while syncing: ${reason}${sent ? ' — the platform may have stored the order; re-syncing it is safe, because every sync endpoint is an upsert' : ''}`,
    { platform, cause: error },
  )
}

/**
 * The error the orders after a stop fail with: of the same kind as the one that stopped the run
 * (so a caller sees one typed error), saying that they were not sent.
 */
export function notSentAfter(error: OrderSyncError): OrderSyncError {
  const reason = `not sent: the run stopped sending to ${error.platform} after ${error.message.replace(/^\[ordersync\] \[[^\]]*\] /, '')}`
  if (AuthenticationError.isInstance(error)) {
    return new AuthenticationError({
      platform: error.platform,
      reason,
      delivery: 'not_sent',
      ...(error.platformCode === undefined ? {} : { platformCode: error.platformCode }),
      cause: error,
    })
  }
  if (ApiCallError.isInstance(error)) {
    return new ApiCallError({
      platform: error.platform,
      endpoint: error.endpoint,
      reason,
      retryable: error.retryable,
      concerns: error.concerns,
      delivery: 'not_sent',
      ...(error.platformCode === undefined ? {} : { platformCode: error.platformCode }),
      ...(error.httpStatus === undefined ? {} : { httpStatus: error.httpStatus }),
      cause: error,
    })
  }
  return error
}

/** Whether a platform's outcome is one the contract allows. */
export function isOutcome(value: unknown): value is DoSyncOutcome {
  if (typeof value !== 'object' || value === null) return false
  const { status, error } = value as { status?: unknown; error?: unknown }
  return status === 'succeeded' || (status === 'failed' && error !== undefined)
}
