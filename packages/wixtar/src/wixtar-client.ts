import {
  checkBaseURL,
  checkCallOptions,
  createTokenManager,
  createTransport,
  type DoSyncOutcome,
  type FetchedToken,
  InvalidArgumentError,
  type OrderSyncPlatformV1,
  omitUndefined,
  type PlatformClientSettings,
  parsePlatformRequest,
  postJson,
  prepareWith,
  requireSetting,
  type SyncWarning,
  type TokenStore,
  type Transport,
  type TransportResult,
} from '@ordersync/core'
import * as t from 'io-ts'
import { checkWixtarOrderConsistency } from './check-wixtar-order-consistency.ts'
import {
  toWixtarOrder,
  type WixtarConversionOptions,
  type WixtarPreparedOrder,
} from './convert-to-wixtar-order.ts'
import { classifyWixtarResponse, classifyWixtarTokenResponse } from './wixtar-errors.ts'
import { defaultWixtarAmountScale, type WixtarAmountScale } from './wixtar-money.ts'
import { type WixtarUploadRequest, wixtarUploadRequestSchema } from './wixtar-order-schema.ts'
import { wixtarVersion } from './wixtar-version.ts'

const platform = 'wixtar'

/**
 * The endpoint this client calls, under `baseURL`.
 *
 * @example
 * ```ts
 * wixtarEndpoints.uploadOrders // '/v1/data_center/order/upload'
 * ```
 */
export const wixtarEndpoints = {
  uploadOrders: '/v1/data_center/order/upload',
} as const

/**
 * How many orders one upload carries unless `maxBatchSize` says otherwise. The document sets no
 * limit; 50 keeps a body around 100–200 KB (far below the 1 MB that gateways commonly refuse),
 * and when Wixtar refuses a whole upload for one bad order, core splits the batch in halves, so a
 * smaller batch costs fewer re-sends.
 *
 * @example
 * ```ts
 * defaultWixtarBatchSize // 50
 * ```
 */
export const defaultWixtarBatchSize = 50

/**
 * Settings of {@link createWixtar}: the credentials, the tenant's token URL and API host, and the
 * payload's options, beside the common `retry`, `hooks` and `fetch`.
 *
 * @example
 * ```ts
 * const settings: WixtarSettings = {
 *   clientId: 'client-id',
 *   clientSecret: 'client-secret',
 *   tokenURL: 'https://login.example.com.tw/oauth/v1/token',
 *   baseURL: 'https://omni.example.com.tw',
 * }
 * ```
 */
export interface WixtarSettings
  extends WixtarConversionOptions,
    Omit<PlatformClientSettings, 'baseURL'> {
  /** The `client_id` Wixtar issued. */
  readonly clientId: string
  /** The `client_secret` Wixtar issued. Never logged. */
  readonly clientSecret: string
  /**
   * The full URL of the tenant's token endpoint, e.g. `https://login.<tenant-host>/oauth/v1/token`:
   * each Wixtar deployment has its own login host, so there is no default.
   */
  readonly tokenURL: string
  /** The tenant's API host, e.g. `https://omni.<tenant-host>`; the upload path is appended. No default. */
  readonly baseURL: string
  /**
   * The most orders per upload.
   *
   * @default 50 ({@link defaultWixtarBatchSize})
   */
  readonly maxBatchSize?: number
  /**
   * Where the access token is kept (30 days); share one store between processes to fetch it once.
   *
   * @default an in-memory store
   */
  readonly tokenStore?: TokenStore
}

/**
 * The Wixtar client: the `OrderSyncPlatformV1` contract for `syncOrders`, `prepare` for a look at
 * the payload, and `api` with the upload endpoint.
 *
 * @example
 * ```ts
 * const wixtar = createWixtar({ clientId, clientSecret, tokenURL, baseURL })
 * await syncOrders({ platform: wixtar, orders })
 * ```
 */
export interface WixtarClient extends OrderSyncPlatformV1<WixtarPreparedOrder> {
  readonly api: {
    /**
     * `POST /v1/data_center/order/upload`: validated against the document; broken sums (in the
     * client's `amountScale`) come back as warnings. Wixtar's answer body is not documented: it
     * is returned as it came, with the HTTP status. Options that are not an object (`null`), or a
     * signal that is not an `AbortSignal`, are refused with an `InvalidArgumentError` before a
     * token is fetched or anything is sent.
     */
    uploadOrders(
      request: WixtarUploadRequest,
      options?: { readonly signal?: AbortSignal },
    ): Promise<{
      readonly status: number
      readonly response: unknown
      readonly warnings: readonly SyncWarning[]
    }>
  }
}

/**
 * Creates a Wixtar client.
 *
 * @param settings - Credentials, the tenant's token URL and API host, and the conversion options.
 * @returns The client.
 * @throws `InvalidArgumentError` (`@ordersync/core`) for a missing credential, a malformed
 *   `baseURL` or `tokenURL`, an unknown `amountScale` unit, a `maxBatchSize` below 1 or a retry
 *   setting that cannot work, naming the setting.
 * @example
 * ```ts
 * import { syncOrders } from '@ordersync/core'
 * import { createWixtar } from '@ordersync/wixtar'
 *
 * const wixtar = createWixtar({
 *   clientId: process.env.WIXTAR_CLIENT_ID!,
 *   clientSecret: process.env.WIXTAR_CLIENT_SECRET!,
 *   tokenURL: 'https://login.example.com.tw/oauth/v1/token',
 *   baseURL: 'https://omni.example.com.tw',
 *   // amountScale left out: the units of Wixtar's upload example — charges and payments in whole
 *   // dollars, item prices in cents. Ask Wixtar which ones your tenant expects.
 * })
 * const report = await syncOrders({ platform: wixtar, orders })
 * ```
 */
export function createWixtar(settings: WixtarSettings): WixtarClient {
  const connection = readWixtarSettings(settings)
  const transport = createWixtarTransport(connection, settings)
  const scale = readAmountScale(settings.amountScale)
  const conversion: WixtarConversionOptions = omitUndefined({
    amountScale: scale,
    salesMethods: settings.salesMethods,
    sourceTypes: settings.sourceTypes,
    paymentTypes: settings.paymentTypes,
  })
  return {
    specificationVersion: 'v1',
    platform,
    maxBatchSize: connection.maxBatchSize,
    api: {
      async uploadOrders(request, options) {
        const { signal } = checkCallOptions(options, platform)
        parsePlatformRequest(wixtarUploadRequestSchema, request, {
          platform,
          subject: 'Wixtar order upload request',
        })
        const warnings = request.orders.flatMap((order, index) =>
          checkWixtarOrderConsistency(order, index, scale),
        )
        const { status, data } = await uploadOrders(transport, request, signal)
        return { status, response: data, warnings }
      },
    },
    prepare: prepareWith((order) => toWixtarOrder(order, conversion)),
    async doSync(batch, { signal }): Promise<readonly DoSyncOutcome[]> {
      await uploadOrders(transport, { orders: batch.map((entry) => entry.payload.order) }, signal)
      // Success is the HTTP status; the answer carries no per-order result (none is documented).
      return batch.map((entry) => ({
        status: 'succeeded',
        platformIds: { order_id: entry.payload.order.order_id },
      }))
    },
  }
}

/** The connection settings checked: what the transports are made from. */
interface WixtarConnection {
  readonly clientId: string
  readonly clientSecret: string
  readonly baseURL: string
  readonly tokenURL: URL
  readonly maxBatchSize: number
}

/**
 * Checks the credentials, the two URLs and the batch size, in the order a user reads them in an
 * error, and applies the default batch size. Each setting that cannot work fails now, naming
 * itself, rather than on the first call.
 */
function readWixtarSettings(settings: WixtarSettings): WixtarConnection {
  const clientId = requireSetting(settings, 'clientId', platform)
  const clientSecret = requireSetting(settings, 'clientSecret', platform)
  const baseURL = checkBaseURL(requireSetting(settings, 'baseURL', platform), platform)
  const tokenURL = checkTokenURL(requireSetting(settings, 'tokenURL', platform))
  const maxBatchSize = checkMaxBatchSize(settings.maxBatchSize ?? defaultWixtarBatchSize)
  return { clientId, clientSecret, baseURL, tokenURL, maxBatchSize }
}

/** The token URL, which must name the endpoint itself: each tenant's path is its own. */
function checkTokenURL(value: string): URL {
  const tokenURL = new URL(checkBaseURL(value, platform, 'tokenURL'))
  if (tokenURL.pathname !== '/' && tokenURL.pathname !== '') return tokenURL
  throw new InvalidArgumentError({
    platform,
    argument: 'tokenURL',
    reason:
      'must be the full URL of the token endpoint, with its path, such as "https://login.example.com.tw/oauth/v1/token"',
  })
}

function checkMaxBatchSize(maxBatchSize: number): number {
  if (Number.isSafeInteger(maxBatchSize) && maxBatchSize >= 1) return maxBatchSize
  throw new InvalidArgumentError({
    platform,
    argument: 'maxBatchSize',
    reason: `must be an integer of at least 1, got ${String(maxBatchSize)}`,
  })
}

/** The unit of each group of amounts: the defaults, with each group set checked. */
function readAmountScale(amountScale: Partial<WixtarAmountScale> | undefined): WixtarAmountScale {
  const scale: WixtarAmountScale = { ...defaultWixtarAmountScale, ...amountScale }
  for (const [group, unit] of Object.entries(scale)) {
    if (unit !== 'minor' && unit !== 'major') {
      throw new InvalidArgumentError({
        platform,
        argument: `amountScale.${group}`,
        reason: `must be 'minor' (the currency's smallest unit, cents) or 'major' (whole units), got ${JSON.stringify(unit)}`,
      })
    }
  }
  return scale
}

const tokenAnswer = t.type({ access_token: t.string, expires_in: t.number })

/**
 * The transport of the uploads, with the Bearer token of "Auth Login": a form POST of the client
 * credentials to the tenant's token URL, for a 30-day token without a refresh token.
 */
function createWixtarTransport(
  connection: WixtarConnection,
  settings: Pick<WixtarSettings, 'retry' | 'hooks' | 'fetch' | 'tokenStore' | 'redactPersonalData'>,
): Transport {
  const common = omitUndefined({
    retry: settings.retry,
    hooks: settings.hooks,
    fetch: settings.fetch,
    redactPersonalData: settings.redactPersonalData,
  })
  const tokenTransport = createTransport({
    userAgent: `ordersync/wixtar/${wixtarVersion}`,
    platform,
    baseURL: connection.tokenURL.origin,
    classify: classifyWixtarTokenResponse,
    secrets: [connection.clientSecret],
    ...common,
  })
  const tokens = createTokenManager({
    platform,
    key: `wixtar:${connection.tokenURL.href}:${connection.clientId}`,
    ...omitUndefined({ store: settings.tokenStore }),
    // The signal ends the request once every caller waiting for the token has given up.
    fetchToken: (signal) => fetchWixtarToken(tokenTransport, connection, signal),
  })
  return createTransport({
    userAgent: `ordersync/wixtar/${wixtarVersion}`,
    platform,
    baseURL: connection.baseURL,
    classify: classifyWixtarResponse,
    secrets: [connection.clientSecret],
    // The buyer's name and address ("Upload Order Details", customer): `name` alone is also a
    // store's and a modifier group's. The buyer's `mobile` is redacted by its key in core.
    personalData: { keys: ['customer.name', 'customer.address'] },
    tokens: {
      manager: tokens,
      apply: (request, token) => ({
        ...request,
        headers: { ...request.headers, authorization: `Bearer ${token}` },
      }),
    },
    ...common,
  })
}

/** "Auth Login": the client credentials as a form, for an access token and its lifetime. */
async function fetchWixtarToken(
  tokenTransport: Transport,
  connection: WixtarConnection,
  signal: AbortSignal,
): Promise<FetchedToken> {
  const { data } = await tokenTransport.send({
    endpoint: connection.tokenURL.pathname,
    authenticate: false,
    body: new URLSearchParams({
      client_id: connection.clientId,
      client_secret: connection.clientSecret,
      grant_type: 'client_credentials',
      scope: 'api',
    }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    decode: tokenAnswer,
    signal,
  })
  return { value: data.access_token, expiresInMs: data.expires_in * 1000 }
}

/** `POST /v1/data_center/order/upload`: the orders as JSON; the answer is not documented. */
function uploadOrders(
  transport: Transport,
  request: WixtarUploadRequest,
  signal: AbortSignal | undefined,
): Promise<TransportResult<unknown>> {
  return postJson(transport, {
    endpoint: wixtarEndpoints.uploadOrders,
    json: request,
    decode: t.unknown,
    signal,
  })
}
