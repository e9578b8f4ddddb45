import type { SandboxPlatformModule } from './sandbox-types.ts'

/**
 * The platform modules the sandbox serves when none are named: one per platform package, each
 * written from the platform's document alone. Each platform's issue adds its module here; until
 * then the list is empty and `startSandbox` serves only what it is given.
 *
 * @returns Fresh module instances (each keeps its own tokens and orders).
 * @example
 * ```ts
 * const sandbox = await startSandbox({ modules: createDefaultSandboxModules() })
 * ```
 */
export function createDefaultSandboxModules(): SandboxPlatformModule[] {
  return []
}
