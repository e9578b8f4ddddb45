import {
  checkBaseURL,
  createTransport,
  type DoSyncOutcome,
  formatIsoInstant,
  type Instant,
  InvalidArgumentError,
  type OrderSyncPlatformV1,
  omitUndefined,
  type PreparedOrder,
  quoteValue,
  type RetryOptions,
  requireSetting,
  type SyncWarning,
  type TimeZone,
  type TransportHooks,
  type TransportResult,
  toValidationIssues,
  ValidationError,
} from '@ordersync/core'
import * as t from 'io-ts'
import { classifyAlipayPlusResponse } from './alipayplus-errors.ts'
import {
  type AlipayPlusSyncOrderRequest,
  alipayPlusSyncOrderRequestSchema,
  type alipayPlusWallets,
} from './alipayplus-order-schema.ts'
import { checkAlipayPlusOrderConsistency } from './check-alipayplus-order-consistency.ts'
import { toAlipayPlusOrder } from './convert-to-alipayplus-order.ts'
import { toPkcs8PrivateKey, toSpkiPublicKey } from './rsa-keys.ts'
import {
  importAlipayPlusPrivateKey,
  importAlipayPlusPublicKey,
  responseSignatureError,
  responseTimeError,
  signAlipayPlusRequest,
  verifyAlipayPlusResponse,
} from './sign-alipayplus-request.ts'

/**
 * The order/sync path after the prefix (specs/alipayplus-order-sync.txt).
 *
 * @example
 * ```ts
 * `${'/api/open'}${alipayPlusOrderSyncPath}` // '/api/open/v2/miniprogram/order/sync'
 * ```
 */
export const alipayPlusOrderSyncPath = '/v2/miniprogram/order/sync'

/**
 * Settings of {@link createAlipayPlus}.
 *
 * @example
 * ```ts
 * const settings: AlipayPlusSettings = { baseURL: 'https://open.wallet.example', clientId, privateKey, appId: '2102010120672524' }
 * ```
 */
export interface AlipayPlusSettings {
  /** The wallet's domain, e.g. `https://open.wallet.example` — required: each wallet has its own and none is published (§1.2). */
  readonly baseURL: string
  /**
   * The path before `/v2/...`: `/api/open` in the Alipay+ docs, `/api` for GCash, `/acl/api` for TNG (§1.2).
   *
   * @default '/api/open'
   */
  readonly pathPrefix?: string
  /**
   * Whether the signed path includes `pathPrefix`. Alipay's global SDK signs the exact path it
   * sends; whether MPP gateways expect that is not documented (§1.4).
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
  readonly retry?: RetryOptions
  readonly hooks?: TransportHooks
  readonly fetch?: typeof globalThis.fetch
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
  if (typeof info === 'object' && info !== null)
    values.push((info as { courierPhoneNo?: unknown }).courierPhoneNo)
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
  const platform = 'alipayplus'
  if (settings.baseURL === undefined) {
    throw new InvalidArgumentError({
      platform,
      argument: 'baseURL',
      reason: 'is required: each wallet has its own domain, and Alipay+ publishes none',
    })
  }
  const baseURL = checkBaseURL(settings.baseURL, platform)
  const clientId = requireSetting(settings, 'clientId', platform)
  const privateKey = requireSetting(settings, 'privateKey', platform)
  // Read the key now, so that text that is no RSA private key fails at creation, naming the setting.
  toPkcs8PrivateKey(privateKey)
  if (settings.platformPublicKey !== undefined) toSpkiPublicKey(settings.platformPublicKey)
  const appId = requireSetting(settings, 'appId', platform)
  if (appId.length > 32 || /[@#?]/.test(appId)) {
    throw new InvalidArgumentError({
      platform,
      argument: 'appId',
      reason: 'must be at most 32 characters without @, # or ?',
    })
  }
  const prefix = (settings.pathPrefix ?? '/api/open').replace(/\/+$/, '')
  if (prefix !== '' && !prefix.startsWith('/')) {
    throw new InvalidArgumentError({
      platform,
      argument: 'pathPrefix',
      reason: `must start with / (e.g. "/api/open"), got ${quoteValue(prefix)}`,
    })
  }
  const keyVersion = settings.keyVersion ?? 1
  const zone = settings.zone ?? '+08:00'
  // Fails now, naming the setting, for a zone that is neither an offset nor an IANA name.
  formatIsoInstant(0 as Instant, zone)
  const responseTimeWindowMs = settings.responseTimeWindowMs ?? 300_000
  if (!(Number.isFinite(responseTimeWindowMs) && responseTimeWindowMs >= 0)) {
    throw new InvalidArgumentError({
      platform,
      argument: 'responseTimeWindowMs',
      reason: 'must be a finite number of milliseconds, 0 or more',
    })
  }
  const clock = settings.clock ?? Date.now
  const endpoint = `${prefix}${alipayPlusOrderSyncPath}`
  const basePath = new URL(baseURL).pathname.replace(/\/+$/, '')
  const signedPath =
    settings.signPathWithPrefix === false ? alipayPlusOrderSyncPath : `${basePath}${endpoint}`
  // Each key is imported once, on first use; a key WebCrypto refuses fails every call with the
  // same InvalidArgumentError naming the setting.
  const importOnce = (
    argument: 'privateKey' | 'platformPublicKey',
    load: () => Promise<CryptoKey>,
  ): (() => Promise<CryptoKey>) => {
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
  const signingKey = importOnce('privateKey', () => importAlipayPlusPrivateKey(privateKey))
  const platformPublicKey = settings.platformPublicKey
  const verifyingKey =
    platformPublicKey === undefined
      ? undefined
      : importOnce('platformPublicKey', () => importAlipayPlusPublicKey(platformPublicKey))

  const transport = createTransport({
    platform,
    baseURL,
    secrets: [privateKey, privateKey.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '')],
    classify: classifyAlipayPlusResponse,
    // Re-signed on every attempt: the signature covers Request-Time (PLATFORMS.md §1.9).
    sign: async (request) => {
      const requestTime = formatIsoInstant(clock() as Instant, zone, { fraction: 'always' })
      const signature = await signAlipayPlusRequest({
        method: request.method,
        path: signedPath,
        clientId,
        requestTime,
        body: request.body ?? '',
        privateKey: await signingKey(),
        keyVersion,
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
    },
    ...omitUndefined({ retry: settings.retry, hooks: settings.hooks, fetch: settings.fetch }),
  })

  const send = async (
    request: AlipayPlusSyncOrderRequest,
    signal: AbortSignal | undefined,
  ): Promise<TransportResult<t.TypeOf<typeof answer>>> => {
    const sentAt = clock()
    const sensitive = personalValues(request)
    const result = await transport.send({
      endpoint,
      body: JSON.stringify(request),
      headers: { 'Content-Type': 'application/json; charset=UTF-8' },
      decode: answer,
      ...(sensitive.length === 0 ? {} : { sensitive }),
      ...(signal === undefined ? {} : { signal }),
    })
    if (verifyingKey !== undefined) {
      const headers = result.response.headers
      const responseTime = headers.get('response-time') ?? ''
      const valid = await verifyAlipayPlusResponse({
        path: signedPath,
        clientId: headers.get('client-id') ?? clientId,
        responseTime,
        body: result.response.text,
        signatureHeader: headers.get('signature') ?? '',
        platformPublicKey: await verifyingKey(),
      })
      if (!valid) throw responseSignatureError(endpoint)
      // The signature binds the body to its response-time, not to this request: an old signed
      // answer replayed would verify. Its time must lie around this request's.
      const answeredAt = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(responseTime)
        ? Date.parse(responseTime)
        : Number.NaN
      if (
        !(
          answeredAt >= sentAt - responseTimeWindowMs &&
          answeredAt <= clock() + responseTimeWindowMs
        )
      )
        throw responseTimeError(endpoint, responseTime, responseTimeWindowMs)
    }
    return result
  }

  const conversion = omitUndefined({
    appId,
    zone,
    customerBelongsTo: settings.customerBelongsTo,
    orderExtendBizInfoFormat: settings.orderExtendBizInfoFormat,
  })

  return {
    specificationVersion: 'v1',
    platform,
    // One order per call: the body is one order (PLATFORMS.md §0).
    maxBatchSize: 1,
    api: {
      async syncOrder(request, options = {}) {
        const parsed = alipayPlusSyncOrderRequestSchema.safeParse(request)
        if (!parsed.success) {
          throw new ValidationError({
            platform,
            subject: 'Alipay+ order/sync request',
            issues: toValidationIssues(parsed.error.issues),
          })
        }
        const warnings = checkAlipayPlusOrderConsistency(request)
        const { data } = await send(request, options.signal)
        return { result: data.result, accepted: data.result.resultStatus === 'A', warnings }
      },
    },
    prepare(order): PreparedOrder<AlipayPlusSyncOrderRequest> {
      const { payload, warnings } = toAlipayPlusOrder(order, conversion)
      return { orderId: order.id, payload, warnings }
    },
    async doSync(batch, { signal }): Promise<readonly DoSyncOutcome[]> {
      const outcomes: DoSyncOutcome[] = []
      for (const entry of batch) {
        const { data } = await send(entry.payload, signal)
        outcomes.push({ status: 'succeeded', accepted: data.result.resultStatus === 'A' })
      }
      return outcomes
    },
  }
}
