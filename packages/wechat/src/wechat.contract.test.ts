import { createWechatSandboxModule, startSandbox } from '@ordersync/sandbox'
import { testPlatform } from '@ordersync/sandbox/testing'
import { platformDescriptor } from './wechat-descriptor.ts'

testPlatform(platformDescriptor, {
  startSandbox: () => startSandbox({ modules: [createWechatSandboxModule()] }),
})
