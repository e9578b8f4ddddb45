import { createAlipayPlusSandboxModule } from './platforms/alipayplus-sandbox-module.ts'
import { createYoushuSandboxModule } from './platforms/youshu-sandbox-module.ts'

/**
 * The platform modules the sandbox serves when none are named: one per platform package, each
 * written from the platform's document alone. Platforms whose package does not exist yet have no
 * module yet.
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
  ReturnType<typeof createAlipayPlusSandboxModule>,
  ReturnType<typeof createYoushuSandboxModule>,
] {
  return [createAlipayPlusSandboxModule(), createYoushuSandboxModule()]
}
