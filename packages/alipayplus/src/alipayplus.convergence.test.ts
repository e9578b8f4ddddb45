import { createAlipayPlusSandboxModule, startSandbox } from '@ordersync/sandbox'
import { testConvergence } from '@ordersync/sandbox/testing'
import { describe } from 'vitest'
import { platformDescriptor } from './alipayplus-descriptor.ts'
import type { AlipayPlusSyncOrderRequest } from './alipayplus-order-schema.ts'

describe('alipayplus: every order converges on its newest version', () => {
  testConvergence<AlipayPlusSyncOrderRequest>({
    name: 'alipayplus',
    sandboxPlatform: 'alipayplus',
    startSandbox: (seed) => startSandbox({ seed, modules: [createAlipayPlusSandboxModule()] }),
    createClient: (sandbox, overrides) => platformDescriptor.createClient(sandbox, overrides),
    makeOrder: (index) => platformDescriptor.makeOrder(index),
    stored: (record) => record,
    expected: (prepared) => prepared.payload,
    busy: platformDescriptor.faults.retryable,
  })
})
