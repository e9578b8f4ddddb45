/**
 * `@ordersync/sandbox`: one local HTTP server that stands in for the order-sync platforms, with
 * request logs, counters and fault injection, for tests, the demo and benchmarks.
 *
 * @packageDocumentation
 */

export { checkFaultSpec, SandboxFaultSpecError } from './check-fault-spec.ts'
export { createDefaultSandboxModules } from './default-sandbox-modules.ts'
export {
  type AlipayPlusSandboxCredentials,
  createAlipayPlusSandboxModule,
} from './platforms/alipayplus-sandbox-module.ts'
export {
  type BaiduSandboxCredentials,
  type BaiduSandboxOptions,
  baiduSandboxErrnos,
  createBaiduSandboxModule,
} from './platforms/baidu-sandbox-module.ts'
export {
  createWechatSandboxModule,
  type WechatSandboxCredentials,
  type WechatSandboxOptions,
  type WechatSandboxOrder,
  wechatSandboxErrcodes,
} from './platforms/wechat-sandbox-module.ts'
export type {
  WechatShippingSandboxControl,
  WechatShippingSandboxOrder,
  WechatShippingSandboxParcel,
  WechatShippingSandboxPayment,
  WechatShippingSandboxPaymentInput,
} from './platforms/wechat-shipping-payments.ts'
export {
  createWechatShippingSandboxModule,
  type WechatShippingSandboxCarrier,
  type WechatShippingSandboxCredentials,
  type WechatShippingSandboxModule,
  type WechatShippingSandboxOptions,
  wechatShippingSandboxErrcodes,
  wechatShippingSandboxRetryableErrcodes,
  wechatShippingSandboxTokenErrcodes,
} from './platforms/wechat-shipping-sandbox-module.ts'
export {
  createWechatTokenAuthority,
  type WechatTokenAuthority,
  type WechatTokenAuthorityOptions,
  type WechatTokenCredentials,
} from './platforms/wechat-token-authority.ts'
export {
  createWixtarSandboxModule,
  type WixtarAmountScale,
  type WixtarSandboxCredentials,
  type WixtarSandboxOptions,
} from './platforms/wixtar-sandbox-module.ts'
export {
  createYoushuSandboxModule,
  type YoushuSandboxCredentials,
  youshuSandboxKnownRetcodes,
  youshuSandboxRetcodes,
} from './platforms/youshu-sandbox-module.ts'
export type { FaultHandle, SandboxControl, SandboxCounters } from './sandbox-control.ts'
export type {
  FaultAction,
  FaultSpec,
  RequestLogEntry,
  SandboxContext,
  SandboxCredentials,
  SandboxPlatformModule,
  SandboxRequest,
  SandboxResponse,
  SandboxRoute,
} from './sandbox-types.ts'
export { createSeededRandom } from './seeded-random.ts'
export { type Sandbox, type StartSandboxOptions, startSandbox } from './start-sandbox.ts'
