import { createWixtarSandboxModule, startSandbox } from '@ordersync/sandbox'
import { testPlatform } from '@ordersync/sandbox/testing'
import { platformDescriptor } from './wixtar-descriptor.ts'

// Both on their defaults: the units of the document's example (charges and payments in whole
// dollars, item prices in cents).
testPlatform(platformDescriptor, {
  startSandbox: () => startSandbox({ modules: [createWixtarSandboxModule()] }),
})
