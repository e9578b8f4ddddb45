import { generateKeyPairSync } from 'node:crypto'
import { alipayPlusDocumentOrder } from '@ordersync/core/fixtures'
import { createAlipayPlusSandboxModule, startSandbox } from '@ordersync/sandbox'
import { testPlatform } from '@ordersync/sandbox/testing'
import { createAlipayPlus } from './alipayplus-client.ts'

let merchantKey = ''
// A well-formed RSA key that the sandbox never registered: every signature made with it is refused.
const unregisteredKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString()

testPlatform({
  name: 'alipayplus',
  capabilities: { auth: 'signature', maxBatchSize: 1 },
  startSandbox: async () => {
    const sandbox = await startSandbox({ modules: [createAlipayPlusSandboxModule()] })
    merchantKey = sandbox.credentials.alipayplus?.privateKey ?? ''
    return sandbox
  },
  sandboxPlatform: 'alipayplus',
  syncEndpoint: '/api/open/v2/miniprogram/order/sync',
  createClient: (sandbox, overrides) => {
    const credentials = sandbox.credentials.alipayplus ?? {}
    return createAlipayPlus({
      baseURL: sandbox.url,
      clientId: credentials.clientId ?? '',
      privateKey: credentials.privateKey ?? '',
      keyVersion: credentials.keyVersion ?? '1',
      appId: credentials.appId ?? '',
      platformPublicKey: credentials.platformPublicKey ?? '',
      customerBelongsTo: 'ALIPAY_HK',
      ...overrides,
    })
  },
  createMisconfiguredClient: (sandbox, overrides) => {
    const credentials = sandbox.credentials.alipayplus ?? {}
    return createAlipayPlus({
      baseURL: sandbox.url,
      clientId: credentials.clientId ?? '',
      privateKey: unregisteredKey,
      keyVersion: credentials.keyVersion ?? '1',
      appId: credentials.appId ?? '',
      platformPublicKey: credentials.platformPublicKey ?? '',
      customerBelongsTo: 'ALIPAY_HK',
      ...overrides,
    })
  },
  makeOrder: (index) => ({
    ...alipayPlusDocumentOrder,
    id: `alipayplus-contract-${index}`,
    buyer: {
      ...alipayPlusDocumentOrder.buyer,
      platformUserId: `customer-${index}`,
      phone: `1351234${String(5000 + index).padStart(4, '0')}`,
    },
  }),
  faultBodies: {
    retryable: {
      result: { resultStatus: 'U', resultCode: 'UNKNOWN_EXCEPTION', resultMessage: 'unknown' },
    },
    nonRetryable: {
      result: { resultStatus: 'F', resultCode: 'PARAM_ILLEGAL', resultMessage: 'illegal' },
    },
  },
  credentialOf: (entry) => {
    const header = String(entry.headers.signature ?? '')
    return /signature=([^,]+)/.exec(header)?.[1]
  },
  get secrets() {
    // The merchant private key the sandbox handed out, whole and as its base64 body.
    return [
      merchantKey,
      merchantKey
        .replace(/-----[A-Z ]+-----/g, '')
        .replace(/\s+/g, '')
        .slice(0, 64),
    ].filter((value) => value !== '')
  },
})
