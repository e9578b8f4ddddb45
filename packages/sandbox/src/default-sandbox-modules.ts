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
 * written from the platform's document alone.
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
  SandboxPlatformModule<'wixtar', WixtarSandboxCredentials>,
  SandboxPlatformModule<'youshu', YoushuSandboxCredentials>,
] {
  // Each module typed with its platform's name and credentials, so that startSandbox() types
  // `credentials` per platform: a module added here is added to the tuple type too.
  return [
    createAlipayPlusSandboxModule(),
    createBaiduSandboxModule(),
    createWechatSandboxModule(),
    createWixtarSandboxModule(),
    createYoushuSandboxModule(),
  ]
}
