import type { Attributes } from '@opentelemetry/api'
import { ApiCallError } from '../errors/api-call-error.ts'
import { AuthenticationError } from '../errors/authentication-error.ts'
import type { CallRun } from '../http/call-run.ts'
import { doubtListenerOf } from '../http/in-doubt-listener.ts'
import { inSpan, type Telemetry } from './telemetry.ts'

/**
 * Runs one platform call inside its span, `ordersync.call` (a child of the run's span; the fetch
 * under it keeps its own HTTP client span), and records its attempts, retries and duration: the
 * platform, the endpoint, the attempts, whether a rejected token was replayed, the outcome, and for
 * a failure its delivery, HTTP status and platform code; the ids of the orders it carries when the
 * run asked (`traceOrderIds`). Never a body, a header or a value.
 */
export function traceCall<T>(
  telemetry: Telemetry,
  run: CallRun,
  send: () => Promise<T>,
): Promise<T> {
  const base: Attributes = {
    'ordersync.platform': run.setup.platform,
    'ordersync.endpoint': run.endpoint,
  }
  const startedAt = performance.now()
  // On the span only, when the run asked: never on a metric (one series per order).
  const orderIds = doubtListenerOf(run.call.signal)?.orderIds
  const spanAttributes =
    orderIds === undefined ? base : { ...base, 'ordersync.order_ids': [...orderIds] }
  return inSpan(telemetry, 'ordersync.call', spanAttributes, async (span) => {
    let outcome: Attributes = { 'ordersync.outcome': 'succeeded' }
    try {
      return await send()
    } catch (error) {
      outcome = failureAttributes(error)
      span.setStatus({
        code: telemetry.api.SpanStatusCode.ERROR,
        message: error instanceof Error ? error.name : 'Error',
      })
      throw error
    } finally {
      const attempts = run.record.attemptCount
      span.setAttributes({
        ...outcome,
        'ordersync.attempts': attempts,
        'ordersync.token_replayed': run.record.tokenReplayed,
      })
      telemetry.requests.add(attempts, base)
      // A token replay is an attempt, not a retry: it repeats a request the platform refused for
      // its token only, and the retry plan does not count it either.
      const retries = attempts - 1 - (run.record.tokenReplayed ? 1 : 0)
      if (retries > 0) telemetry.retries.add(retries, base)
      telemetry.callDuration.record((performance.now() - startedAt) / 1000, {
        ...base,
        'ordersync.outcome': outcome['ordersync.outcome'] as string,
      })
    }
  })
}

function failureAttributes(error: unknown): Attributes {
  const attributes: Attributes = { 'ordersync.outcome': 'failed' }
  if (ApiCallError.isInstance(error)) {
    attributes['ordersync.delivery'] = error.delivery
    if (error.httpStatus !== undefined) attributes['http.response.status_code'] = error.httpStatus
    if (error.platformCode !== undefined) {
      attributes['ordersync.platform_code'] = String(error.platformCode)
    }
  } else if (AuthenticationError.isInstance(error)) {
    attributes['ordersync.delivery'] = error.delivery
    if (error.platformCode !== undefined) {
      attributes['ordersync.platform_code'] = String(error.platformCode)
    }
  }
  return attributes
}
