import { createYoushuSandboxModule, startSandbox } from '@ordersync/sandbox'
import { testPlatform } from '@ordersync/sandbox/testing'
import { platformDescriptor } from './youshu-descriptor.ts'

testPlatform(platformDescriptor, {
  startSandbox: () => startSandbox({ modules: [createYoushuSandboxModule()] }),
})
