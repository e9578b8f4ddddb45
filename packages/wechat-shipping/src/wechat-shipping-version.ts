declare const __PACKAGE_VERSION__: string

/**
 * The version of `@ordersync/wechat-shipping` in use, as its `package.json` states it. Its
 * requests carry it in their user-agent, `ordersync/wechat-shipping/<version>`, so that a trace or
 * a support ticket names the release that sent them.
 *
 * @example
 * ```ts
 * /^\d+\.\d+\.\d+/.test(wechatShippingVersion) // true
 * ```
 */
export const wechatShippingVersion: string = __PACKAGE_VERSION__
