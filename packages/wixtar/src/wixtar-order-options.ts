/**
 * The Wixtar-only fields of a canonical order, under `order.platformOptions.wixtar`.
 *
 * @example
 * ```ts
 * const order = { ...rest, platformOptions: { wixtar: { customize: 'table 12', salesMethod: 'TAKE_OUT' } } }
 * ```
 */
export interface WixtarOrderOptions {
  /** `customize`: any text the merchant wants to keep with the order. */
  readonly customize?: string
  /** `type` ("sales method") for this order, instead of the client's `salesMethods` mapping. */
  readonly salesMethod?: string
  /** `source_type` ("client equipment") for this order, instead of the client's `sourceTypes` mapping. */
  readonly sourceType?: string
}

/**
 * The Wixtar-only fields of a line, under `line.platformOptions.wixtar`.
 *
 * @example
 * ```ts
 * const line = { ...rest, platformOptions: { wixtar: { serialNumber: 5001, ticketNo: 'T-17', redeemPoint: 30 } } }
 * ```
 */
export interface WixtarLineOptions {
  /** `serial_number`: the item's serial number in the merchant's system (the example shows 1 and 5001). */
  readonly serialNumber?: number
  /** `ticket_no`: the ticket number of the item. */
  readonly ticketNo?: string
  /** `redeem_point`: the points redeemed for the item. */
  readonly redeemPoint?: number
}

declare module '@ordersync/core' {
  interface PlatformOptionsRegistry {
    wixtar: WixtarOrderOptions
  }
  interface LinePlatformOptionsRegistry {
    wixtar: WixtarLineOptions
  }
}
