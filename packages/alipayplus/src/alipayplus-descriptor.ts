import type {
  OrderInput,
  PlatformClientOverrides,
  PlatformDescriptor,
  PlatformSandbox,
} from '@ordersync/core'
import { type AlipayPlusClient, createAlipayPlus } from './alipayplus-client.ts'
import { alipayPlusDocumentOrder } from './alipayplus-document-order.ts'
import type { AlipayPlusSyncOrderRequest } from './alipayplus-order-schema.ts'
import { signAlipayPlusRequest } from './sign-alipayplus-request.ts'

const syncEndpoint = '/api/open/v2/miniprogram/order/sync'

function alipayPlusAgainst(
  sandbox: PlatformSandbox,
  overrides: PlatformClientOverrides,
  privateKey?: string,
): AlipayPlusClient {
  const credentials = sandbox.credentials.alipayplus ?? {}
  return createAlipayPlus({
    baseURL: sandbox.url,
    clientId: credentials.clientId ?? '',
    privateKey: privateKey ?? credentials.privateKey ?? '',
    keyVersion: credentials.keyVersion ?? '1',
    appId: credentials.appId ?? '',
    // Every response's signature verified.
    platformPublicKey: credentials.platformPublicKey ?? '',
    // The wallet of the sandbox's buyers, unless an order names its own.
    customerBelongsTo: 'ALIPAY_HK',
    ...overrides,
  })
}

/** A well-formed RSA private key (bare base64 PKCS#8) that no sandbox ever registered. */
async function unregisteredPrivateKey(): Promise<string> {
  const pair = await globalThis.crypto.subtle.generateKey(
    {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    },
    true,
    ['sign', 'verify'],
  )
  const der = new Uint8Array(await globalThis.crypto.subtle.exportKey('pkcs8', pair.privateKey))
  return btoa(String.fromCharCode(...der))
}

function makeAlipayPlusOrder(index: number): OrderInput {
  return {
    ...alipayPlusDocumentOrder,
    id: `alipayplus-order-${index}`,
    buyer: {
      ...alipayPlusDocumentOrder.buyer,
      platformUserId: `customer-${index}`,
      phone: `1351234${String(index % 10_000).padStart(4, '0')}`,
    },
  }
}

/**
 * What the repository's checks, the demo and the benchmark know about Alipay+: a client against
 * a sandbox that verifies every response's signature, orders it accepts, its faults, and its
 * request signature checked in the web-only runtime.
 *
 * @example
 * ```ts
 * import { platformDescriptor } from '@ordersync/alipayplus/testing'
 *
 * const alipayplus = platformDescriptor.createClient(sandbox)
 * const report = await syncOrders({ platform: alipayplus, orders: [platformDescriptor.makeOrder(1)] })
 * report.succeeded // 1
 * ```
 */
export const platformDescriptor: PlatformDescriptor<AlipayPlusSyncOrderRequest> = {
  id: 'alipayplus',
  label: 'Alipay+',
  packageName: '@ordersync/alipayplus',
  auth: 'signature',
  maxBatchSize: 1,
  syncEndpoint,
  samples: [
    {
      id: 'alipayplus-document',
      label: 'Alipay+ order sync sample',
      description:
        'The Alipay+ sample request in USD, with a refund: Youshu, WeChat and Baidu report CNY only, so they refuse the currency; it is paid, not finished, so Wixtar cannot report it yet.',
      order: alipayPlusDocumentOrder,
    },
  ],
  makeOrder: makeAlipayPlusOrder,
  createClient: (sandbox, overrides = {}) => alipayPlusAgainst(sandbox, overrides),
  createMisconfiguredClient: async (sandbox, overrides = {}) =>
    alipayPlusAgainst(sandbox, overrides, await unregisteredPrivateKey()),
  faults: {
    retryable: {
      body: {
        result: {
          resultStatus: 'U',
          resultCode: 'UNKNOWN_EXCEPTION',
          resultMessage: 'system busy',
        },
      },
    },
    nonRetryable: {
      body: {
        result: { resultStatus: 'F', resultCode: 'PARAM_ILLEGAL', resultMessage: 'illegal' },
      },
    },
  },
  credentialOf: (request) => /signature=([^,]+)/.exec(String(request.headers.signature ?? ''))?.[1],
  secrets: (sandbox) => {
    // The merchant private key the sandbox handed out, whole and as its base64 body.
    const key = sandbox.credentials.alipayplus?.privateKey ?? ''
    const body = key
      .replace(/-----[A-Z ]+-----/g, '')
      .replace(/\s+/g, '')
      .slice(0, 64)
    return [key, body].filter((value) => value !== '')
  },
  keyFields: [
    'referenceOrderId',
    'orderType',
    'customerBelongsTo',
    'orderAmount.value',
    'paymentAmount.value',
  ],
  selfChecks: async (sandbox) => {
    const { clientId = '', privateKey = '' } = sandbox.credentials.alipayplus ?? {}
    const header = await signAlipayPlusRequest({
      method: 'POST',
      path: syncEndpoint,
      clientId,
      requestTime: '2022-04-20T10:38:09.123+08:00',
      body: '{}',
      privateKey,
      keyVersion: 1,
    })
    return [
      {
        what: 'RSA256 request signature header (WebCrypto RSASSA-PKCS1-v1_5, SHA-256)',
        actual:
          /^algorithm=RSA256,keyVersion=1,signature=[A-Za-z0-9%]+$/.test(header) &&
          header.length > 300,
        expected: true,
      },
    ]
  },
  // A success the sandbox can be made to give without a signature: the client must refuse it.
  unsignedAnswer: {
    body: { result: { resultStatus: 'S', resultCode: 'SUCCESS', resultMessage: 'success' } },
  },
}
