import type { OrderInput } from '@ordersync/core'
import { createWixtarSandboxModule, startSandbox } from '@ordersync/sandbox'
import { testConvergence } from '@ordersync/sandbox/testing'
import { describe } from 'vitest'
import type { WixtarPreparedOrder } from './convert-to-wixtar-order.ts'
import { platformDescriptor } from './wixtar-descriptor.ts'

/**
 * Version `version` of an order corrects the customer's name: Wixtar carries it, not
 * `modifiedAt`, so an older version landing late shows.
 */
function laterWixtarVersion(order: OrderInput, version: number): OrderInput {
  return { ...order, buyer: { ...order.buyer, name: `Wang Daming (v${version})` } }
}

describe('wixtar: every order converges on its newest version', () => {
  testConvergence<WixtarPreparedOrder>({
    name: 'wixtar',
    sandboxPlatform: 'wixtar',
    startSandbox: (seed) => startSandbox({ seed, modules: [createWixtarSandboxModule()] }),
    createClient: (sandbox, overrides) => platformDescriptor.createClient(sandbox, overrides),
    makeOrder: (index) => platformDescriptor.makeOrder(index),
    makeVersion: laterWixtarVersion,
    stored: (record) => record,
    expected: (prepared) => prepared.payload.order,
    busy: platformDescriptor.faults.retryable,
  })
})
