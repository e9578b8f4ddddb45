import { createAlipayPlusSandboxModule, startSandbox } from '@ordersync/sandbox'
import { testPlatform } from '@ordersync/sandbox/testing'
import { platformDescriptor } from './alipayplus-descriptor.ts'

testPlatform(platformDescriptor, {
  startSandbox: () => startSandbox({ modules: [createAlipayPlusSandboxModule()] }),
})
