import {
  checkBaseURL,
  checkCallOptions,
  createTransport,
  formatIsoInstant,
  type Instant,
  InvalidArgumentError,
  type OrderSyncPlatformV1,
  type OutgoingRequest,
  omitUndefined,
  type PlatformClientSettings,
  type PreparedOrder,
  parsePlatformRequest,
  postJson,
  quoteValue,
  requireSetting,
  type SyncWarning,
  syncOneByOne,
  type TimeZone,
  type Transport,
} from '@ordersync/core'
import * as t from 'io-ts'
import { classifyAlipayPlusResponse } from './alipayplus-errors.ts'
import {
  type AlipayPlusSyncOrderRequest,
  alipayPlusSyncOrderRequestSchema,
  type alipayPlusWallets,
} from './alipayplus-order-schema.ts'
import { alipayPlusVersion } from './alipayplus-version.ts'
import { checkAlipayPlusOrderConsistency } from './check-alipayplus-order-consistency.ts'
import {
  type AlipayPlusConversionOptions,
  toAlipayPlusOrder,
} from './convert-to-alipayplus-order.ts'
import { toPkcs8PrivateKey, toSpkiPublicKey } from './rsa-keys.ts'
import {
  importAlipayPlusPrivateKey,
  importAlipayPlusPublicKey,
  signAlipayPlusRequest,
} from './sign-alipayplus-request.ts'
import {
  type AnswerVerification,
  checkMilliseconds,
  createAcceptedSignatures,
  createRequestTimes,
  type RequestTimes,
  verifyAlipayPlusAnswer,
} from './verify-alipayplus-answer.ts'

const platform = 'alipayplus'

/**
 * The order/sync path after the prefix (Alipay+ "order/sync", https://miniprogram.alipay.com/docs-alipayconnect/miniprogram_alipayconnect/mpdev/v2_order_sync).
 *
 * @example
 * ```ts
 * `${'/api/open'}${alipayPlusOrderSyncPath}` // '/api/open/v2/miniprogram/order/sync'
 * ```
 */
export const alipayPlusOrderSyncPath = '/v2/miniprogram/order/sync'

/**
 * Settings of {@link createAlipayPlus}: the wallet's host, the credentials and the payload's
 * options, beside the common `retry`, `hooks` and `fetch`.
 *
 * @example
 * ```ts
 * const settings: AlipayPlusSettings = { baseURL: 'https://open.wallet.example', clientId, privateKey, appId: '2102010120672524' }
 * ```
 */
export interface AlipayPlusSettings extends Omit<PlatformClientSettings, 'baseURL'> {
  /** The wallet's domain, e.g. `https://open.wallet.example` — required: each wallet has its own and none is published in the MPP docs. */
  readonly baseURL: string
  /**
   * The path before `/v2/...`: `/api/open` in the Alipay+ docs, `/api` for GCash, `/acl/api` for TNG (the wallets' copies of the
   * MPP docs).
   *
   * @default '/api/open'
   */
  readonly pathPrefix?: string
  /**
   * Whether the signed path includes `pathPrefix`. Alipay's global SDK signs the exact path it
   * sends; whether MPP gateways expect that is not documented.
   *
   * @default true
   */
  readonly signPathWithPrefix?: boolean
  /** The `Client-Id` of the mini program. */
  readonly clientId: string
  /** The merchant's RSA private key: PKCS#8 or PKCS#1, PEM or bare base64. */
  readonly privateKey: string
  /**
   * The version of the merchant key registered with the platform.
   *
   * @default 1
   */
  readonly keyVersion?: number | string
  /** The mini program's `appId` (≤ 32 characters, no @ # ?). */
  readonly appId: string
  /**
   * The platform's public key: when set, every successful response's signature is checked, and the
   * answer is bound in time to its request — its signed `response-time` no earlier than
   * {@link AlipayPlusSettings.clockSkewMs} before the request's `Request-Time`, and a signature
   * accepted once not taken again for a later request — so that a recorded success cannot report
   * another order as stored. An answer not trusted is an `AuthenticationError` whose delivery is
   * `uncertain`.
   */
  readonly platformPublicKey?: string
  /**
   * With `platformPublicKey`: how far the wallet's clock may run behind this host's, in
   * milliseconds. A signed `response-time` more than this before the request's `Request-Time` is
   * an answer made before its request (a replay), and is not trusted. Keep it small: a recorded
   * answer can be replayed within it.
   *
   * @default 30000 (30 seconds)
   */
  readonly clockSkewMs?: number
  /**
   * With `platformPublicKey`: how far after its answer came a signed `response-time` may lie, in
   * milliseconds (the wallet's clock running ahead). A response later than that is not trusted.
   *
   * @default 300000 (5 minutes)
   */
  readonly responseTimeWindowMs?: number
  /** The buyers' wallet, unless each order names it in `platformOptions.alipayplus.customerBelongsTo`. */
  readonly customerBelongsTo?: (typeof alipayPlusWallets)[number]
  /**
   * The zone of the order times and of `Request-Time`.
   *
   * @default '+08:00'
   */
  readonly zone?: TimeZone
  /**
   * `orderExtendBizInfo` as JSON text (the field table) or as an object (the sample request).
   *
   * @default 'string'
   */
  readonly orderExtendBizInfoFormat?: 'string' | 'object'
  /** @internal The clock of `Request-Time`. */
  readonly clock?: () => number
}

/**
 * The `result` of an Alipay+ answer.
 *
 * @example
 * ```ts
 * const result: AlipayPlusResult = { resultStatus: 'S', resultCode: 'SUCCESS', resultMessage: 'success' }
 * ```
 */
export interface AlipayPlusResult {
  readonly resultStatus: string
  readonly resultCode: string
  readonly resultMessage?: string
}

/**
 * The Alipay+ client: `OrderSyncPlatformV1` (one order per call), `prepare`, and `api.syncOrder`.
 *
 * @example
 * ```ts
 * const alipayplus = createAlipayPlus({ baseURL, clientId, privateKey, appId, customerBelongsTo: 'GCASH' })
 * await syncOrders({ platform: alipayplus, orders })
 * ```
 */
export interface AlipayPlusClient extends OrderSyncPlatformV1<AlipayPlusSyncOrderRequest> {
  readonly api: {
    /**
     * `POST <prefix>/v2/miniprogram/order/sync`: validated; broken sums come back as warnings.
     * `options` other than `undefined` or `{ signal?: AbortSignal }` are an `InvalidArgumentError`
     * before anything is sent.
     */
    syncOrder(
      request: AlipayPlusSyncOrderRequest,
      options?: { readonly signal?: AbortSignal },
    ): Promise<{
      readonly result: AlipayPlusResult
      readonly accepted: boolean
      readonly warnings: readonly SyncWarning[]
    }>
  }
}

const answer = t.type({
  result: t.intersection([
    t.type({ resultStatus: t.string, resultCode: t.string }),
    t.partial({ resultMessage: t.string }),
  ]),
})
type AlipayPlusAnswer = t.TypeOf<typeof answer>

/**
 * The wire keys whose values are a buyer's or a receiver's name or email (the sample's `buyer`; the
 * courier's name inside orderExtendBizInfo): redacted wherever they come back, as every phone
 * number (`buyerPhoneNo`, `storePhoneNo`, `courierPhoneNo`) already is. The merchant's and the
 * store's names are the business's, not personal.
 */
const alipayPlusPersonalData = { keys: ['buyerName', 'buyerEmail', 'courierName'] }

/**
 * Creates an Alipay+ Mini Program Platform client.
 *
 * Every attempt is signed afresh: `Request-Time` is the attempt's time, and the body signed is the
 * body sent. With `platformPublicKey`, a successful response is trusted only when its signature
 * verifies, its signed `response-time` is no earlier than `clockSkewMs` before the request's
 * `Request-Time` (nor later than `responseTimeWindowMs` after it came), and it is not an answer
 * already accepted, made before this request: otherwise an `AuthenticationError` whose delivery is
 * `uncertain` (the wallet processed the request; its real answer was never read). A success needs
 * HTTP 2xx and `resultStatus` S or A; a 2xx that cannot be read leaves the order `uncertain` too.
 *
 * @param settings - The wallet's base URL and prefix, credentials, app id and options.
 * @returns The client.
 * @throws `InvalidArgumentError` (`@ordersync/core`) naming a missing or malformed setting.
 * @example
 * ```ts
 * import { syncOrders } from '@ordersync/core'
 * import { createAlipayPlus } from '@ordersync/alipayplus'
 *
 * const alipayplus = createAlipayPlus({
 *   baseURL: 'https://open.wallet.example',
 *   clientId: process.env.ALIPAYPLUS_CLIENT_ID!,
 *   privateKey: process.env.ALIPAYPLUS_PRIVATE_KEY!,
 *   appId: '2102010120672524',
 *   customerBelongsTo: 'ALIPAY_HK',
 * })
 * await syncOrders({ platform: alipayplus, orders })
 * ```
 */
export function createAlipayPlus(settings: AlipayPlusSettings): AlipayPlusClient {
  const connection = readAlipayPlusSettings(settings)
  const keys = alipayPlusKeys(connection)
  const requestTimes = createRequestTimes()
  const transport = createAlipayPlusTransport(connection, keys.signing, requestTimes, settings)
  const sender: SyncOrderSender = {
    transport,
    requestTimes,
    endpoint: connection.endpoint,
    clock: connection.clock,
    verification: answerVerification(connection, keys.verifying),
  }
  const conversion: AlipayPlusConversionOptions = omitUndefined({
    appId: connection.appId,
    zone: connection.zone,
    customerBelongsTo: settings.customerBelongsTo,
    orderExtendBizInfoFormat: settings.orderExtendBizInfoFormat,
  })

  return {
    specificationVersion: 'v1',
    platform,
    // One order per call: the order/sync body holds one order.
    maxBatchSize: 1,
    api: {
      async syncOrder(request, options) {
        const { signal } = checkCallOptions(options, platform)
        parsePlatformRequest(alipayPlusSyncOrderRequestSchema, request, {
          platform,
          subject: 'Alipay+ order/sync request',
        })
        const warnings = checkAlipayPlusOrderConsistency(request)
        const data = await sendSyncOrder(sender, request, signal)
        return { result: data.result, accepted: isAccepted(data), warnings }
      },
    },
    // Not core's prepareWith: that makes the converter's whole result the payload, and the
    // payload here is the order/sync body itself, without the warnings.
    prepare(order): PreparedOrder<AlipayPlusSyncOrderRequest> {
      const { payload, warnings } = toAlipayPlusOrder(order, conversion)
      return { orderId: order.id, payload, warnings }
    },
    doSync: (batch, { signal }) =>
      syncOneByOne(batch, async (entry) => {
        const data = await sendSyncOrder(sender, entry.payload, signal)
        return { status: 'succeeded', accepted: isAccepted(data) }
      }),
  }
}

/** Whether the wallet took the order for later processing (resultStatus A) rather than at once. */
function isAccepted(data: AlipayPlusAnswer): boolean {
  return data.result.resultStatus === 'A'
}

/** The settings checked, with their defaults: what the client's units work from. */
interface AlipayPlusConnection {
  readonly baseURL: string
  readonly clientId: string
  readonly privateKey: string
  readonly platformPublicKey: string | undefined
  readonly appId: string
  readonly keyVersion: number | string
  readonly zone: TimeZone
  readonly clockSkewMs: number
  readonly responseTimeWindowMs: number
  readonly clock: () => number
  /** The path sent: the prefix and the order/sync path. */
  readonly endpoint: string
  /** The path signed and verified (see `signPathWithPrefix`). */
  readonly signedPath: string
}

/**
 * Checks every setting and applies the defaults: a setting that cannot work fails at creation,
 * naming itself, rather than on the first call.
 */
function readAlipayPlusSettings(settings: AlipayPlusSettings): AlipayPlusConnection {
  const baseURL = checkBaseURL(requireBaseURL(settings.baseURL), platform)
  const clientId = requireSetting(settings, 'clientId', platform)
  const privateKey = requireSetting(settings, 'privateKey', platform)
  // Read the keys now, so that text that is no RSA key fails at creation, naming the setting.
  toPkcs8PrivateKey(privateKey)
  if (settings.platformPublicKey !== undefined) toSpkiPublicKey(settings.platformPublicKey)
  const appId = checkAppId(requireSetting(settings, 'appId', platform))
  const endpoint = `${checkPathPrefix(settings.pathPrefix ?? '/api/open')}${alipayPlusOrderSyncPath}`
  const keyVersion = settings.keyVersion ?? 1
  const zone = checkZone(settings.zone ?? '+08:00')
  const clockSkewMs = checkMilliseconds('clockSkewMs', settings.clockSkewMs ?? 30_000)
  const responseTimeWindowMs = checkMilliseconds(
    'responseTimeWindowMs',
    settings.responseTimeWindowMs ?? 300_000,
  )
  const basePath = new URL(baseURL).pathname.replace(/\/+$/, '')
  return {
    baseURL,
    clientId,
    privateKey,
    platformPublicKey: settings.platformPublicKey,
    appId,
    keyVersion,
    zone,
    clockSkewMs,
    responseTimeWindowMs,
    clock: settings.clock ?? Date.now,
    endpoint,
    signedPath:
      settings.signPathWithPrefix === false ? alipayPlusOrderSyncPath : `${basePath}${endpoint}`,
  }
}

function requireBaseURL(baseURL: string | undefined): string {
  if (baseURL !== undefined) return baseURL
  throw new InvalidArgumentError({
    platform,
    argument: 'baseURL',
    reason: 'is required: each wallet has its own domain, and Alipay+ publishes none',
  })
}

function checkAppId(appId: string): string {
  if (appId.length <= 32 && !/[@#?]/.test(appId)) return appId
  throw new InvalidArgumentError({
    platform,
    argument: 'appId',
    reason: 'must be at most 32 characters without @, # or ?',
  })
}

/** The prefix without its trailing slashes; empty, or starting with one. */
function checkPathPrefix(pathPrefix: string): string {
  const prefix = pathPrefix.replace(/\/+$/, '')
  if (prefix === '' || prefix.startsWith('/')) return prefix
  throw new InvalidArgumentError({
    platform,
    argument: 'pathPrefix',
    reason: `must start with / (e.g. "/api/open"), got ${quoteValue(prefix)}`,
  })
}

/** Fails now, naming the setting, for a zone that is neither an offset nor an IANA name. */
function checkZone(zone: TimeZone): TimeZone {
  formatIsoInstant(0 as Instant, zone)
  return zone
}

/** The merchant's signing key, and the platform's verifying key when one is set. */
interface AlipayPlusKeys {
  readonly signing: () => Promise<CryptoKey>
  readonly verifying: (() => Promise<CryptoKey>) | undefined
}

function alipayPlusKeys(connection: AlipayPlusConnection): AlipayPlusKeys {
  const { privateKey, platformPublicKey } = connection
  return {
    signing: importOnce('privateKey', () => importAlipayPlusPrivateKey(privateKey)),
    verifying:
      platformPublicKey === undefined
        ? undefined
        : importOnce('platformPublicKey', () => importAlipayPlusPublicKey(platformPublicKey)),
  }
}

/**
 * A key imported once, on first use; a key WebCrypto refuses fails every call with the same
 * InvalidArgumentError naming the setting.
 */
function importOnce(
  argument: 'privateKey' | 'platformPublicKey',
  load: () => Promise<CryptoKey>,
): () => Promise<CryptoKey> {
  let imported: Promise<CryptoKey> | undefined
  return () => {
    imported ??= load().catch((cause: unknown) => {
      throw new InvalidArgumentError({
        platform,
        argument,
        reason: `could not be imported as an RSA key for RSASSA-PKCS1-v1_5 with SHA-256: check the key text`,
        cause,
      })
    })
    return imported
  }
}

/**
 * What checking the answers needs, with a platform public key; `undefined` without one (the
 * answers are then taken as they read).
 */
function answerVerification(
  connection: AlipayPlusConnection,
  verifying: (() => Promise<CryptoKey>) | undefined,
): AnswerVerification | undefined {
  if (verifying === undefined) return undefined
  const { clockSkewMs, responseTimeWindowMs, clock } = connection
  return {
    endpoint: connection.endpoint,
    signedPath: connection.signedPath,
    clientId: connection.clientId,
    platformPublicKey: verifying,
    clockSkewMs,
    responseTimeWindowMs,
    clock,
    accepted: createAcceptedSignatures({ clockSkewMs, responseTimeWindowMs, clock }),
  }
}

function createAlipayPlusTransport(
  connection: AlipayPlusConnection,
  signingKey: () => Promise<CryptoKey>,
  requestTimes: RequestTimes,
  settings: AlipayPlusSettings,
): Transport {
  const { privateKey } = connection
  return createTransport({
    userAgent: `ordersync/alipayplus/${alipayPlusVersion}`,
    platform,
    baseURL: connection.baseURL,
    secrets: [privateKey, privateKey.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '')],
    personalData: alipayPlusPersonalData,
    classify: classifyAlipayPlusResponse,
    sign: (request) => signAttempt(request, connection, signingKey, requestTimes),
    ...omitUndefined({
      retry: settings.retry,
      hooks: settings.hooks,
      fetch: settings.fetch,
      redactPersonalData: settings.redactPersonalData,
    }),
  })
}

/**
 * Signs one attempt: re-signed on every attempt, since the signed content includes Request-Time
 * (Antom "Digital signature", the same scheme as Alipay+), the attempt's own time, which the
 * answer's check reads back.
 */
async function signAttempt(
  request: OutgoingRequest,
  connection: AlipayPlusConnection,
  signingKey: () => Promise<CryptoKey>,
  requestTimes: RequestTimes,
): Promise<OutgoingRequest> {
  const { clientId } = connection
  const now = connection.clock()
  const requestTime = formatIsoInstant(now as Instant, connection.zone, { fraction: 'always' })
  const unsigned = requestTimes.stamp(request, now)
  const signature = await signAlipayPlusRequest({
    method: unsigned.method,
    path: connection.signedPath,
    clientId,
    requestTime,
    body: unsigned.body ?? '',
    privateKey: await signingKey(),
    keyVersion: connection.keyVersion,
  })
  return {
    ...unsigned,
    headers: {
      ...unsigned.headers,
      'Client-Id': clientId,
      'Request-Time': requestTime,
      Signature: signature,
    },
  }
}

/** What sending an order/sync body needs: the transport, its request times, the answers' check. */
interface SyncOrderSender {
  readonly transport: Transport
  readonly requestTimes: RequestTimes
  readonly endpoint: string
  readonly clock: () => number
  readonly verification: AnswerVerification | undefined
}

/**
 * How many times an order is sent again when its answer repeats one already accepted, made before
 * its request: that may be a replay, or two answers made in the same millisecond with a wallet
 * clock behind this host's (an order/sync success is the same bytes for every order). Sending
 * again (an upsert) gets an answer of its own; a replay repeats until this is spent.
 */
const resendsOnRepeatedAnswer = 3

/**
 * POSTs one order/sync body and, with a platform public key, trusts the answer only once it is
 * verified and bound in time to its request.
 */
async function sendSyncOrder(
  sender: SyncOrderSender,
  request: AlipayPlusSyncOrderRequest,
  signal: AbortSignal | undefined,
): Promise<AlipayPlusAnswer> {
  for (let resend = 0; ; resend += 1) {
    const call = sender.requestTimes.open()
    // Before any attempt is signed: a floor for the Request-Time the answer is checked against.
    const openedAt = sender.clock()
    try {
      const { data, response } = await postJson(sender.transport, {
        endpoint: sender.endpoint,
        json: request,
        headers: { 'content-type': 'application/json; charset=UTF-8', ...call.headers },
        decode: answer,
        signal,
      })
      if (sender.verification === undefined) return data
      const trust = await verifyAlipayPlusAnswer(
        response,
        call.latest() ?? openedAt,
        sender.verification,
        resend === resendsOnRepeatedAnswer,
      )
      if (trust === 'trusted') return data
    } finally {
      call.close()
    }
  }
}
