declare const __PACKAGE_VERSION__: string

/**
 * The version of `@ordersync/wechat` in use, as its `package.json` states it. Its requests will
 * carry it in their user-agent, `ordersync/wechat/<version>`, so that a trace or a support ticket
 * names the release that sent them.
 *
 * @example
 * ```ts
 * /^\d+\.\d+\.\d+/.test(wechatVersion) // true
 * ```
 */
export const wechatVersion: string = __PACKAGE_VERSION__
