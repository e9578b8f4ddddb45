import { createWechatShippingSandboxModule, startSandbox } from '@ordersync/sandbox'
import { testPlatform } from '@ordersync/sandbox/testing'
import { platformDescriptor } from './wechat-shipping-descriptor.ts'

testPlatform(platformDescriptor, {
  startSandbox: () => startSandbox({ modules: [createWechatShippingSandboxModule()] }),
})
