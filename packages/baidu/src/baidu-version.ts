declare const __PACKAGE_VERSION__: string

/**
 * The version of `@ordersync/baidu` in use, as its `package.json` states it. Its requests will
 * carry it in their user-agent, `ordersync/baidu/<version>`, so that a trace or a support ticket
 * names the release that sent them.
 *
 * @example
 * ```ts
 * /^\d+\.\d+\.\d+/.test(baiduVersion) // true
 * ```
 */
export const baiduVersion: string = __PACKAGE_VERSION__
