import type { IncomingResponse } from '@ordersync/core'
import { describe, expect, it } from 'vitest'
import {
  classifyWixtarResponse,
  classifyWixtarTokenResponse,
  wixtarHttpStatuses,
} from './wixtar-errors.ts'

// The expected values are the table of docs/platforms/wixtar.md ("Results and errors"). Wixtar
// publishes no answer envelope, error codes or rate limits for "Upload Order Details": the HTTP
// status is all there is to go on, and an error keeps the beginning of the body.

function answer(status: number, text = ''): IncomingResponse {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status, headers: new Headers(), text, json }
}

describe('classifyWixtarResponse: the upload', () => {
  it.each([200, 201, 204, 299])(
    'HTTP %i is a success with any JSON, plain text or nothing in the body',
    (status) => {
      for (const body of ['{"status":"ok"}', '[]', '"ok"', 'OK', '']) {
        expect(classifyWixtarResponse(answer(status, body))).toEqual({ outcome: 'success' })
      }
    },
  )

  it.each([
    ['JSON cut short', '{"success":true,"cou'],
    ['malformed JSON', '[{"order_id":"A1"},]'],
    ['a page, not an answer of the API', '<html><body>Gateway</body></html>'],
  ])('HTTP 200 with %s cannot be read: Wixtar may have stored the orders', (_, body) => {
    expect(classifyWixtarResponse(answer(200, body))).toEqual({
      outcome: 'failure',
      message: `HTTP 200 with a body beginning ${JSON.stringify(body)} — the answer cannot be read (JSON cut short or malformed, or a page that is not the API's), so Wixtar may have stored the orders: uploading them again is safe (an upsert by order_id)`,
      unreadable: true,
    })
  })

  it.each([
    [
      400,
      'failure',
      'order',
      "HTTP 400 (the upload was refused as malformed) with an empty body — read the excerpt of Wixtar's answer and fix the order it names",
    ],
    [
      403,
      'failure',
      'configuration',
      'HTTP 403 (the client may not upload orders) with an empty body — ask Wixtar to grant the client the Data Center scope for this tenant',
    ],
    [
      404,
      'failure',
      'configuration',
      "HTTP 404 (no such endpoint) with an empty body — check baseURL: it is the tenant's API host, without /v1/data_center/order/upload",
    ],
    [
      422,
      'failure',
      'unknown',
      "HTTP 422 with an empty body — Wixtar's error format is not published: read the excerpt, and fix the order or the settings it names",
    ],
    [
      409,
      'failure',
      'unknown',
      "HTTP 409 with an empty body — Wixtar's error format is not published: read the excerpt, and fix the order or the settings it names",
    ],
  ])(
    'HTTP %i is a definite %s, concerning %s, not retried',
    (status, outcome, concerns, message) => {
      expect(classifyWixtarResponse(answer(status))).toEqual({ outcome, concerns, message })
    },
  )

  it('HTTP 401 is a refused token: expired, fetched anew and replayed once', () => {
    expect(classifyWixtarResponse(answer(401, '{"message":"Unauthenticated."}'))).toEqual({
      outcome: 'token_invalid',
      message:
        'HTTP 401 (the Bearer token was refused) with a body beginning "{\\"message\\":\\"Unauthenticated.\\"}" — nothing the first time (a new token is fetched and the call replayed); if it is refused again, check that clientId and clientSecret belong to the tenant of baseURL and tokenURL',
    })
  })

  it.each([
    [408, 'HTTP 408 (request timeout) with an empty body — nothing: retried'],
    [
      429,
      'HTTP 429 (too many requests) with an empty body — nothing: retried, honouring Retry-After; lower the concurrency if it persists',
    ],
    [500, 'HTTP 500 with an empty body — retried; if it persists, Wixtar is down'],
    [502, 'HTTP 502 with an empty body — retried; if it persists, Wixtar is down'],
    [503, 'HTTP 503 with an empty body — retried; if it persists, Wixtar is down'],
    [599, 'HTTP 599 with an empty body — retried; if it persists, Wixtar is down'],
  ])('HTTP %i is temporary: retried with backoff', (status, message) => {
    expect(classifyWixtarResponse(answer(status))).toEqual({ outcome: 'retryable', message })
  })

  it('keeps the first 300 characters of the body, trimmed, and says when there is more', () => {
    const short = classifyWixtarResponse(answer(422, '  {"error":"invalid customer"}\n'))
    expect(short).toMatchObject({
      message: expect.stringMatching(
        /^HTTP 422 with a body beginning "\{\\"error\\":\\"invalid customer\\"\}" — /,
      ),
    })
    const body = `${'a'.repeat(300)}b`
    const long = classifyWixtarResponse(answer(503, body))
    expect(long).toEqual({
      outcome: 'retryable',
      message: `HTTP 503 with a body beginning "${'a'.repeat(300)}"… — retried; if it persists, Wixtar is down`,
    })
    expect(classifyWixtarResponse(answer(503, 'a'.repeat(300)))).toEqual({
      outcome: 'retryable',
      message: `HTTP 503 with a body beginning "${'a'.repeat(300)}" — retried; if it persists, Wixtar is down`,
    })
    expect(classifyWixtarResponse(answer(400, ' \n '))).toMatchObject({
      message: expect.stringContaining('with an empty body'),
    })
  })

  it('classifies every status of the table as the table says it is: retried, a refused token, or a failure about what it concerns', () => {
    for (const [code, entry] of Object.entries(wixtarHttpStatuses)) {
      const classification = classifyWixtarResponse(answer(Number(code)))
      const outcome = entry.tokenInvalid
        ? 'token_invalid'
        : entry.retryable
          ? 'retryable'
          : 'failure'
      expect(classification.outcome, code).toBe(outcome)
      if (outcome === 'failure')
        expect(classification, code).toMatchObject({ concerns: entry.concerns })
      expect(classification, code).toMatchObject({
        message: expect.stringContaining(`(${entry.meaning})`),
      })
      expect(classification, code).toMatchObject({
        message: expect.stringContaining(entry.whatToDo),
      })
    }
  })

  it('holds the statuses of the guide, each retried or not, and about the order, the credentials or the configuration', () => {
    expect(
      Object.fromEntries(
        Object.entries(wixtarHttpStatuses).map(([code, entry]) => [
          code,
          [entry.retryable, entry.tokenInvalid, entry.concerns],
        ]),
      ),
    ).toEqual({
      400: [false, false, 'order'],
      401: [false, true, 'credentials'],
      403: [false, false, 'configuration'],
      404: [false, false, 'configuration'],
      408: [true, false, 'order'],
      429: [true, false, 'order'],
    })
  })
})

describe('classifyWixtarTokenResponse: "Auth Login"', () => {
  it('HTTP 200 is a token', () => {
    expect(
      classifyWixtarTokenResponse(answer(200, '{"access_token":"t","expires_in":2592000}')),
    ).toEqual({ outcome: 'success' })
  })

  it.each([408, 429, 500, 503])('HTTP %i is temporary: retried', (status) => {
    expect(classifyWixtarTokenResponse(answer(status))).toEqual({
      outcome: 'retryable',
      message: `token endpoint: HTTP ${status}`,
    })
  })

  it('HTTP 404 means tokenURL is wrong: a failure about the configuration', () => {
    expect(classifyWixtarTokenResponse(answer(404, 'Not Found'))).toEqual({
      outcome: 'failure',
      concerns: 'configuration',
      message:
        'token endpoint: HTTP 404 — check tokenURL: the full URL of the token endpoint of your tenant, such as https://login.example.com.tw/oauth/v1/token',
    })
  })

  it.each([400, 401, 403, 201])(
    'HTTP %i means the client credentials were refused: a failure about the credentials',
    (status) => {
      expect(classifyWixtarTokenResponse(answer(status, '{"error":"invalid_client"}'))).toEqual({
        outcome: 'failure',
        concerns: 'credentials',
        message: `token endpoint: HTTP ${status} — the client credentials were refused: check clientId and clientSecret, and that tokenURL is your tenant's`,
      })
    },
  )
})
