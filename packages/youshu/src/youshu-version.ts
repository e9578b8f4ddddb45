declare const __PACKAGE_VERSION__: string

/**
 * The version of `@ordersync/youshu` in use, as its `package.json` states it. Its requests will
 * carry it in their user-agent, `ordersync/youshu/<version>`, so that a trace or a support ticket
 * names the release that sent them.
 *
 * @example
 * ```ts
 * /^\d+\.\d+\.\d+/.test(youshuVersion) // true
 * ```
 */
export const youshuVersion: string = __PACKAGE_VERSION__
