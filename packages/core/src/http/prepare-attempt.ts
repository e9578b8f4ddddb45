import type { TokenManager } from '../tokens/token-manager.ts'
import { type CallRun, emitHook } from './call-run.ts'
import { noTokenError } from './transport-errors.ts'
import type { IncomingResponse, OutgoingRequest } from './transport-types.ts'

/** One attempt of a call: the request as it goes out, the token it carries, and its answer. */
export interface Attempt {
  /** 1 for the first attempt. */
  readonly number: number
  readonly request: OutgoingRequest
  /** The request's full URL, query included. */
  readonly url: string
  /** The access token the request carries, to expire exactly that one if it is rejected. */
  readonly tokenUsed: string | undefined
  /** The whole answer, once ky's fetch has read it (see `readAnswer`). */
  answer?: ReadAnswer
}

/** An answer read in full, and when its request was handed to fetch. */
export interface ReadAnswer {
  readonly response: IncomingResponse
  readonly sentAt: number
}

/**
 * Builds attempt `number` of a call: the call's request with the client's user agent, a token
 * applied (fetched now, so a replay gets the new one) and a signature made now (a signature
 * carries a time and a nonce, so every attempt is signed afresh), and tells `onRequest`.
 *
 * @throws The abort's reason when the call is aborted first; the error of a token that could not
 *   be had.
 */
export async function prepareAttempt(run: CallRun, number: number): Promise<Attempt> {
  run.call.signal?.throwIfAborted()
  const { options } = run.setup
  let request = callRequest(run)
  let tokenUsed: string | undefined
  if (run.authenticate && options.tokens !== undefined) {
    tokenUsed = await fetchToken(run, options.tokens.manager)
    request = options.tokens.apply(request, tokenUsed)
  }
  if (run.authenticate && options.sign !== undefined) {
    const unsigned = request
    request = await options.sign(request)
    run.redaction.rememberSigning(unsigned, request)
  }
  const url = toUrl(run.setup.baseURL, request)
  if (options.hooks?.onRequest !== undefined) {
    const redactor = run.redaction.current()
    emitHook(run.setup, 'onRequest', {
      platform: run.setup.platform,
      endpoint: run.endpoint,
      attempt: number,
      method: request.method,
      url: redactor.url(url),
      headers: redactor.headers(request.headers),
      body: request.body === undefined ? undefined : redactor.body(request.body),
    })
  }
  run.record.noteSending()
  return { number, request, url, tokenUsed }
}

/** The request the call describes, with the client's user agent after the call's own. */
function callRequest(run: CallRun): OutgoingRequest {
  const { call } = run
  return {
    method: call.method ?? 'POST',
    path: run.endpoint,
    query: { ...call.query },
    headers: withUserAgent(call.headers, run.setup.userAgent),
    ...(call.body === undefined ? {} : { body: call.body }),
  }
}

/** `headers` with `userAgent` appended to their `User-Agent` (whatever its case), or added. */
function withUserAgent(
  headers: Readonly<Record<string, string>> | undefined,
  userAgent: string | undefined,
): Record<string, string> {
  if (userAgent === undefined) return { ...headers }
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'user-agent') return { ...headers, [name]: `${value} ${userAgent}` }
  }
  return { ...headers, 'user-agent': userAgent }
}

/** A token for this attempt, remembered as a secret; the call's error when none can be had. */
async function fetchToken(run: CallRun, manager: TokenManager): Promise<string> {
  try {
    const token = await manager.get(run.call.signal)
    run.redaction.rememberToken(token)
    return token
  } catch (error) {
    run.call.signal?.throwIfAborted()
    throw noTokenError(run, error)
  }
}

/**
 * The request's URL. Endpoint paths are plain, so it is a concatenation (a `URL` object would
 * cost more than the rest of the transport's own work on a call); a path that holds a query or a
 * fragment of its own goes through `URL`.
 */
function toUrl(baseURL: string, request: OutgoingRequest): string {
  const path = request.path.startsWith('/') ? request.path : `/${request.path}`
  if (/[?#]/.test(path)) {
    const url = new URL(baseURL + path)
    for (const [key, value] of Object.entries(request.query)) url.searchParams.append(key, value)
    return url.toString()
  }
  if (Object.keys(request.query).length === 0) return baseURL + path
  return `${baseURL}${path}?${new URLSearchParams(request.query).toString()}`
}
