// The harness of the `@example`s (scripts/run-doc-examples.mjs): the identifiers an example may use
// without defining them, made afresh for every example against a sandbox started on 127.0.0.1.
//
// - `sandbox`: a started sandbox with every default module; `baseURL` is its URL.
// - Every platform package's descriptor (`platformDescriptor` of `<package>/testing`; the packages
//   are listed in platforms.json beside this file): `platform` is the client its descriptor makes
//   for the example's package (Youshu's for core and the sandbox); `credentials` are the sandbox's
//   credentials of that platform; `clients` holds every platform's client by id, and an example
//   may name a platform's client by its id (run-doc-examples.mjs takes it from `clients`).
// - `youshu`, `alipayplus`, `wechat`, `baidu`, `wixtar`: typed clients made with the sandbox's
//   credentials; `orders`, `order`, `rest`: orders valid for the example's platform (its
//   descriptor's `makeOrder(1)`, unless a document order is given below), as input, parsed, and a
//   spreadable order; `payload` is a converted Youshu order.
// - Credentials (`appId`, `appSecret`, `merchantId`, `clientId`, `privateKey`, `pem`,
//   `platformPublicKey`, `appKey`, `paymentAppKey`, `clientSecret`, `tokenURL`) are the sandbox's,
//   and so are the variables examples read from process.env: <PLATFORM>_<CREDENTIAL> for every
//   platform the sandbox serves (YOUSHU_APP_ID, ALIPAYPLUS_PLATFORM_PUBLIC_KEY, WECHAT_APP_SECRET, …).
// - Every fetch to a platform's real host (Youshu's, WeChat's, Baidu's, the example wallet
//   `open.wallet.example`, the example Wixtar tenant's `login.` and `omni.example.com.tw`) goes
//   to the sandbox; `api.example.com` answers `200 {}`; any other host is an error: no example
//   reaches the internet.
// - `syncOrders` is core's, checked: it throws unless every order it was given went through.
//
// Names an example uses that are not here fail its type check.

import { readFileSync } from 'node:fs'
import { isDeepStrictEqual } from 'node:util'
import {
  type AlipayPlusClient,
  createAlipayPlus,
  signAlipayPlusRequest,
  toAlipayPlusOrder,
} from '@ordersync/alipayplus'
import { alipayPlusDocumentOrder } from '@ordersync/alipayplus/fixtures'
import { type BaiduClient, createBaidu } from '@ordersync/baidu'
import { baiduDocumentOrder } from '@ordersync/baidu/fixtures'
import {
  syncOrders as coreSyncOrders,
  createMemoryTokenStore,
  createTokenManager,
  createTransport,
  type Order,
  type OrderInput,
  type OrderSyncPlatformV1,
  type PlatformDescriptor,
  parseOrder,
  type SyncOrdersOptions,
  type SyncReport,
  type TokenManager,
  type TransportOptions,
} from '@ordersync/core'
import {
  createDefaultSandboxModules,
  createYoushuSandboxModule,
  type Sandbox,
  startSandbox,
} from '@ordersync/sandbox'
import { createWechat, type WechatClient } from '@ordersync/wechat'
import { wechatDocumentOrder } from '@ordersync/wechat/fixtures'
import { createWixtar, type WixtarClient } from '@ordersync/wixtar'
import { wixtarDocumentOrder } from '@ordersync/wixtar/fixtures'
import {
  createYoushu,
  toYoushuOrder,
  type YoushuClient,
  type YoushuOrder,
  type YoushuSettings,
} from '@ordersync/youshu'
import { youshuFaqOrder } from '@ordersync/youshu/fixtures'
import * as t from 'io-ts'

// Every platform package's descriptor, from the packages run-doc-examples.mjs lists.
const platformPackages: string[] = JSON.parse(
  readFileSync(new URL('./platforms.json', import.meta.url), 'utf8'),
)
const descriptors: readonly PlatformDescriptor[] = await Promise.all(
  platformPackages.map(
    async (name) =>
      ((await import(`${name}/testing`)) as { platformDescriptor: PlatformDescriptor })
        .platformDescriptor,
  ),
)

const realFetch = globalThis.fetch
const platformHosts = new Set([
  'test.zhls.qq.com',
  'zhls.qq.com',
  'open.wallet.example',
  'api.weixin.qq.com',
  'openapi.baidu.com',
  // Wixtar has no public host: each tenant has its own; the examples use these.
  'login.example.com.tw',
  'omni.example.com.tw',
])
let current: Sandbox | undefined
globalThis.fetch = async (input, init) => {
  const request = new Request(input, init)
  const url = new URL(request.url)
  if (url.hostname === '127.0.0.1') return realFetch(request)
  if (platformHosts.has(url.hostname) && current) {
    const target = new URL(url.pathname + url.search, current.url)
    return realFetch(new Request(target, request))
  }
  if (url.hostname === 'api.example.com' || url.hostname.endsWith('.example.com')) {
    return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } })
  }
  throw new Error(`examples must not reach the internet: ${url.origin}`)
}

const open: Array<() => Promise<void>> = []

/** Closes what the last `setUp` started. */
export async function tearDown(): Promise<void> {
  for (const close of open.splice(0)) await close()
  current = undefined
}

/** Core's `syncOrders`, throwing unless every order went through. */
export async function syncOrders<P>(options: SyncOrdersOptions<P>): Promise<SyncReport> {
  const report = await coreSyncOrders({ ...options, keepResults: 'failed' })
  if (report.failed > 0 || report.succeeded === 0) {
    const reasons = report.results.map((result) =>
      result.status === 'failed' ? `${result.orderId}: ${result.error.message}` : result.orderId,
    )
    throw new Error(
      `syncOrders: ${report.succeeded} succeeded, ${report.failed} failed (${reasons.join('; ')})`,
    )
  }
  return report
}

function comparable(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value))
}

// Whether `actual` matches `expected`, where a string of `expected` that ends in "…" stands for any
// string that starts with what comes before the "…".
function matches(actual: unknown, expected: unknown): boolean {
  if (typeof expected === 'string' && expected.endsWith('…')) {
    return typeof actual === 'string' && actual.startsWith(expected.slice(0, -1))
  }
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((item, index) => matches(actual[index], item))
    )
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false
    const keys = Object.keys(expected)
    return (
      keys.length === Object.keys(actual).length &&
      keys.every((key) =>
        matches(
          (actual as Record<string, unknown>)[key],
          (expected as Record<string, unknown>)[key],
        ),
      )
    )
  }
  return isDeepStrictEqual(actual, expected)
}

/** Asserts that what the example shows after `//` is what the expression gives. */
export async function __expect(
  actual: () => unknown,
  expected: unknown,
  label: string,
): Promise<void> {
  const value = await actual()
  if (!matches(comparable(value), comparable(expected))) {
    throw new Error(
      `${label} is ${JSON.stringify(value)}, but the example says ${JSON.stringify(expected)}`,
    )
  }
}

/** Asserts that an expression the example marks `// throws` throws. */
export async function __expectThrows(actual: () => unknown, label: string): Promise<void> {
  try {
    await actual()
  } catch {
    return
  }
  throw new Error(`${label} does not throw, but the example says it throws`)
}

const alipayPlusPath = '/api/open/v2/miniprogram/order/sync'

/**
 * The identifiers an example of `packageName` may use; only `names` (those the example uses) are
 * made, so that an example that needs no sandbox starts none.
 */
export async function setUp(
  packageName: string,
  names: readonly (keyof Harness)[],
): Promise<Harness> {
  const made = new Map<keyof Harness, unknown>()
  const get = async <K extends keyof Harness>(name: K): Promise<Harness[K]> => {
    if (!made.has(name)) made.set(name, factories[name]())
    return (await made.get(name)) as Harness[K]
  }
  const credentials = async (platform: string) => (await get('sandbox')).credentials[platform] ?? {}
  const factories = makeFactories(get, credentials, packageName)
  const harness: Partial<Record<keyof Harness, unknown>> = {}
  for (const name of names) harness[name] = await get(name)
  return harness as Harness
}

/**
 * The orders the examples of the first platform packages were written against, by package: their
 * document's example, completed where the platform needs more. Any other package's examples get
 * its descriptor's `makeOrder(1)`.
 */
function documentInputs(): Readonly<Record<string, OrderInput>> {
  return {
    '@ordersync/youshu': { ...youshuFaqOrder, buyer: { platformUserId: 'o-openid-faq' } },
    '@ordersync/alipayplus': alipayPlusDocumentOrder,
    '@ordersync/wechat': {
      ...wechatDocumentOrder,
      buyer: { id: 'buyer-1', platformUserId: 'o-openid-1' },
      delivery: { address: { name: '张三', phone: '13712345000', line1: '详细收货地址信息' } },
      platformOptions: {
        wechat: { scene: 1177, prepayId: 'prepay-1', prepayAt: '2020-03-25T14:04:25+08:00' },
      },
    },
    // Baidu's document order lacks the buyer's open_id and the cashier's order id its rules need.
    '@ordersync/baidu': {
      ...baiduDocumentOrder,
      buyer: { platformUserId: 'openid-2221554346520' },
      payments: [
        {
          method: 'online',
          amount: { amount: 2390, currency: 'CNY' },
          paidAt: 1_233_212_343_000,
          transactionId: '15925907919',
        },
      ],
    },
    '@ordersync/wixtar': wixtarDocumentOrder,
  }
}

function makeFactories(
  get: <K extends keyof Harness>(name: K) => Promise<Harness[K]>,
  credentials: (platform: string) => Promise<Readonly<Record<string, string>>>,
  packageName: string,
) {
  const descriptor = descriptors.find((candidate) => candidate.packageName === packageName)
  const inputs = documentInputs()
  const youshuInput = inputs['@ordersync/youshu'] as OrderInput
  const input: OrderInput = inputs[packageName] ?? descriptor?.makeOrder(1) ?? youshuInput
  // A credential of the example's platform, or else of the platform that has one by that name.
  const credential = async (name: string, otherwise: string): Promise<string> =>
    (await credentials(descriptor?.id ?? otherwise))[name] ??
    (await credentials(otherwise))[name] ??
    ''
  const transportOptions: TransportOptions = {
    platform: 'example',
    baseURL: 'https://api.example.com',
    classify: (response) =>
      response.status < 300 ? { outcome: 'success' } : { outcome: 'failure' },
  }
  const factories = {
    sandbox: async (): Promise<Sandbox> => {
      const sandbox = await startSandbox({ modules: createDefaultSandboxModules() })
      current = sandbox
      open.push(() => sandbox.close())
      // YOUSHU_APP_ID, ALIPAYPLUS_PRIVATE_KEY, …: every credential of every platform served.
      for (const [platform, values] of Object.entries(sandbox.credentials)) {
        for (const [name, value] of Object.entries(values)) {
          const variable = `${platform}_${name.replace(/[A-Z]/g, (letter) => `_${letter}`)}`
          process.env[variable.replace(/\W/g, '_').toUpperCase()] = value
        }
      }
      return sandbox
    },
    baseURL: async (): Promise<string> => (await get('sandbox')).url,
    settings: async (): Promise<YoushuSettings> => {
      const y = await credentials('youshu')
      return {
        environment: 'test',
        baseURL: await get('baseURL'),
        appId: y.appId ?? '',
        appSecret: y.appSecret ?? '',
        merchantId: y.merchantId ?? '',
      }
    },
    youshu: async (): Promise<YoushuClient> => createYoushu(await get('settings')),
    alipayplus: async (): Promise<AlipayPlusClient> => {
      const a = await credentials('alipayplus')
      return createAlipayPlus({
        baseURL: await get('baseURL'),
        clientId: a.clientId ?? '',
        privateKey: a.privateKey ?? '',
        appId: a.appId ?? '',
        platformPublicKey: a.platformPublicKey ?? '',
        customerBelongsTo: 'ALIPAY_HK',
      })
    },
    wechat: async (): Promise<WechatClient> => {
      const w = await credentials('wechat')
      return createWechat({
        appId: w.appId ?? '',
        appSecret: w.appSecret ?? '',
        baseURL: await get('baseURL'),
      })
    },
    baidu: async (): Promise<BaiduClient> => {
      const b = await credentials('baidu')
      return createBaidu({
        appKey: b.appKey ?? '',
        appSecret: b.appSecret ?? '',
        paymentAppKey: b.paymentAppKey ?? '',
        baseURL: await get('baseURL'),
      })
    },
    wixtar: async (): Promise<WixtarClient> => {
      const w = await credentials('wixtar')
      const baseURL = await get('baseURL')
      return createWixtar({
        clientId: w.clientId ?? '',
        clientSecret: w.clientSecret ?? '',
        baseURL,
        tokenURL: `${baseURL}/oauth/v1/token`,
      })
    },
    appKey: () => credential('appKey', 'baidu'),
    paymentAppKey: () => credential('paymentAppKey', 'baidu'),
    clientSecret: () => credential('clientSecret', 'wixtar'),
    tokenURL: async (): Promise<string> => `${await get('baseURL')}/oauth/v1/token`,
    platform: async (): Promise<OrderSyncPlatformV1<unknown>> =>
      descriptor === undefined ? get('youshu') : descriptor.createClient(await get('sandbox')),
    credentials: async (): Promise<Readonly<Record<string, string>>> =>
      credentials(descriptor?.id ?? 'youshu'),
    clients: async (): Promise<Readonly<Record<string, OrderSyncPlatformV1<unknown>>>> => {
      const sandbox = await get('sandbox')
      return Object.fromEntries(descriptors.map((each) => [each.id, each.createClient(sandbox)]))
    },
    wechatOrder: (): OrderInput => inputs['@ordersync/wechat'] as OrderInput,
    orders: (): OrderInput[] => [input, { ...input, id: `${input.id}-2` }],
    order: (): Order => parseOrder(input),
    rest: () => input,
    candidate: (): unknown => input,
    payload: () => toYoushuOrder(parseOrder(youshuInput)).orders[0] as YoushuOrder,
    appId: () => credential('appId', 'youshu'),
    appSecret: () => credential('appSecret', 'youshu'),
    merchantId: () => credential('merchantId', 'youshu'),
    clientId: () => credential('clientId', 'alipayplus'),
    privateKey: () => credential('privateKey', 'alipayplus'),
    pem: () => credential('privateKey', 'alipayplus'),
    platformPublicKey: () => credential('platformPublicKey', 'alipayplus'),
    path: () => alipayPlusPath,
    requestTime: () => '2022-04-20T10:38:09.123+08:00',
    // An Alipay+ order/sync body, and the sandbox's signed answer to it.
    body: async (): Promise<string> => {
      const a = await credentials('alipayplus')
      const order = parseOrder(alipayPlusDocumentOrder)
      const { payload } = toAlipayPlusOrder(order, {
        appId: a.appId ?? '',
        customerBelongsTo: 'ALIPAY_HK',
      })
      return JSON.stringify(payload)
    },
    answer: async (): Promise<{ headers: Headers; body: string }> => {
      const a = await credentials('alipayplus')
      const body = await get('body')
      const requestTime = new Date().toISOString()
      const signature = await signAlipayPlusRequest({
        method: 'POST',
        path: alipayPlusPath,
        clientId: a.clientId ?? '',
        requestTime,
        body,
        privateKey: a.privateKey ?? '',
      })
      const response = await realFetch(new URL(alipayPlusPath, await get('baseURL')), {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=UTF-8',
          'client-id': a.clientId ?? '',
          'request-time': requestTime,
          signature,
        },
        body,
      })
      return { headers: response.headers, body: await response.text() }
    },
    responseBody: async (): Promise<string> => (await get('answer')).body,
    responseTime: async (): Promise<string> =>
      (await get('answer')).headers.get('response-time') ?? '',
    signatureHeader: async (): Promise<string> =>
      (await get('answer')).headers.get('signature') ?? '',
    options: () => transportOptions,
    transport: () => createTransport(transportOptions),
    store: () => createMemoryTokenStore(),
    manager: async (): Promise<TokenManager> =>
      createTokenManager({
        platform: 'example',
        key: 'example:app',
        store: await get('store'),
        fetchToken: async () => ({ value: 'ACCESS_TOKEN', expiresInMs: 7_200_000 }),
      }),
    modules: () => createDefaultSandboxModules(),
    myPlatformModule: () => createYoushuSandboxModule(),
    request: () => ({ signal: AbortSignal.timeout(10_000) }),
    requestStableToken: () => async () => 'ACCESS_TOKEN',
    fetchToken: () => async (_signal: AbortSignal) => ({
      value: 'ACCESS_TOKEN',
      expiresInMs: 7_200_000,
    }),
    findDataSource: () => async (_signal: AbortSignal) => '101',
    first: () => ({ signal: AbortSignal.timeout(10_000) }),
    second: () => ({ signal: AbortSignal.timeout(10_000) }),
    cause: () => new Error('the order source failed'),
    report: async (): Promise<SyncReport> =>
      coreSyncOrders({ platform: await get('platform'), orders: await get('orders') }),
    readOrdersFromDatabase: async (): Promise<() => AsyncGenerator<OrderInput>> => {
      const orders = await get('orders')
      return async function* readOrdersFromDatabase(): AsyncGenerator<OrderInput> {
        yield* orders
      }
    },
    log: () => ({ warn: (..._values: unknown[]) => {} }),
    metrics: () => ({ observe: (_value: number) => {} }),
    t: () => t,
  }
  return factories
}

/** Every identifier the harness supplies, with its type. */
export type Harness = {
  [K in keyof ReturnType<typeof makeFactories>]: Awaited<
    ReturnType<ReturnType<typeof makeFactories>[K]>
  >
}
