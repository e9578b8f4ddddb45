import { createYoushuSandboxModule, startSandbox } from '@ordersync/sandbox'
import { testConvergence } from '@ordersync/sandbox/testing'
import { describe } from 'vitest'
import type { YoushuPreparedOrder } from './convert-to-youshu-order.ts'
import { platformDescriptor } from './youshu-descriptor.ts'

describe('youshu: every order converges on its newest version', () => {
  testConvergence<YoushuPreparedOrder>({
    name: 'youshu',
    sandboxPlatform: 'youshu',
    startSandbox: (seed) => startSandbox({ seed, modules: [createYoushuSandboxModule()] }),
    createClient: (sandbox, overrides) => platformDescriptor.createClient(sandbox, overrides),
    makeOrder: (index) => platformDescriptor.makeOrder(index),
    // The sandbox keeps the last add_order order (and the status of a later order/update).
    stored: (record) => record,
    expected: (prepared) => prepared.payload.orders.at(-1),
    busy: platformDescriptor.faults.retryable,
  })
})
