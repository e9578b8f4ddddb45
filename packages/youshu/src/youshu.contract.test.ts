import { youshuFaqOrder } from '@ordersync/core/fixtures'
import {
  createYoushuSandboxModule,
  startSandbox,
  youshuSandboxKnownRetcodes,
} from '@ordersync/sandbox'
import { testPlatform } from '@ordersync/sandbox/testing'
import { createYoushu } from './youshu-client.ts'

testPlatform({
  name: 'youshu',
  capabilities: { auth: 'signature', maxBatchSize: 50 },
  startSandbox: () => startSandbox({ modules: [createYoushuSandboxModule()] }),
  sandboxPlatform: 'youshu',
  syncEndpoint: '/data-api/v1/order/add_order',
  createClient: (sandbox, overrides) => {
    const credentials = sandbox.credentials.youshu ?? {}
    return createYoushu({
      environment: 'test',
      baseURL: sandbox.url,
      appId: credentials.appId ?? '',
      appSecret: credentials.appSecret ?? '',
      merchantId: credentials.merchantId ?? '',
      // Youshu's retcodes are not public; the suite's "busy" answer is declared retryable here,
      // and the sandbox's own codes (a wrong signature, an unknown data source) by their meaning.
      retryableRetcodes: [-1],
      knownRetcodes: youshuSandboxKnownRetcodes,
      ...overrides,
    })
  },
  createMisconfiguredClient: (sandbox, overrides) => {
    const credentials = sandbox.credentials.youshu ?? {}
    return createYoushu({
      environment: 'test',
      baseURL: sandbox.url,
      appId: credentials.appId ?? '',
      appSecret: 'not-the-registered-secret',
      merchantId: credentials.merchantId ?? '',
      retryableRetcodes: [-1],
      // With the sandbox's codes declared, a signature mismatch concerns the credentials and stops
      // the run's sends.
      knownRetcodes: youshuSandboxKnownRetcodes,
      ...overrides,
    })
  },
  makeOrder: (index) => ({
    ...youshuFaqOrder,
    id: `youshu-contract-${index}`,
    buyer: {
      platformUserId: `o-openid-${index}`,
      phone: `1371234${String(5000 + index).padStart(4, '0')}`,
    },
  }),
  faultBodies: {
    retryable: { retcode: -1, errmsg: 'system busy' },
    nonRetryable: { retcode: 1004, errmsg: 'sandbox: invalid request' },
  },
  credentialOf: (entry) => new URLSearchParams(entry.query).get('signature') ?? undefined,
  secrets: ['youshu-sandbox-secret-93c1'],
})
