import { InvalidArgumentError } from '../errors/invalid-argument-error.ts'
import { createRedactor } from '../ground/redact.ts'
import type { KyModule, TransportSetup } from './call-run.ts'
import { checkBaseURL } from './check-base-url.ts'
import { resolveRetryPolicy } from './retry-policy.ts'
import { sendCall } from './send-call.ts'
import type { Transport, TransportCall, TransportOptions } from './transport-types.ts'

export type {
  Transport,
  TransportCall,
  TransportOptions,
  TransportResult,
  TransportTokenAuth,
} from './transport-types.ts'

/**
 * Creates the transport every platform client sends through. It sends with ky, which does what an
 * HTTP client does: the attempts and their limit, the wait between them (cut short by an abort),
 * the per-attempt timeout (headers and the whole body), retries of network errors and timeouts,
 * and retries an answer asks for. The transport adds only what ky cannot know:
 *
 * - **Classification**: the platform's classifier reads every answer (a status, or a code inside
 *   an HTTP 200); what it calls retryable is retried — with full-jitter exponential backoff,
 *   `Retry-After` honoured, a cap on attempts and on total time — and nothing else is.
 * - **Signs** every attempt afresh (`sign`), since signatures carry a time and a nonce.
 * - **Tokens**: on a `token_invalid` answer, expires exactly the token that was used, gets a new
 *   one and replays once; a second rejection is an {@link AuthenticationError}, never a loop.
 * - **Delivery**: whether the platform may hold the order (`not_sent`, `rejected`, `uncertain`).
 * - **Hooks** see every attempt, redacted; errors carry the attempts, the total delay, and a
 *   truncated, redacted body. Every request says `userAgent` when one is set.
 *
 * @param options - The platform, base URL, classifier, auth, retry settings and hooks.
 * @returns The transport.
 * @throws {@link InvalidArgumentError} for a malformed `baseURL`, retry setting or `userAgent`.
 * @example
 * ```ts
 * const transport = createTransport({
 *   platform: 'example',
 *   baseURL: 'https://api.example.com',
 *   classify: ({ status }) => (status < 300 ? { outcome: 'success' } : { outcome: 'failure' }),
 * })
 * const { data } = await transport.send({ endpoint: '/orders', body: '{}', decode: t.unknown })
 * ```
 */
export function createTransport(options: TransportOptions): Transport {
  const platform = options.platform
  const setup: TransportSetup = {
    platform,
    baseURL: checkBaseURL(options.baseURL, platform),
    policy: resolveRetryPolicy(options.retry, platform),
    redactor: createRedactor(
      options.secrets,
      [],
      options.redactPersonalData === false ? undefined : options.personalData,
    ),
    personalData: options.redactPersonalData === false ? undefined : options.personalData,
    userAgent: checkUserAgent(options.userAgent, platform),
    options,
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
    loadKy: loadKyOnce(),
  }
  return {
    platform,
    retry: setup.policy,
    redactor: setup.redactor,
    send: <T>(call: TransportCall<T>) => sendCall(setup, call),
  }
}

/**
 * ky, and the runtime's fetch, are loaded on the first request rather than at import or at client
 * creation: in Node, reading `globalThis.fetch` loads its HTTP stack (about 40 ms), and ky reads it
 * as it loads. A program that imports ordersync and exits early, or a serverless function's cold
 * start, does not pay for them; the first request does, once.
 */
function loadKyOnce(): () => Promise<KyModule> {
  let loading: Promise<KyModule> | undefined
  return () => {
    loading ??= import('ky')
    return loading
  }
}

function checkUserAgent(userAgent: unknown, platform: string): string | undefined {
  if (userAgent === undefined) return undefined
  if (typeof userAgent === 'string' && userAgent.trim() !== '' && !/[\r\n]/.test(userAgent)) {
    return userAgent
  }
  throw new InvalidArgumentError({
    platform,
    argument: 'userAgent',
    reason: `must be a one-line string such as "ordersync/youshu/0.3.0"; got ${typeof userAgent === 'string' ? JSON.stringify(userAgent) : typeof userAgent}`,
  })
}
