import {
  AuthenticationError,
  type IncomingResponse,
  InvalidArgumentError,
  type OutgoingRequest,
} from '@ordersync/core'
import { encodeBase64 } from './rsa-keys.ts'
import { readResponseSignature, verifyAlipayPlusResponse } from './sign-alipayplus-request.ts'

// What an Alipay+ response signature proves, and what the client adds to it. The platform signs
// `POST <path>\n<client-id>.<response-time>.<body>` (Alipay's global SDK, `default_alipay_client.py`):
// the body and its time, nothing of the request. An answer of order/sync carries only `result`, so
// a signed success is the same bytes for every order, and a recorded one verifies for any request.
// The client binds it in time instead: its response-time may not precede the request's own
// Request-Time (beyond the clocks' difference), and an answer already accepted is not taken again
// for a request sent after it was made. Two genuine answers made in the same millisecond are the
// same bytes too; such a repeat, made after the request was sent, may be this request's own.

// The most response signatures remembered at once. At the defaults a signature is remembered for
// about 5.5 minutes: this holds every answer of a client that takes 150 answers a second; past it
// the oldest is forgotten first. 32 bytes of each are kept, about 150 bytes an entry: 8 MB at most.
const maxRememberedSignatures = 50_000

/**
 * The response signatures a client has accepted, remembered while a replay of one could still pass
 * the time check, so that each is accepted once.
 *
 * @internal
 */
export interface AcceptedSignatures {
  /**
   * Remembers a verified signature whose response-time is `responseTime` (milliseconds): `false`
   * when it was remembered already.
   */
  remember(signature: Uint8Array, responseTime: number): boolean
  /** How many are remembered. */
  readonly size: number
}

/**
 * Remembers accepted signatures for `clockSkewMs + responseTimeWindowMs` after their response-time
 * (longer than any request can wait for its answer: the transport's `timeoutMs` is 10 s by default),
 * at most `limit` of them.
 *
 * @internal
 */
export function createAcceptedSignatures(options: {
  readonly clockSkewMs: number
  readonly responseTimeWindowMs: number
  readonly clock: () => number
  readonly limit?: number
}): AcceptedSignatures {
  const limit = options.limit ?? maxRememberedSignatures
  const keptMs = options.clockSkewMs + options.responseTimeWindowMs
  // By key, the response-time; in the order accepted, which is nearly the order of the times.
  const accepted = new Map<string, number>()
  const forgetExpired = (): void => {
    const horizon = options.clock() - keptMs
    for (const [key, time] of accepted) {
      if (time >= horizon) return
      accepted.delete(key)
    }
  }
  return {
    remember(signature, responseTime) {
      forgetExpired()
      // 256 bits of the signature identify it: a replay repeats it whole.
      const key = encodeBase64(signature.subarray(0, 32))
      if (accepted.has(key)) return false
      accepted.set(key, responseTime)
      if (accepted.size > limit) {
        const oldest = accepted.keys().next()
        if (oldest.done !== true) accepted.delete(oldest.value)
      }
      return true
    },
    get size() {
      return accepted.size
    },
  }
}

// A header the client puts on its own call for its signer, which takes it off: it ties each
// attempt's Request-Time to the call, so that the answer is checked against the request it
// answers. It never goes on the wire.
const callHeader = 'x-ordersync-alipayplus-call'

/**
 * The Request-Time of each call's latest attempt, in milliseconds: the client's calls open a slot,
 * its signer fills it, the answer's check reads it.
 *
 * @internal
 */
export interface RequestTimes {
  /** Opens a slot for a call: the header to send the call with, and the slot. */
  open(): {
    readonly headers: Readonly<Record<string, string>>
    /** The Request-Time of the latest attempt signed, once one was. */
    readonly latest: () => number | undefined
    readonly close: () => void
  }
  /** Takes the call's header off an attempt and records its Request-Time. */
  stamp(request: OutgoingRequest, requestTime: number): OutgoingRequest
}

/** @internal */
export function createRequestTimes(): RequestTimes {
  const slots = new Map<string, number | undefined>()
  let next = 0
  return {
    open() {
      next += 1
      const id = String(next)
      slots.set(id, undefined)
      return {
        headers: { [callHeader]: id },
        latest: () => slots.get(id),
        close: () => {
          slots.delete(id)
        },
      }
    },
    stamp(request, requestTime) {
      const { [callHeader]: id, ...headers } = request.headers
      if (id !== undefined && slots.has(id)) slots.set(id, requestTime)
      return { ...request, headers }
    },
  }
}

/**
 * What checking an answer needs: the path and client id signed, the platform public key, the time
 * settings, the clock, and the signatures accepted so far.
 *
 * @internal
 */
export interface AnswerVerification {
  readonly endpoint: string
  readonly signedPath: string
  readonly clientId: string
  readonly platformPublicKey: () => Promise<CryptoKey>
  readonly clockSkewMs: number
  readonly responseTimeWindowMs: number
  readonly clock: () => number
  readonly accepted: AcceptedSignatures
}

/**
 * Trusts an answer only when its signature verifies with the platform public key, its signed
 * `response-time` is no earlier than `clockSkewMs` before the request's Request-Time and no later
 * than `responseTimeWindowMs` after the answer came, and it is not an answer accepted before and
 * made before this request was sent. Each refusal leaves the order `uncertain`: the wallet
 * processed the request, and its real answer was never read.
 *
 * @param response - The 2xx answer, as received.
 * @param requestTime - The Request-Time of the attempt it answers, in milliseconds.
 * @param verification - The settings, the key and the signatures accepted so far.
 * @param lastSend - Whether the order will not be sent again: a repeated answer is then refused.
 * @returns `trusted`, or `repeated` for an answer accepted before, made before this request (sent
 *   again, the order gets an answer of its own).
 * @throws `AuthenticationError` (delivery `uncertain`) for an answer not trusted.
 * @internal
 */
export async function verifyAlipayPlusAnswer(
  response: IncomingResponse,
  requestTime: number,
  verification: AnswerVerification,
  lastSend: boolean,
): Promise<'trusted' | 'repeated'> {
  const { headers } = response
  const { endpoint } = verification
  const responseTime = headers.get('response-time') ?? ''
  const signatureHeader = headers.get('signature') ?? ''
  const valid = await verifyAlipayPlusResponse({
    path: verification.signedPath,
    clientId: headers.get('client-id') ?? verification.clientId,
    responseTime,
    body: response.text,
    signatureHeader,
    platformPublicKey: await verification.platformPublicKey(),
  })
  const signature = readResponseSignature(signatureHeader)
  if (!valid || signature === undefined) throw untrusted(endpoint, signatureReason)
  const answeredAt = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(responseTime)
    ? Date.parse(responseTime)
    : Number.NaN
  const shown = `response-time ${JSON.stringify(responseTime.slice(0, 40))}`
  const { clockSkewMs, responseTimeWindowMs } = verification
  if (!(answeredAt >= requestTime - clockSkewMs)) {
    throw untrusted(
      endpoint,
      `the signed response has ${shown}, more than ${clockSkewMs} ms before the request's Request-Time (clockSkewMs): an answer made before its request is a replay, or the clocks differ — correct this host's clock, or raise clockSkewMs if the wallet's runs behind`,
    )
  }
  if (!(answeredAt <= verification.clock() + responseTimeWindowMs)) {
    throw untrusted(
      endpoint,
      `the signed response has ${shown}, more than ${responseTimeWindowMs} ms after its answer came (responseTimeWindowMs) — correct this host's clock, or widen responseTimeWindowMs if the wallet's runs ahead`,
    )
  }
  // A repeat made after this request was sent may be its own answer (the same bytes as another's).
  if (verification.accepted.remember(signature, answeredAt) || answeredAt >= requestTime)
    return 'trusted'
  if (!lastSend) return 'repeated'
  throw untrusted(
    endpoint,
    `the signed response was already accepted for an earlier request, and was made before this one (${shown}): a replayed answer — the order was sent again and got it again`,
  )
}

const signatureReason =
  "the response signature does not verify with platformPublicKey — check that the key is the platform public key shown in the mini program's Development Configuration"

/** An answer not trusted: the wallet processed the request, and what it said was never read. */
function untrusted(endpoint: string, reason: string): AuthenticationError {
  return new AuthenticationError({
    platform: 'alipayplus',
    delivery: 'uncertain',
    reason: `${endpoint}: ${reason}. The answer was not trusted, so the order is not counted as stored; the wallet may hold it, and re-syncing it is safe (order/sync is an upsert)`,
  })
}

/**
 * Checks `clockSkewMs` and `responseTimeWindowMs`: finite milliseconds, 0 or more.
 *
 * @internal
 */
export function checkMilliseconds(
  argument: 'clockSkewMs' | 'responseTimeWindowMs',
  value: unknown,
): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value
  throw new InvalidArgumentError({
    platform: 'alipayplus',
    argument,
    reason: 'must be a finite number of milliseconds, 0 or more',
  })
}
