import type { OrderSyncPlatformV1 } from '@ordersync/core'

/**
 * What a platform factory of the configuration is given: `env(name)` reads an environment
 * variable and stops the command with an error naming it when it is not set — credentials come
 * from the environment, never from the command line or the file.
 *
 * @example
 * ```ts
 * const context: PlatformFactoryContext = { platform: 'youshu', env: (name) => process.env[name] ?? '' }
 * context.env('YOUSHU_APP_ID')
 * ```
 */
export interface PlatformFactoryContext {
  /** The platform id the factory is configured under. */
  readonly platform: string
  /**
   * The value of the environment variable `name`.
   *
   * @throws when it is not set or empty; the command reports the variable and the setting.
   */
  env(name: string): string
}

/**
 * A platform of the configuration as a function that makes its client, typed by the platform
 * package you import: the way for settings that a JSON file cannot hold (hooks, `fetch`).
 *
 * @example
 * ```ts
 * import { createYoushu } from '@ordersync/youshu'
 *
 * const youshuFactory: PlatformFactory = ({ env }) =>
 *   createYoushu({ environment: 'production', appId: env('YOUSHU_APP_ID'), appSecret: env('YOUSHU_APP_SECRET'), merchantId: env('YOUSHU_MERCHANT_ID') })
 * ```
 */
export type PlatformFactory = (
  context: PlatformFactoryContext,
) => OrderSyncPlatformV1<unknown> | Promise<OrderSyncPlatformV1<unknown>>

/**
 * A platform of the configuration as data, which a JSON file can hold too: the command imports
 * `@ordersync/<platform>` and calls its `create<Platform>` with `settings`, each setting named in
 * `env` read from that environment variable.
 *
 * @example
 * ```ts
 * const youshu: PlatformSettings = {
 *   settings: { environment: 'production' },
 *   env: { appId: 'YOUSHU_APP_ID', appSecret: 'YOUSHU_APP_SECRET', merchantId: 'YOUSHU_MERCHANT_ID' },
 * }
 * ```
 */
export interface PlatformSettings {
  /** The client's settings that are not secret (`environment`, `baseURL`, `retry`, …). */
  readonly settings?: Readonly<Record<string, unknown>>
  /** Settings read from environment variables: setting name → variable name. */
  readonly env?: Readonly<Record<string, string>>
}

/**
 * The `ordersync` command's configuration: `ordersync.config.ts` (or `.js`, `.mjs`, `.json`) in
 * the folder it runs in, or the file `--config` names.
 *
 * @example
 * ```ts
 * const config: OrdersyncConfig = {
 *   platforms: { youshu: { settings: { environment: 'production' }, env: { appId: 'YOUSHU_APP_ID', appSecret: 'YOUSHU_APP_SECRET', merchantId: 'YOUSHU_MERCHANT_ID' } } },
 *   concurrency: 8,
 *   ledger: '.ordersync/ledger.sqlite',
 * }
 * ```
 */
export interface OrdersyncConfig {
  /** The platforms to sync to, by platform id (`youshu`, `wechat`, …). */
  readonly platforms: Readonly<Record<string, PlatformSettings | PlatformFactory>>
  /**
   * How many batches `syncOrders` keeps in flight.
   *
   * @default 8
   */
  readonly concurrency?: number
  /**
   * How long after a request in doubt it may still reach the platform (`syncOrders`'
   * `lateArrivalMs`).
   *
   * @default 10000
   */
  readonly lateArrivalMs?: number
  /**
   * The ledger file, relative to the configuration's folder; `false` for none (every run then
   * sends every order).
   *
   * @default '.ordersync/ledger.sqlite'
   */
  readonly ledger?: string | false
}

/**
 * Types the configuration of the `ordersync` command; it returns what it is given. Write it as
 * the default export of `ordersync.config.ts`.
 *
 * @param config - The platforms (each as settings with the environment variables of its
 *   credentials, or as a function that makes its client), the concurrency, the ledger file.
 * @returns `config`, unchanged.
 * @example
 * ```ts
 * // ordersync.config.ts holds `export default defineConfig({ … })`; here, the value alone.
 * import { defineConfig } from '@ordersync/cli'
 * import { createWechat } from '@ordersync/wechat'
 *
 * const config = defineConfig({
 *   platforms: {
 *     youshu: {
 *       settings: { environment: 'production' },
 *       env: { appId: 'YOUSHU_APP_ID', appSecret: 'YOUSHU_APP_SECRET', merchantId: 'YOUSHU_MERCHANT_ID' },
 *     },
 *     wechat: ({ env }) => createWechat({ appId: env('WECHAT_APP_ID'), appSecret: env('WECHAT_APP_SECRET') }),
 *   },
 *   concurrency: 8,
 * })
 * config.concurrency // 8
 * ```
 */
export function defineConfig(config: OrdersyncConfig): OrdersyncConfig {
  return config
}
