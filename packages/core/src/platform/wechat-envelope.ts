import type { FailureConcerns } from '../errors/api-call-error.ts'
import { isRetryableHttpStatus } from '../ground/is-retryable-http-status.ts'
import type {
  IncomingResponse,
  ResponseClassification,
  Transport,
} from '../http/transport-types.ts'

// Every WeChat server API answers in one envelope, `{ errcode, errmsg, … }`, errcode 0 for success
// (WeChat's "全局返回码" page). How an answer reads is the same for every WeChat package; each brings
// its own table of the codes its APIs answer.

/**
 * The `errcode` and `errmsg` of a WeChat answer, when it has them (every WeChat server API answers
 * in this envelope).
 *
 * @param response - The HTTP response.
 * @returns The code when it is a number, the message when it is a non-empty string.
 * @example
 * ```ts
 * readWechatEnvelope({ status: 200, headers: new Headers(), text: '{"errcode":-1,"errmsg":"system error"}', json: { errcode: -1, errmsg: 'system error' } })
 * // { errcode: -1, errmsg: 'system error' }
 * ```
 */
export function readWechatEnvelope(response: IncomingResponse): {
  readonly errcode: number | undefined
  readonly errmsg: string | undefined
} {
  const body = response.json as { errcode?: unknown; errmsg?: unknown } | undefined
  return {
    errcode: typeof body?.errcode === 'number' ? body.errcode : undefined,
    errmsg: typeof body?.errmsg === 'string' && body.errmsg !== '' ? body.errmsg : undefined,
  }
}

/**
 * What ordersync knows of one WeChat `errcode`: a row of a WeChat package's table.
 *
 * @example
 * ```ts
 * const entry: WechatErrcode = { meaning: 'system busy', outcome: 'retryable', whatToDo: 'nothing: retried with backoff' }
 * ```
 */
export interface WechatErrcode {
  /** What WeChat means by it. */
  readonly meaning: string
  /** How the transport treats it. */
  readonly outcome: 'retryable' | 'token_invalid' | 'failure'
  /** For a failure: whether it is about the order or the credentials or configuration. */
  readonly concerns?: FailureConcerns
  /** What to do about it. */
  readonly whatToDo: string
}

/**
 * Reads a WeChat API answer by a package's table of codes: `errcode` 0 with HTTP 2xx is success;
 * HTTP 408, 429 and 5xx, and the table's retryable codes, are temporary; its `token_invalid` codes
 * reject the token; any other code of the table is a definite failure carrying WeChat's code and
 * message and what to do, and a code the table does not list one ordersync cannot place
 * (`concerns: 'unknown'`). The trace id at the end of WeChat's errmsg (`rid: …`) becomes the
 * error's `requestId`. A 2xx answer without a numeric errcode (cut short, not JSON, another shape)
 * could not be read (`unreadable`): WeChat may have processed the request.
 *
 * @param response - The HTTP response.
 * @param errcodes - The package's table.
 * @returns The classification.
 * @example
 * ```ts
 * const busy = { [-1]: { meaning: 'system busy', outcome: 'retryable', whatToDo: 'retried' } } as const
 * classifyWechatEnvelope({ status: 200, headers: new Headers(), text: '{"errcode":-1}', json: { errcode: -1 } }, busy).outcome // 'retryable'
 * ```
 */
export function classifyWechatEnvelope(
  response: IncomingResponse,
  errcodes: Readonly<Record<number, WechatErrcode>>,
): ResponseClassification {
  if (isRetryableHttpStatus(response.status)) {
    return { outcome: 'retryable', message: `HTTP ${response.status}` }
  }
  const { errcode, errmsg } = readWechatEnvelope(response)
  const ok = response.status >= 200 && response.status < 300
  if (ok && errcode === 0) return { outcome: 'success' }
  if (errcode === undefined) {
    const message = `HTTP ${response.status} without a WeChat envelope ({errcode, errmsg})`
    return ok ? { outcome: 'failure', message, unreadable: true } : { outcome: 'failure', message }
  }
  const known = Object.hasOwn(errcodes, errcode) ? errcodes[errcode] : undefined
  // The live errmsg ends with WeChat's trace id ("… rid: 6639eae2-2d7c4699-190e24dd").
  const requestId = /\brid:\s*([\w-]+)/.exec(errmsg ?? '')?.[1]
  const traced = requestId === undefined ? {} : { requestId }
  if (known === undefined) {
    return {
      outcome: 'failure',
      code: errcode,
      message: errmsg ?? 'no errmsg',
      concerns: 'unknown',
      ...traced,
    }
  }
  return {
    outcome: known.outcome,
    code: errcode,
    message: `${errmsg ?? known.meaning} — ${known.whatToDo}`,
    ...traced,
    ...(known.concerns === undefined ? {} : { concerns: known.concerns }),
  }
}

/**
 * A WeChat classifier with the wait after a 45011 (the API's minute quota): it comes inside an
 * HTTP 200 without a `Retry-After`, so the classification carries the wait to the next minute and
 * the transport waits that long (within `retry.maxRetryAfterMs`) instead of retrying within the
 * same minute. Every WeChat API counts against the same quota, so every WeChat package wraps its
 * classifier with it; no answer is copied to look for the code.
 *
 * @param classify - The package's classifier (45011 must classify as retryable).
 * @param clock - Epoch milliseconds.
 * @returns The classifier with the wait.
 * @example
 * ```ts
 * const quota = { 45011: { meaning: 'API minute quota reached', outcome: 'retryable', whatToDo: 'retried after the minute' } } as const
 * const classify = withWechatMinuteQuotaWait((response) => classifyWechatEnvelope(response, quota), () => Date.UTC(2024, 4, 20, 10, 0, 59))
 * const answer = classify({ status: 200, headers: new Headers(), text: '{"errcode":45011}', json: { errcode: 45011 } })
 * answer.outcome === 'retryable' ? answer.retryAfterMs : undefined // 1000
 * ```
 */
export function withWechatMinuteQuotaWait(
  classify: (response: IncomingResponse) => ResponseClassification,
  clock: () => number,
): (response: IncomingResponse) => ResponseClassification {
  return (response) => {
    const classification = classify(response)
    if (classification.outcome !== 'retryable' || classification.code !== 45011) {
      return classification
    }
    const untilNextMinuteMs = 60_000 - (clock() % 60_000)
    return {
      ...classification,
      retryAfterMs: Math.max(1, Math.ceil(untilNextMinuteMs / 1000)) * 1000,
    }
  }
}

/**
 * A WeChat transport whose every call waits for the next minute after a 45011, whichever
 * classifier it brings (`call.classify`, or `classify` for a call that brings none): the quota is
 * the app's, shared by every WeChat API, so no call may retry within the minute. The one place
 * each WeChat package applies {@link withWechatMinuteQuotaWait} to its calls.
 *
 * @param transport - The package's transport (its own default classifier wrapped already, for
 *   the calls it makes itself, such as token fetches).
 * @param classify - The package's classifier, for a call that brings none.
 * @param clock - Epoch milliseconds.
 * @returns The transport, its `send` wrapped.
 * @example
 * ```ts
 * const classify = (response: IncomingResponse) => classifyWechatEnvelope(response, {})
 * const made = createTransport({ platform: 'wechat', baseURL: 'https://api.weixin.qq.com', classify })
 * const transport = waitingOutWechatMinuteQuota(made, classify, Date.now)
 * typeof transport.send // 'function'
 * ```
 */
export function waitingOutWechatMinuteQuota(
  transport: Transport,
  classify: (response: IncomingResponse) => ResponseClassification,
  clock: () => number,
): Transport {
  return {
    ...transport,
    send: (call) =>
      transport.send({
        ...call,
        classify: withWechatMinuteQuotaWait(call.classify ?? classify, clock),
      }),
  }
}
