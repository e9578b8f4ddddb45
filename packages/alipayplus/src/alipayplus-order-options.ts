import type { alipayPlusOrderTypes, alipayPlusWallets } from './alipayplus-order-schema.ts'

/**
 * The Alipay+-only fields of a canonical order, under `order.platformOptions.alipayplus`.
 *
 * @example
 * ```ts
 * const order = { ...rest, platformOptions: { alipayplus: { customerBelongsTo: 'GCASH', storeTerminalId: 'T-01' } } }
 * ```
 */
export interface AlipayPlusOrderOptions {
  /** The buyer's wallet, when it differs from the client's `customerBelongsTo`. */
  readonly customerBelongsTo?: (typeof alipayPlusWallets)[number]
  /** The order type, for orders whose canonical type has no Alipay+ equivalent (`virtual`). */
  readonly orderType?: (typeof alipayPlusOrderTypes)[number]
  /** `merchant.merchantRegisterDate`, ISO 8601 with offset as Alipay+ shows it. */
  readonly merchantRegisterDate?: string
  /** `merchant.merchantStore.storeTerminalId`. */
  readonly storeTerminalId?: string
  /** `merchant.merchantStore.storeOperatorId`. */
  readonly storeOperatorId?: string
  /** `extendInfo` JSON text of the merchant's and the store's address. */
  readonly merchantAddressExtendInfo?: string
  readonly storeAddressExtendInfo?: string
  /**
   * `promoType` of the promoDetails; the sample shows `INSTANT_DISCOUNT`, the enum is not published.
   *
   * @default 'INSTANT_DISCOUNT'
   */
  readonly promoType?: string
}

/**
 * The Alipay+-only fields of a line, under `line.platformOptions.alipayplus`.
 *
 * @example
 * ```ts
 * const line = { ...rest, platformOptions: { alipayplus: { extendInfo: '{"key": "value"}' } } }
 * ```
 */
export interface AlipayPlusLineOptions {
  /** `goods[].extendInfo`: JSON text, as the sample sends it. */
  readonly extendInfo?: string
}

declare module '@ordersync/core' {
  interface PlatformOptionsRegistry {
    alipayplus: AlipayPlusOrderOptions
  }
  interface LinePlatformOptionsRegistry {
    alipayplus: AlipayPlusLineOptions
  }
}
