declare const __PACKAGE_VERSION__: string

/**
 * The version of `@ordersync/alipayplus` in use, as its `package.json` states it. Its requests
 * will carry it in their user-agent, `ordersync/alipayplus/<version>`, so that a trace or a support
 * ticket names the release that sent them.
 *
 * @example
 * ```ts
 * /^\d+\.\d+\.\d+/.test(alipayPlusVersion) // true
 * ```
 */
export const alipayPlusVersion: string = __PACKAGE_VERSION__
