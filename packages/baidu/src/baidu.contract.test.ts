import { createBaiduSandboxModule, startSandbox } from '@ordersync/sandbox'
import { testPlatform } from '@ordersync/sandbox/testing'
import { platformDescriptor } from './baidu-descriptor.ts'

testPlatform(platformDescriptor, {
  startSandbox: () => startSandbox({ modules: [createBaiduSandboxModule()] }),
})
