import { createBaiduSandboxModule, startSandbox } from '@ordersync/sandbox'
import { testConvergence } from '@ordersync/sandbox/testing'
import { describe } from 'vitest'
import { platformDescriptor } from './baidu-descriptor.ts'
import type { BaiduPreparedOrder } from './convert-to-baidu-order.ts'

describe('baidu: every order converges on its newest version', () => {
  testConvergence<BaiduPreparedOrder>({
    name: 'baidu',
    sandboxPlatform: 'baidu',
    startSandbox: (seed) => startSandbox({ seed, modules: [createBaiduSandboxModule()] }),
    createClient: (sandbox, overrides) => platformDescriptor.createClient(sandbox, overrides),
    makeOrder: (index) => platformDescriptor.makeOrder(index),
    stored: (record) => record,
    expected: (prepared) => prepared.payload.body.Data[0],
    busy: platformDescriptor.faults.retryable,
  })
})
