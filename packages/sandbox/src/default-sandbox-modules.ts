import { createAlipayPlusSandboxModule } from './platforms/alipayplus-sandbox-module.ts'
import { createBaiduSandboxModule } from './platforms/baidu-sandbox-module.ts'
import { createWeChatSandboxModule } from './platforms/wechat-sandbox-module.ts'
import { createWixtarSandboxModule } from './platforms/wixtar-sandbox-module.ts'
import { createYoushuSandboxModule } from './platforms/youshu-sandbox-module.ts'
import type { SandboxPlatformModule } from './sandbox-types.ts'

/**
 * The platform modules the sandbox serves when none are named: one per platform package, each
 * written from the platform's document alone.
 *
 * @returns Fresh module instances (each keeps its own tokens and orders).
 * @example
 * ```ts
 * const sandbox = await startSandbox({ modules: createDefaultSandboxModules() })
 * ```
 */
export function createDefaultSandboxModules(): SandboxPlatformModule[] {
  return [
    createAlipayPlusSandboxModule(),
    createBaiduSandboxModule(),
    createWeChatSandboxModule(),
    createWixtarSandboxModule(),
    createYoushuSandboxModule(),
  ]
}
