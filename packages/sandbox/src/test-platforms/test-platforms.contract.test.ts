import type { PlatformDescriptor, PlatformLoggedRequest } from '@ordersync/core'
import { startSandbox } from '../start-sandbox.ts'
import { testPlatform } from '../testing/test-platform.ts'
import { createSignedTestPlatformModule } from './signed-test-platform-module.ts'
import {
  createSignedTestPlatform,
  createTokenTestPlatform,
  type TestPayload,
} from './test-platform-clients.ts'
import { testPlatformOrder } from './test-platform-order.ts'
import { createTokenTestPlatformModule } from './token-test-platform-module.ts'

// The contract suite, proven against the two test platforms, which the platform packages'
// descriptors do not describe: their descriptors are here.

const makeOrder = (index: number) => ({
  ...testPlatformOrder,
  id: `order-${index}`,
  buyer: { id: `buyer-${index}`, phone: `1391234${String(5000 + index).padStart(4, '0')}` },
})
const queryParameter = (name: string) => (request: PlatformLoggedRequest) =>
  new URLSearchParams(request.query).get(name) ?? undefined
const common = {
  packageName: '@ordersync/sandbox',
  maxBatchSize: 50,
  samples: [],
  makeOrder,
  keyFields: ['id', 'amount'],
} as const

const tokenTestPlatform: PlatformDescriptor<TestPayload> = {
  ...common,
  id: 'token-test',
  label: 'Token test platform',
  auth: 'token',
  syncEndpoint: '/token-test/orders',
  createClient: (sandbox, overrides) =>
    createTokenTestPlatform({
      baseURL: sandbox.url,
      clientId: sandbox.credentials['token-test']?.clientId ?? '',
      clientSecret: sandbox.credentials['token-test']?.clientSecret ?? '',
      ...overrides,
    }),
  createMisconfiguredClient: (sandbox, overrides) =>
    createTokenTestPlatform({
      baseURL: sandbox.url,
      clientId: sandbox.credentials['token-test']?.clientId ?? '',
      clientSecret: 'not-the-registered-secret',
      ...overrides,
    }),
  faults: {
    retryable: { body: { code: -1, message: 'busy' } },
    nonRetryable: { body: { code: 400, message: 'bad request' } },
    tokenInvalid: { body: { code: 40001 } },
  },
  credentialOf: queryParameter('access_token'),
  secrets: () => ['token-test-secret-7f3a9c'],
}

const signedTestPlatform: PlatformDescriptor<TestPayload> = {
  ...common,
  id: 'signed-test',
  label: 'Signed test platform',
  auth: 'signature',
  syncEndpoint: '/signed-test/orders',
  createClient: (sandbox, overrides) =>
    createSignedTestPlatform({
      baseURL: sandbox.url,
      appId: sandbox.credentials['signed-test']?.appId ?? '',
      appSecret: sandbox.credentials['signed-test']?.appSecret ?? '',
      ...overrides,
    }),
  createMisconfiguredClient: (sandbox, overrides) =>
    createSignedTestPlatform({
      baseURL: sandbox.url,
      appId: sandbox.credentials['signed-test']?.appId ?? '',
      appSecret: 'not-the-registered-secret',
      ...overrides,
    }),
  faults: {
    retryable: { body: { code: -1, message: 'busy' } },
    nonRetryable: { body: { code: 400, message: 'bad request' } },
  },
  credentialOf: queryParameter('signature'),
  secrets: () => ['signed-test-secret-4b2d8e'],
}

testPlatform(tokenTestPlatform, {
  startSandbox: () => startSandbox({ modules: [createTokenTestPlatformModule()] }),
})

testPlatform(signedTestPlatform, {
  startSandbox: () => startSandbox({ modules: [createSignedTestPlatformModule()] }),
})
