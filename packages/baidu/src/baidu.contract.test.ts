import { baiduDocumentOrder } from '@ordersync/core/fixtures'
import { createBaiduSandboxModule, startSandbox } from '@ordersync/sandbox'
import { testPlatform } from '@ordersync/sandbox/testing'
import { createBaidu } from './baidu-client.ts'

// One module, started once by the suite: its random App Secret is known here, so the suite can
// check that it never leaks.
const baiduModule = createBaiduSandboxModule()

testPlatform({
  name: 'baidu',
  capabilities: { auth: 'token', maxBatchSize: 1 },
  startSandbox: () => startSandbox({ modules: [baiduModule] }),
  sandboxPlatform: 'baidu',
  syncEndpoint: '/rest/2.0/smartapp/ordercenter/app/add/main/info',
  createClient: (sandbox, overrides) => {
    const credentials = sandbox.credentials.baidu ?? {}
    return createBaidu({
      appKey: credentials.appKey ?? '',
      appSecret: credentials.appSecret ?? '',
      paymentAppKey: credentials.paymentAppKey ?? '',
      baseURL: sandbox.url,
      // The order center's errno list is not public; the suite's "busy" answer is declared
      // retryable here.
      retryableErrnos: [-1],
      ...overrides,
    })
  },
  createMisconfiguredClient: (sandbox, overrides) => {
    const credentials = sandbox.credentials.baidu ?? {}
    return createBaidu({
      appKey: credentials.appKey ?? '',
      appSecret: 'not-the-registered-secret',
      paymentAppKey: credentials.paymentAppKey ?? '',
      baseURL: sandbox.url,
      retryableErrnos: [-1],
      ...overrides,
    })
  },
  makeOrder: (index) => ({
    ...baiduDocumentOrder,
    id: `baidu-contract-${index}`,
    buyer: {
      platformUserId: `openid-${index}`,
      phone: `1371234${String(5000 + index).padStart(4, '0')}`,
    },
    payments: [
      {
        method: 'online',
        amount: { amount: 2390, currency: 'CNY' },
        paidAt: 1_233_212_343_000,
        transactionId: `cashier-${index}`,
      },
    ],
  }),
  faultBodies: {
    retryable: { errno: -1, msg: 'system busy' },
    nonRetryable: { errno: 1002, msg: 'sandbox: invalid body' },
    tokenInvalid: { error_code: 110, error_msg: 'Access token invalid or no longer valid' },
  },
  credentialOf: (entry) => new URLSearchParams(entry.query).get('access_token') ?? undefined,
  secrets: [baiduModule.credentials.appSecret],
})
