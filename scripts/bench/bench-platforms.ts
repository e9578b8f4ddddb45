// What the bench adds, per platform it knows, to what every platform's descriptor gives: a 10-line
// order (with item and order discounts) for the prepare and sync measures, the minimal server's
// success answer, how to create the client against a URL, and how a raw fetch loop signs and posts
// the same bodies. Keyed by the platform id. A platform without an entry is still benched on its
// descriptor — prepare on its `makeOrder`, and syncOrders against the sandbox — and the bench says
// which measures it lacks: the sync against the minimal server, and the raw loops' floors.
//
// Plain data and functions that receive the loaded modules: nothing here imports a platform
// package, so the minimal server (a child process) can read its answer without loading them.

import { generateKeyPairSync } from 'node:crypto'

/** What the bench hands an entry: a server's URL and the credentials it knows. */
export interface BenchTarget {
  readonly url: string
  /** The sandbox's credentials for the platform, or the bench's own for the minimal server. */
  readonly credentials: Readonly<Record<string, string>>
  /** Whether responses are signed and must be verified (the sandbox signs; the minimal server does not). */
  readonly signedResponses: boolean
}

/** A loaded module, as the bench sees it. */
export type LoadedModule = Record<string, unknown>

/** One call of a raw loop: posts the batch's payloads, signed, and checks the answer. */
type RawSender = (payloads: readonly unknown[]) => Promise<void>

export interface BenchPlatformEntry {
  /** The platform's id in the sandbox and in the package's directory name. */
  readonly id: string
  /**
   * The order of the prepare and sync measures: 10 lines, item and order discounts (`fixtures`
   * are the package's `./fixtures` exports, its document's example orders).
   */
  order(fixtures: LoadedModule, index: number): Record<string, unknown>
  /** The minimal server's answer to every request. */
  readonly minimalAnswer: {
    readonly headers: Readonly<Record<string, string>>
    readonly body: string
    /**
     * The answer to a request with this body, when it must name what was sent (Baidu counts an
     * order stored only by the row of its ResourceID); `body` otherwise.
     */
    readonly answer?: (requestBody: string) => string
  }
  /** Credentials the bench makes for the minimal server. */
  minimalCredentials(): Record<string, string>
  /** The client, against the target. */
  createClient(platformModule: LoadedModule, target: BenchTarget): Promise<BenchClient>
  /** The objects a request's body is `JSON.stringify` of, for a batch of prepared payloads. */
  wireBodies(payloads: readonly unknown[]): unknown[]
  /** A raw fetch loop's sender: the same bodies, signed with the package's own signer. */
  createRawSender(
    platformModule: LoadedModule,
    target: BenchTarget,
    client: BenchClient,
  ): Promise<RawSender>
}

/** The part of a platform client the bench uses (`OrderSyncPlatformV1`). */
export interface BenchClient {
  readonly platform: string
  readonly maxBatchSize: number
  prepare(order: unknown): { readonly orderId: string; readonly payload: unknown }
  doSync(batch: readonly unknown[], options: { readonly signal?: AbortSignal }): Promise<unknown>
  readonly resolveDataSourceId?: () => Promise<string>
}

type Fn = (...args: never[]) => unknown
const call = <T>(module: LoadedModule, name: string, ...args: unknown[]): T =>
  (module[name] as Fn)(...(args as never[])) as T

/**
 * A 10-line order in the currency of `base`, with two item discounts and one order discount, paid
 * in full by one payment.
 */
function tenLineOrder(
  base: Record<string, unknown>,
  currency: string,
  index: number,
): Record<string, unknown> {
  const money = (amount: number) => ({ amount, currency })
  const lines = Array.from({ length: 10 }, (_, line) => ({
    id: `line-${line}`,
    skuId: `sku-${line}`,
    name: `商品 ${line}`,
    productId: `product-${line}`,
    quantity: 1 + (line % 3),
    unitPrice: money(1000 + line * 150),
    category: { id: 'c01', name: '服装' },
    imageUrls: [`https://img.example.com/sku-${line}.jpg`],
    url: `pages/goods/sku-${line}`,
  }))
  const goods = lines.reduce((sum, line) => sum + line.quantity * line.unitPrice.amount, 0)
  const discounts = [
    { level: 'item', lineId: 'line-0', kind: 'promotion', name: '单品直降', amount: money(100) },
    {
      level: 'item',
      lineId: 'line-3',
      kind: 'coupon',
      code: 'ITEM-3',
      name: '单品券',
      amount: money(250),
    },
    {
      level: 'order',
      kind: 'coupon',
      id: 'batch-7',
      code: 'ORDER-7',
      name: '满100减10',
      amount: money(1000),
    },
  ]
  const payable = goods + 800 - 1350
  const payment = (base.payments as Record<string, unknown>[] | undefined)?.[0]
  return {
    ...base,
    id: `bench-${index}`,
    buyer: {
      ...(base.buyer as Record<string, unknown> | undefined),
      platformUserId: `openid-bench-${index}`,
      phone: '13712345678',
    },
    lines,
    charges: { goodsSubtotal: money(goods), freight: money(800), discounts },
    payableAmount: money(payable),
    paidAmount: money(payable),
    ...(payment === undefined
      ? {}
      : { payments: [{ ...payment, amount: money(payable), transactionId: `tx-${index}` }] }),
    afterSales: undefined,
  }
}

async function readAnswer(response: Response, ok: (json: never) => boolean): Promise<string> {
  const text = await response.text()
  if (!response.ok || !ok(JSON.parse(text) as never))
    throw new Error(
      `raw loop: the server refused a request (${response.status}): ${text.slice(0, 200)}`,
    )
  return text
}

const youshu: BenchPlatformEntry = {
  id: 'youshu',
  order: (fixtures, index) =>
    tenLineOrder(fixtures.youshuFaqOrder as Record<string, unknown>, 'CNY', index),
  minimalAnswer: {
    headers: { 'content-type': 'application/json' },
    body: '{"retcode":0,"errmsg":""}',
  },
  minimalCredentials: () => ({
    appId: 'bi-bench',
    appSecret: 'bench-secret',
    merchantId: '40',
    dataSourceId: '8000',
  }),
  async createClient(platformModule, target) {
    const { appId, appSecret, merchantId, dataSourceId } = target.credentials
    return call<BenchClient>(platformModule, 'createYoushu', {
      environment: 'test',
      baseURL: target.url,
      appId,
      appSecret,
      merchantId,
      ...(dataSourceId === undefined ? {} : { dataSourceId }),
    })
  },
  wireBodies: (payloads) => payloads.map((payload) => (payload as { orders: unknown[] }).orders[0]),
  async createRawSender(platformModule, target, client) {
    const { appId = '', appSecret = '' } = target.credentials
    const dataSourceId = await (client.resolveDataSourceId as () => Promise<string>)()
    const url = `${target.url.replace(/\/$/, '')}/data-api/v1/order/add_order`
    return async (payloads) => {
      const nonce = call<string>(platformModule, 'createYoushuNonce')
      const timestamp = Math.floor(Date.now() / 1000)
      const signature = await call<Promise<string>>(platformModule, 'signYoushuQuery', {
        appId,
        appSecret,
        nonce,
        timestamp,
      })
      const query = new URLSearchParams({
        app_id: appId,
        nonce,
        sign: 'sha256',
        timestamp: String(timestamp),
        signature,
      })
      const body = JSON.stringify({ dataSourceId, orders: youshu.wireBodies(payloads) })
      const response = await fetch(`${url}?${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      })
      await readAnswer(response, (json: { retcode: number }) => json.retcode === 0)
    }
  },
}

let benchKeyPair: { privateKey: string; publicKey: string } | undefined
const alipayPlusPath = '/api/open/v2/miniprogram/order/sync'

const alipayplus: BenchPlatformEntry = {
  id: 'alipayplus',
  order: (fixtures, index) =>
    tenLineOrder(fixtures.alipayPlusDocumentOrder as Record<string, unknown>, 'USD', index),
  minimalAnswer: {
    headers: { 'content-type': 'application/json' },
    body: '{"result":{"resultStatus":"S","resultCode":"SUCCESS","resultMessage":"success"}}',
  },
  minimalCredentials() {
    benchKeyPair ??= (() => {
      const pair = generateKeyPairSync('rsa', { modulusLength: 2048 })
      return {
        privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      }
    })()
    return {
      clientId: 'bench-client',
      privateKey: benchKeyPair.privateKey,
      keyVersion: '1',
      appId: 'bench-app',
    }
  },
  async createClient(platformModule, target) {
    const { clientId, privateKey, keyVersion, appId, platformPublicKey } = target.credentials
    return call<BenchClient>(platformModule, 'createAlipayPlus', {
      baseURL: target.url,
      clientId,
      privateKey,
      keyVersion,
      appId,
      customerBelongsTo: 'ALIPAY_HK',
      ...(target.signedResponses && platformPublicKey !== undefined ? { platformPublicKey } : {}),
    })
  },
  wireBodies: (payloads) => [...payloads],
  async createRawSender(platformModule, target) {
    const {
      clientId = '',
      privateKey = '',
      keyVersion = '1',
      platformPublicKey,
    } = target.credentials
    const key = await call<Promise<CryptoKey>>(
      platformModule,
      'importAlipayPlusPrivateKey',
      privateKey,
    )
    const url = `${target.url.replace(/\/$/, '')}${alipayPlusPath}`
    return async (payloads) => {
      for (const payload of payloads) {
        const requestTime = new Date().toISOString()
        const body = JSON.stringify(payload)
        const signature = await call<Promise<string>>(platformModule, 'signAlipayPlusRequest', {
          method: 'POST',
          path: alipayPlusPath,
          clientId,
          requestTime,
          body,
          privateKey: key,
          keyVersion,
        })
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json; charset=UTF-8',
            'Client-Id': clientId,
            'Request-Time': requestTime,
            Signature: signature,
          },
          body,
        })
        const text = await readAnswer(
          response,
          (json: { result: { resultStatus: string } }) => json.result.resultStatus === 'S',
        )
        if (target.signedResponses && platformPublicKey !== undefined) {
          const valid = await call<Promise<boolean>>(platformModule, 'verifyAlipayPlusResponse', {
            path: alipayPlusPath,
            clientId: response.headers.get('client-id') ?? clientId,
            responseTime: response.headers.get('response-time') ?? '',
            body: text,
            signatureHeader: response.headers.get('signature') ?? '',
            platformPublicKey,
          })
          if (!valid) throw new Error('raw loop: a response signature did not verify')
        }
      }
    }
  },
}

interface WechatPayload {
  readonly add: { readonly out_order_id: string; readonly openid: string }
  readonly steps: readonly { readonly endpoint: string; readonly request: unknown }[]
}

const wechat: BenchPlatformEntry = {
  id: 'wechat',
  order(fixtures, index) {
    const order = tenLineOrder(
      fixtures.wechatDocumentOrder as Record<string, unknown>,
      'CNY',
      index,
    )
    return {
      ...order,
      status: 'paid',
      payments: [
        { method: 'wechat_pay', amount: order.paidAmount, transactionId: `42000000${index}` },
      ],
      delivery: { address: { name: '张三', phone: '13712345678', line1: '详细收货地址信息' } },
      platformOptions: {
        wechat: { scene: 1177, prepayId: `prepay-${index}`, prepayAt: '2020-03-25T14:04:25+08:00' },
      },
    }
  },
  // One answer that every endpoint the client calls accepts: a token, "not known" to
  // shop/order/get (no order in the answer), an order id to shop/order/add, success to the steps.
  minimalAnswer: {
    headers: { 'content-type': 'application/json' },
    body: '{"errcode":0,"errmsg":"ok","data":{"order_id":1},"access_token":"bench-token","expires_in":7200}',
  },
  minimalCredentials: () => ({ appId: 'wx-bench', appSecret: 'bench-secret' }),
  async createClient(platformModule, target) {
    const { appId, appSecret } = target.credentials
    return call<BenchClient>(platformModule, 'createWechat', {
      appId,
      appSecret,
      baseURL: target.url,
    })
  },
  wireBodies: (payloads) =>
    payloads.map((payload) => {
      const { add, steps } = payload as WechatPayload
      return [add, ...steps.map((step) => step.request)]
    }),
  async createRawSender(_platformModule, target) {
    const { appId = '', appSecret = '' } = target.credentials
    const base = target.url.replace(/\/$/, '')
    const tokenResponse = await fetch(`${base}/cgi-bin/stable_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credential',
        appid: appId,
        secret: appSecret,
        force_refresh: false,
      }),
    })
    const token = (JSON.parse(await tokenResponse.text()) as { access_token: string }).access_token
    const post = async (endpoint: string, body: unknown) => {
      const response = await fetch(`${base}${endpoint}?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      return readAnswer(response, () => true)
    }
    // The client's calls per order: shop/order/get (does WeChat hold it?), add, then each step.
    return async (payloads) => {
      for (const payload of payloads) {
        const { add, steps } = payload as WechatPayload
        const known = JSON.parse(
          await post('/shop/order/get', { out_order_id: add.out_order_id, openid: add.openid }),
        ) as { errcode: number; order?: unknown }
        if (known.errcode === 0 && known.order !== undefined)
          throw new Error('raw loop: WeChat already holds the order')
        const added = JSON.parse(await post('/shop/order/add', add)) as { errcode: number }
        if (added.errcode !== 0)
          throw new Error(`raw loop: shop/order/add answered ${added.errcode}`)
        for (const step of steps) {
          const answer = JSON.parse(await post(step.endpoint, step.request)) as { errcode: number }
          if (answer.errcode !== 0)
            throw new Error(`raw loop: ${step.endpoint} answered ${answer.errcode}`)
        }
      }
    }
  },
}

const wixtar: BenchPlatformEntry = {
  id: 'wixtar',
  order: (fixtures, index) => {
    const order = tenLineOrder(
      fixtures.wixtarDocumentOrder as Record<string, unknown>,
      'TWD',
      index,
    )
    const payments = (fixtures.wixtarDocumentOrder as { payments?: Record<string, unknown>[] })
      .payments
    return {
      ...order,
      buyer: { name: 'Wang Daming', phone: '0910123456' },
      delivery: undefined,
      ...(payments?.[0] === undefined
        ? {}
        : { payments: [{ ...payments[0], amount: order.paidAmount }] }),
    }
  },
  minimalAnswer: {
    headers: { 'content-type': 'application/json' },
    body: '{"access_token":"bench-token","expires_in":2592000,"token_type":"Bearer","scope":"api"}',
  },
  minimalCredentials: () => ({ clientId: 'bench-client', clientSecret: 'bench-secret' }),
  async createClient(platformModule, target) {
    const { clientId, clientSecret } = target.credentials
    return call<BenchClient>(platformModule, 'createWixtar', {
      clientId,
      clientSecret,
      baseURL: target.url,
      tokenURL: `${target.url.replace(/\/$/, '')}/oauth/v1/token`,
      // The bench order's amounts have cents, which the default units (whole dollars for charges
      // and payments) refuse: cents everywhere, as sandbox-server.ts starts Wixtar's module.
      amountScale: { charges: 'minor', items: 'minor', payments: 'minor' },
    })
  },
  wireBodies: (payloads) => payloads.map((payload) => (payload as { order: unknown }).order),
  async createRawSender(_platformModule, target) {
    const { clientId = '', clientSecret = '' } = target.credentials
    const base = target.url.replace(/\/$/, '')
    const tokenResponse = await fetch(`${base}/oauth/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: clientId,
        client_secret: clientSecret,
        grant_type: 'client_credentials',
        scope: 'api',
      }).toString(),
    })
    const token = (JSON.parse(await tokenResponse.text()) as { access_token: string }).access_token
    return async (payloads) => {
      const response = await fetch(`${base}/v1/data_center/order/upload`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ orders: wixtar.wireBodies(payloads) }),
      })
      await readAnswer(response, () => true)
    }
  },
}

interface BaiduPayload {
  readonly query: {
    readonly open_id?: string
    readonly swan_id?: string
    readonly scene_id?: string
    readonly scene_type?: number
  }
  readonly body: unknown
}

const baidu: BenchPlatformEntry = {
  id: 'baidu',
  order(fixtures, index) {
    const order = tenLineOrder(fixtures.baiduDocumentOrder as Record<string, unknown>, 'CNY', index)
    return {
      ...order,
      payments: [
        {
          method: 'online',
          amount: order.paidAmount,
          paidAt: 1_233_212_343_000,
          transactionId: `cashier-${index}`,
        },
      ],
    }
  },
  // A token for the token endpoint, one stored row for the order endpoint: the row of the
  // ResourceID sent, since the client counts no other row for the order.
  minimalAnswer: {
    headers: { 'content-type': 'application/json' },
    body: '{"errno":0,"msg":"success","data":[{"rows_affected":"1"}],"access_token":"bench-token","expires_in":2592000}',
    answer: (requestBody) =>
      `{"errno":0,"msg":"success","data":[{"resource_id":${/"ResourceID":("(?:[^"\\]|\\.)*")/.exec(requestBody)?.[1] ?? 'null'},"rows_affected":"1"}],"access_token":"bench-token","expires_in":2592000}`,
  },
  minimalCredentials: () => ({
    appKey: 'bench-app-key',
    appSecret: 'bench-secret',
    paymentAppKey: 'bench-pay-key',
  }),
  async createClient(platformModule, target) {
    const { appKey, appSecret, paymentAppKey } = target.credentials
    return call<BenchClient>(platformModule, 'createBaidu', {
      appKey,
      appSecret,
      paymentAppKey,
      baseURL: target.url,
    })
  },
  wireBodies: (payloads) => payloads.map((payload) => (payload as BaiduPayload).body),
  async createRawSender(_platformModule, target) {
    const { appKey = '', appSecret = '', paymentAppKey = '' } = target.credentials
    const base = target.url.replace(/\/$/, '')
    const tokenQuery = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: appKey,
      client_secret: appSecret,
      scope: 'smartapp_snsapi_base',
    })
    const tokenResponse = await fetch(`${base}/oauth/2.0/token?${tokenQuery}`)
    const token = (JSON.parse(await tokenResponse.text()) as { access_token: string }).access_token
    return async (payloads) => {
      for (const payload of payloads) {
        const { query, body } = payload as BaiduPayload
        const parameters = new URLSearchParams({ access_token: token })
        if (query.open_id !== undefined) parameters.set('open_id', query.open_id)
        if (query.swan_id !== undefined) parameters.set('swan_id', query.swan_id)
        if (query.scene_id !== undefined) parameters.set('scene_id', query.scene_id)
        parameters.set('scene_type', String(query.scene_type ?? 2))
        parameters.set('pm_app_key', paymentAppKey)
        const response = await fetch(
          `${base}/rest/2.0/smartapp/ordercenter/app/add/main/info?${parameters}`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          },
        )
        await readAnswer(response, (json: { errno: number }) => json.errno === 0)
      }
    }
  },
}

/** Every platform the bench knows, by id. */
export const benchPlatforms: readonly BenchPlatformEntry[] = [
  youshu,
  alipayplus,
  wechat,
  wixtar,
  baidu,
]
