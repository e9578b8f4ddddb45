import type { SandboxPlatformModule, SandboxRoute } from './sandbox-types.ts'

/** The modules a sandbox serves and who serves each method and path. */
export interface SandboxRouteTable {
  /** The modules by platform id. */
  readonly modules: ReadonlyMap<string, SandboxPlatformModule>
  /** The endpoint paths of each platform, for checking fault specs. */
  readonly endpointsByPlatform: ReadonlyMap<string, ReadonlySet<string>>
  /** The module and route that serve a method and path. */
  match(
    method: string | undefined,
    path: string,
  ): { readonly module: SandboxPlatformModule; readonly route: SandboxRoute } | undefined
  /** The methods served on a path, for a 405 answer; `undefined` for an unknown path. */
  methodsOn(path: string): ReadonlySet<string> | undefined
}

/**
 * Indexes the routes of `modules`.
 *
 * @throws `Error` when a platform is registered twice, or two modules claim one method and path.
 */
export function createRouteTable(modules: readonly SandboxPlatformModule[]): SandboxRouteTable {
  const byPlatform = new Map<string, SandboxPlatformModule>()
  const routes = new Map<string, { module: SandboxPlatformModule; route: SandboxRoute }>()
  const methodsByPath = new Map<string, Set<string>>()
  const endpointsByPlatform = new Map<string, Set<string>>()
  for (const module of modules) {
    if (byPlatform.has(module.platform))
      throw new Error(`[sandbox] platform ${module.platform} is registered twice`)
    byPlatform.set(module.platform, module)
    endpointsByPlatform.set(module.platform, new Set(module.routes.map((route) => route.path)))
    for (const route of module.routes) {
      const methods = methodsByPath.get(route.path) ?? new Set()
      methods.add(route.method)
      methodsByPath.set(route.path, methods)
      const key = `${route.method} ${route.path}`
      const existing = routes.get(key)
      if (existing !== undefined) {
        throw new Error(
          `[sandbox] ${key} is claimed by both ${existing.module.platform} and ${module.platform}`,
        )
      }
      routes.set(key, { module, route })
    }
  }
  return {
    modules: byPlatform,
    endpointsByPlatform,
    match: (method, path) => routes.get(`${method} ${path}`),
    methodsOn: (path) => methodsByPath.get(path),
  }
}
