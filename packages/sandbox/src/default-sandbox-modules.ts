import {
  type AlipayPlusSandboxCredentials,
  createAlipayPlusSandboxModule,
} from './platforms/alipayplus-sandbox-module.ts'
import {
  type BaiduSandboxCredentials,
  createBaiduSandboxModule,
} from './platforms/baidu-sandbox-module.ts'
import {
  createWechatSandboxModule,
  type WechatSandboxCredentials,
} from './platforms/wechat-sandbox-module.ts'
import {
  createWechatShippingSandboxModule,
  type WechatShippingSandboxModule,
} from './platforms/wechat-shipping-sandbox-module.ts'
import { createWechatTokenAuthority } from './platforms/wechat-token-authority.ts'
import {
  createWixtarSandboxModule,
  type WixtarSandboxCredentials,
} from './platforms/wixtar-sandbox-module.ts'
import {
  createYoushuSandboxModule,
  type YoushuSandboxCredentials,
} from './platforms/youshu-sandbox-module.ts'
import type { SandboxPlatformModule } from './sandbox-types.ts'

/**
 * The platform modules the sandbox serves when none are named: one per platform package, each
 * written from the platform's document alone. The two WeChat modules (`wechat`, `wechat-shipping`)
 * share one {@link createWechatTokenAuthority | token authority}: the same credentials, and each
 * accepts the tokens the other's token paths issued.
 *
 * @returns Fresh module instances (each keeps its own tokens and orders), as a tuple whose type
 *   gives `startSandbox()`'s `credentials` one typed entry per platform: a module added here (and
 *   to the tuple type) adds its platform's credentials.
 * @example
 * ```ts
 * const sandbox = await startSandbox({ modules: createDefaultSandboxModules() })
 * ```
 */
export function createDefaultSandboxModules(): readonly [
  SandboxPlatformModule<'alipayplus', AlipayPlusSandboxCredentials>,
  SandboxPlatformModule<'baidu', BaiduSandboxCredentials>,
  SandboxPlatformModule<'wechat', WechatSandboxCredentials>,
  WechatShippingSandboxModule,
  SandboxPlatformModule<'wixtar', WixtarSandboxCredentials>,
  SandboxPlatformModule<'youshu', YoushuSandboxCredentials>,
] {
  // Each module typed with its platform's name and credentials, so that startSandbox() types
  // `credentials` per platform: a module added here is added to the tuple type too.
  // One WeChat token authority for both WeChat modules: an app's token works on all its APIs.
  const tokenAuthority = createWechatTokenAuthority()
  return [
    createAlipayPlusSandboxModule(),
    createBaiduSandboxModule(),
    createWechatSandboxModule({ tokenAuthority }),
    createWechatShippingSandboxModule({ tokenAuthority }),
    createWixtarSandboxModule(),
    createYoushuSandboxModule(),
  ]
}
