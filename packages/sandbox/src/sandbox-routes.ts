import type { SandboxPlatformModule, SandboxRoute } from './sandbox-types.ts'

/** The route that serves a method and path, and the modules that registered it. */
export interface SandboxRouteMatch {
  /** The first module that registered the route: its store is the one the route is given. */
  readonly module: SandboxPlatformModule
  readonly route: SandboxRoute
  /**
   * Every module that registered this very route object, first first (one, unless modules share
   * a route, as the WeChat modules share their token authority's): the request is counted,
   * logged and matched against faults under each of their platforms.
   */
  readonly modules: readonly SandboxPlatformModule[]
}

/** The modules a sandbox serves and who serves each method and path. */
export interface SandboxRouteTable {
  /** The modules by platform id. */
  readonly modules: ReadonlyMap<string, SandboxPlatformModule>
  /** The endpoint paths of each platform, for checking fault specs. */
  readonly endpointsByPlatform: ReadonlyMap<string, ReadonlySet<string>>
  /** The route that serves a method and path, and who registered it. */
  match(method: string | undefined, path: string): SandboxRouteMatch | undefined
  /** The methods served on a path, for a 405 answer; `undefined` for an unknown path. */
  methodsOn(path: string): ReadonlySet<string> | undefined
}

/**
 * Indexes the routes of `modules`. Two modules may register the very same route object (a shared
 * token authority's): it is served once, by the first, and counted, logged and faulted under both.
 *
 * @throws `Error` when a platform is registered twice, or two modules claim one method and path
 *   with different routes.
 */
export function createRouteTable(modules: readonly SandboxPlatformModule[]): SandboxRouteTable {
  const byPlatform = new Map<string, SandboxPlatformModule>()
  const routes = new Map<string, { route: SandboxRoute; modules: SandboxPlatformModule[] }>()
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
      if (existing === undefined) routes.set(key, { route, modules: [module] })
      else if (existing.route === route) existing.modules.push(module)
      else {
        const first = existing.modules[0]?.platform
        throw new Error(
          `[sandbox] ${key} is claimed by both ${first} and ${module.platform}; modules that serve one path must share the route (for the WeChat modules, give both one createWechatTokenAuthority() as tokenAuthority)`,
        )
      }
    }
  }
  return {
    modules: byPlatform,
    endpointsByPlatform,
    match(method, path) {
      const found = routes.get(`${method} ${path}`)
      const first = found?.modules[0]
      return found === undefined || first === undefined
        ? undefined
        : { module: first, route: found.route, modules: found.modules }
    },
    methodsOn: (path) => methodsByPath.get(path),
  }
}
