import type { OrderInput } from '@ordersync/core'
import { wechatDocumentOrder } from '@ordersync/core/fixtures'
import { createWechatSandboxModule, startSandbox } from '@ordersync/sandbox'
import { testPlatform } from '@ordersync/sandbox/testing'
import { createWechat } from './wechat-client.ts'

// Each sandbox module makes its own random credentials: the app secret the suite must never see
// leak is the one of the sandbox it started.
const appSecrets: string[] = []

testPlatform({
  name: 'wechat',
  capabilities: { auth: 'token', maxBatchSize: 1 },
  startSandbox: async () => {
    const sandbox = await startSandbox({ modules: [createWechatSandboxModule()] })
    appSecrets.push(sandbox.credentials.wechat?.appSecret ?? '')
    return sandbox
  },
  sandboxPlatform: 'wechat',
  syncEndpoint: '/shop/order/add',
  createClient: (sandbox, overrides) =>
    createWechat({
      ...(sandbox.credentials.wechat as { appId: string; appSecret: string }),
      baseURL: sandbox.url,
      ...overrides,
    }),
  createMisconfiguredClient: (sandbox, overrides) =>
    createWechat({
      ...(sandbox.credentials.wechat as { appId: string; appSecret: string }),
      appSecret: 'not-the-registered-secret',
      baseURL: sandbox.url,
      ...overrides,
    }),
  makeOrder: (index): OrderInput => ({
    ...wechatDocumentOrder,
    id: `wechat-contract-${index}`,
    buyer: { id: `buyer-${index}`, platformUserId: `o-openid-${index}`, phone: '13912345678' },
    delivery: {
      address: {
        name: '张三',
        phone: `1371234${String(5000 + index).padStart(4, '0')}`,
        line1: '详细收货地址信息',
      },
    },
    platformOptions: {
      wechat: { scene: 1177, prepayId: `prepay-${index}`, prepayAt: '2020-03-25T14:04:25+08:00' },
    },
  }),
  faultBodies: {
    retryable: { errcode: -1, errmsg: 'system error' },
    nonRetryable: { errcode: 47001, errmsg: 'data format error' },
    tokenInvalid: { errcode: 40001, errmsg: 'invalid credential' },
  },
  credentialOf: (entry) => new URLSearchParams(entry.query).get('access_token') ?? undefined,
  get secrets() {
    return appSecrets
  },
})
