import { AsyncLocalStorage } from 'node:async_hooks'
import { ApiCallError, type TransportHooks } from '@ordersync/core'
import type { ExchangeEntry } from './demo-api-types.ts'

/**
 * What one failed call came to, from the error's own record: the endpoint, how many attempts
 * failed and the last one's failure. The SDK's message of a call also says what the failure means
 * for the order ("the platform may have stored the order"), which is true of a call that sends
 * the order but not of a read before it; what the sync means for the order is said once, by the
 * result (see `describeSyncResult`), so the log keeps to the call.
 */
function callFailure(error: Error): string {
  if (!ApiCallError.isInstance(error)) return error.message
  const last = error.attempts.at(-1)
  if (last === undefined) return `${error.endpoint}: the call failed`
  const attempts = error.attempts.length
  return `${error.endpoint}: ${attempts === 1 ? 'the attempt failed' : `all ${attempts} attempts failed`}, the last with ${last.failure}`
}

/** The SDK's hooks of the demo's clients and the exchange of the sync they run in. */
export interface ExchangeRecorder {
  readonly hooks: TransportHooks
  /** Runs `work` with `log` as the exchange its calls report to. */
  run<Result>(log: ExchangeEntry[], work: () => Promise<Result>): Promise<Result>
}

/**
 * Records each sync's HTTP exchange from the SDK's hooks (redacted as the SDK redacts them). The
 * clients are shared; each sync runs with its own list in async-local storage, and a call outside
 * any (a batch) records nothing.
 *
 * @returns The hooks to give the clients, and how to run a sync with its own log.
 */
export function createExchangeRecorder(): ExchangeRecorder {
  const exchange = new AsyncLocalStorage<ExchangeEntry[]>()
  const record = (entry: ExchangeEntry): void => {
    exchange.getStore()?.push(entry)
  }
  return {
    hooks: {
      onRequest: (event) =>
        record({
          kind: 'request',
          endpoint: event.endpoint,
          attempt: event.attempt,
          method: event.method,
          url: event.url,
          headers: event.headers,
          body: event.body,
        }),
      onResponse: (event) =>
        record({
          kind: 'response',
          endpoint: event.endpoint,
          attempt: event.attempt,
          status: event.status,
          outcome: event.outcome,
          durationMs: Math.round(event.durationMs),
          body: event.body,
        }),
      onRetry: (event) =>
        record({
          kind: 'retry',
          endpoint: event.endpoint,
          attempt: event.attempt,
          delayMs: Math.round(event.delayMs),
          reason: event.reason,
        }),
      onError: (event) =>
        record({ kind: 'error', endpoint: event.endpoint, message: callFailure(event.error) }),
    },
    run: (log, work) => exchange.run(log, work),
  }
}
