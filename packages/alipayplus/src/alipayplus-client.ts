import {
  checkBaseURL,
  createTransport,
  formatIsoInstant,
  type IncomingResponse,
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
  type TransportResult,
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
  responseSignatureError,
  responseTimeError,
  signAlipayPlusRequest,
  verifyAlipayPlusResponse,
} from './sign-alipayplus-request.ts'

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
   * The platform's public key: when set, every successful response's signature is checked, and its
   * signed `response-time` must lie within {@link AlipayPlusSettings.responseTimeWindowMs} of the
   * request's time (so that a replayed old response cannot report an order as stored).
   */
  readonly platformPublicKey?: string
  /**
   * With `platformPublicKey`: how far a response's `response-time` may lie before the request was
   * sent or after its answer came, in milliseconds (it covers the clocks' difference). A response
   * outside is not trusted (an `AuthenticationError`).
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
    /** `POST <prefix>/v2/miniprogram/order/sync`: validated; broken sums come back as warnings. */
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
 * The phone numbers a body carries — the buyer's, and the courier's inside orderExtendBizInfo (as
 * JSON text or an object) — for the transport to redact wherever they appear.
 */
function personalValues(request: AlipayPlusSyncOrderRequest): string[] {
  const values: unknown[] = [request.buyer?.buyerPhoneNo]
  let info: unknown = request.orderExtendBizInfo
  if (typeof info === 'string') {
    try {
      info = JSON.parse(info)
    } catch {
      info = undefined
    }
  }
  if (typeof info === 'object' && info !== null && 'courierPhoneNo' in info)
    values.push(info.courierPhoneNo)
  return values.filter((value): value is string => typeof value === 'string' && value !== '')
}

/**
 * Creates an Alipay+ Mini Program Platform client.
 *
 * Every attempt is signed afresh: `Request-Time` is the attempt's time, and the body signed is the
 * body sent. With `platformPublicKey`, a successful response whose signature does not verify, or
 * whose signed `response-time` lies outside `responseTimeWindowMs` of the request, is an
 * `AuthenticationError`. A success needs HTTP 2xx and `resultStatus` S or A.
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
  const transport = createAlipayPlusTransport(connection, keys.signing, settings)
  const send = (request: AlipayPlusSyncOrderRequest, signal: AbortSignal | undefined) =>
    sendSyncOrder({ transport, connection, verifying: keys.verifying }, request, signal)
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
      async syncOrder(request, options = {}) {
        parsePlatformRequest(alipayPlusSyncOrderRequestSchema, request, {
          platform,
          subject: 'Alipay+ order/sync request',
        })
        const warnings = checkAlipayPlusOrderConsistency(request)
        const { data } = await send(request, options.signal)
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
        const { data } = await send(entry.payload, signal)
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
  const responseTimeWindowMs = checkResponseTimeWindow(settings.responseTimeWindowMs ?? 300_000)
  const basePath = new URL(baseURL).pathname.replace(/\/+$/, '')
  return {
    baseURL,
    clientId,
    privateKey,
    platformPublicKey: settings.platformPublicKey,
    appId,
    keyVersion,
    zone,
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

function checkResponseTimeWindow(windowMs: number): number {
  if (Number.isFinite(windowMs) && windowMs >= 0) return windowMs
  throw new InvalidArgumentError({
    platform,
    argument: 'responseTimeWindowMs',
    reason: 'must be a finite number of milliseconds, 0 or more',
  })
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

function createAlipayPlusTransport(
  connection: AlipayPlusConnection,
  signingKey: () => Promise<CryptoKey>,
  settings: AlipayPlusSettings,
): Transport {
  const { privateKey } = connection
  return createTransport({
    userAgent: `ordersync/alipayplus/${alipayPlusVersion}`,
    platform,
    baseURL: connection.baseURL,
    secrets: [privateKey, privateKey.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '')],
    classify: classifyAlipayPlusResponse,
    sign: (request) => signAttempt(request, connection, signingKey),
    ...omitUndefined({ retry: settings.retry, hooks: settings.hooks, fetch: settings.fetch }),
  })
}

/**
 * Signs one attempt: re-signed on every attempt, since the signed content includes Request-Time
 * (Antom "Digital signature", the same scheme as Alipay+), the attempt's own time.
 */
async function signAttempt(
  request: OutgoingRequest,
  connection: AlipayPlusConnection,
  signingKey: () => Promise<CryptoKey>,
): Promise<OutgoingRequest> {
  const { clientId } = connection
  const requestTime = formatIsoInstant(connection.clock() as Instant, connection.zone, {
    fraction: 'always',
  })
  const signature = await signAlipayPlusRequest({
    method: request.method,
    path: connection.signedPath,
    clientId,
    requestTime,
    body: request.body ?? '',
    privateKey: await signingKey(),
    keyVersion: connection.keyVersion,
  })
  return {
    ...request,
    headers: {
      ...request.headers,
      'Client-Id': clientId,
      'Request-Time': requestTime,
      Signature: signature,
    },
  }
}

/** What sending an order/sync body needs: the transport, the settings and the verifying key. */
interface SyncOrderSender {
  readonly transport: Transport
  readonly connection: AlipayPlusConnection
  readonly verifying: (() => Promise<CryptoKey>) | undefined
}

/**
 * POSTs one order/sync body, its phone numbers passed as sensitive, and, with a platform public
 * key, verifies the answer before it is trusted.
 */
async function sendSyncOrder(
  sender: SyncOrderSender,
  request: AlipayPlusSyncOrderRequest,
  signal: AbortSignal | undefined,
): Promise<TransportResult<AlipayPlusAnswer>> {
  const { connection, verifying } = sender
  // The first reading of the clock: the response-time window opens here.
  const sentAt = connection.clock()
  const sensitive = personalValues(request)
  const result = await postJson(sender.transport, {
    endpoint: connection.endpoint,
    json: request,
    headers: { 'content-type': 'application/json; charset=UTF-8' },
    decode: answer,
    ...(sensitive.length === 0 ? {} : { sensitive }),
    signal,
  })
  if (verifying !== undefined) await verifyAnswer(result.response, connection, verifying, sentAt)
  return result
}

/**
 * Trusts an answer only when its signature verifies with the platform public key and its signed
 * `response-time` lies within `responseTimeWindowMs` of the request.
 *
 * @throws `AuthenticationError` for a signature that does not verify, or a time outside the window.
 */
async function verifyAnswer(
  response: IncomingResponse,
  connection: AlipayPlusConnection,
  verifyingKey: () => Promise<CryptoKey>,
  sentAt: number,
): Promise<void> {
  const { headers } = response
  const responseTime = headers.get('response-time') ?? ''
  const valid = await verifyAlipayPlusResponse({
    path: connection.signedPath,
    clientId: headers.get('client-id') ?? connection.clientId,
    responseTime,
    body: response.text,
    signatureHeader: headers.get('signature') ?? '',
    platformPublicKey: await verifyingKey(),
  })
  if (!valid) throw responseSignatureError(connection.endpoint)
  // The signature binds the body to its response-time, not to this request: an old signed
  // answer replayed would verify. Its time must lie around this request's.
  const answeredAt = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(responseTime)
    ? Date.parse(responseTime)
    : Number.NaN
  const windowMs = connection.responseTimeWindowMs
  if (!(answeredAt >= sentAt - windowMs && answeredAt <= connection.clock() + windowMs))
    throw responseTimeError(connection.endpoint, responseTime, windowMs)
}
