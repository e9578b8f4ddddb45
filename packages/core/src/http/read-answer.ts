import type { CallRun } from './call-run.ts'
import type { Attempt } from './prepare-attempt.ts'

/**
 * ky's `fetch` for one attempt: sends the attempt's request with the client's `fetch`, as
 * `fetch(url, { method, headers, body, signal })` with the body a string (so the runtime writes it
 * at once, with its length) and ky's signal (the caller's abort and ky's per-attempt timeout), and
 * reads the whole answer before it resolves, so that ky's `timeout`, which races this promise,
 * covers the body as well as the headers. ky's own request carries no body: nothing reads it. The
 * answer is kept on the attempt for the classifier; ky gets an empty stand-in
 * ({@link emptyAnswer}), from which it reads nothing (it is told not to throw on a status).
 *
 * @throws What fetch or the body read threw; an abort while the request was out is recorded as an
 *   attempt (`aborted in flight`) and marks the call as possibly stored, since the request may have
 *   reached the platform.
 */
export async function readAnswer(
  run: CallRun,
  attempt: Attempt,
  request: RequestInfo | URL,
  init?: RequestInit,
): Promise<Response> {
  const sentAt = run.setup.now()
  const fetch = run.setup.options.fetch ?? globalThis.fetch
  const { method, headers, body } = attempt.request
  const signal = request instanceof Request ? request.signal : init?.signal
  let raw: Response
  let text: string
  try {
    raw = await fetch(attempt.url, {
      ...init,
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      ...(signal == null ? {} : { signal }),
    })
    text = await raw.text()
  } catch (error) {
    if (run.call.signal?.aborted) {
      // The attempt was out: it counts among the call's attempts (its error lists it, telemetry
      // counts it as a request sent), and it may have been stored.
      run.record.add({ attempt: attempt.number, failure: 'aborted in flight', delayMs: 0 }, true)
      run.record.noteMayBeStored()
    }
    throw error
  }
  attempt.answer = {
    response: { status: raw.status, headers: raw.headers, text, json: parseJson(text) },
    sentAt,
  }
  return emptyAnswer()
}

let standIn: Response | undefined

/**
 * The stand-in ky gets for every answer: one empty response, made on the first request (making it
 * at import would load the runtime's fetch stack). ky clones it for its `afterResponse` hook — with
 * no body there is nothing to copy — and hands it back when the call succeeds; nothing reads it.
 */
function emptyAnswer(): Response {
  standIn ??= new Response(null)
  return standIn
}

function parseJson(text: string): unknown {
  if (text === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
