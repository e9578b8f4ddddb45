import { youshuFaqOrder } from '@ordersync/core/fixtures'
import { startSandbox } from '../start-sandbox.ts'
import { testPlatform } from '../testing/test-platform.ts'
import { createSignedTestPlatformModule } from './signed-test-platform-module.ts'
import { createSignedTestPlatform, createTokenTestPlatform } from './test-platform-clients.ts'
import { createTokenTestPlatformModule } from './token-test-platform-module.ts'

// The contract suite, proven against the two test platforms until the real platform packages
// run it against their own sandbox modules.

const makeOrder = (index: number) => ({
  ...youshuFaqOrder,
  id: `order-${index}`,
  buyer: { id: `buyer-${index}`, phone: `1391234${String(5000 + index).padStart(4, '0')}` },
})

testPlatform({
  name: 'token test platform',
  capabilities: { auth: 'token', maxBatchSize: 50 },
  startSandbox: () => startSandbox({ modules: [createTokenTestPlatformModule()] }),
  sandboxPlatform: 'token-test',
  syncEndpoint: '/token-test/orders',
  createClient: (sandbox, overrides) => {
    const credentials = sandbox.credentials['token-test'] ?? {}
    return createTokenTestPlatform({
      baseURL: sandbox.url,
      clientId: credentials.clientId ?? '',
      clientSecret: credentials.clientSecret ?? '',
      ...overrides,
    })
  },
  createMisconfiguredClient: (sandbox, overrides) =>
    createTokenTestPlatform({
      baseURL: sandbox.url,
      clientId: sandbox.credentials['token-test']?.clientId ?? '',
      clientSecret: 'not-the-registered-secret',
      ...overrides,
    }),
  makeOrder,
  faultBodies: {
    retryable: { code: -1, message: 'busy' },
    nonRetryable: { code: 400, message: 'bad request' },
    tokenInvalid: { code: 40001 },
  },
  credentialOf: (entry) => new URLSearchParams(entry.query).get('access_token') ?? undefined,
  secrets: ['token-test-secret-7f3a9c'],
})

testPlatform({
  name: 'signed test platform',
  capabilities: { auth: 'signature', maxBatchSize: 50 },
  startSandbox: () => startSandbox({ modules: [createSignedTestPlatformModule()] }),
  sandboxPlatform: 'signed-test',
  syncEndpoint: '/signed-test/orders',
  createClient: (sandbox, overrides) => {
    const credentials = sandbox.credentials['signed-test'] ?? {}
    return createSignedTestPlatform({
      baseURL: sandbox.url,
      appId: credentials.appId ?? '',
      appSecret: credentials.appSecret ?? '',
      ...overrides,
    })
  },
  createMisconfiguredClient: (sandbox, overrides) =>
    createSignedTestPlatform({
      baseURL: sandbox.url,
      appId: sandbox.credentials['signed-test']?.appId ?? '',
      appSecret: 'not-the-registered-secret',
      ...overrides,
    }),
  makeOrder,
  faultBodies: {
    retryable: { code: -1, message: 'busy' },
    nonRetryable: { code: 400, message: 'bad request' },
  },
  credentialOf: (entry) => new URLSearchParams(entry.query).get('signature') ?? undefined,
  secrets: ['signed-test-secret-4b2d8e'],
})
