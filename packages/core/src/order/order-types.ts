import type { Money } from '../money/money.ts'
import type { AfterSaleStatus, AfterSaleType } from '../status/after-sale-status.ts'
import type { OrderStatus } from '../status/order-status.ts'
import type { Instant, InstantInput } from '../time/instant.ts'

// The canonical order, written once for both sides of `orderSchema`: `OrderShape<InstantInput>` is
// what users hand in (times as ISO strings with an offset, Dates or epoch milliseconds) and
// `OrderShape<Instant>` is what comes out (times as instants). Nothing else differs.

/**
 * How the order reaches the buyer: `pickup` (Alipay+ `PICK_UP`, WeChat delivery_type 4),
 * `dine_in` (Alipay+ `DINE_IN`), `delivery` by a courier (Alipay+ `DELIVERY`, WeChat 3),
 * `shipping` by a parcel carrier (WeChat 1, Baidu CateID 1) or `virtual` goods with nothing to carry
 * (WeChat 2, Baidu CateID 2).
 *
 * @example
 * ```ts
 * const type: OrderType = 'dine_in'
 * ```
 */
export type OrderType = 'pickup' | 'dine_in' | 'delivery' | 'shipping' | 'virtual'

/**
 * Where the buyer placed the order (Youshu `order_source`, Wixtar `source_type`).
 *
 * @example
 * ```ts
 * const channel: OrderChannel = 'mini_program'
 * ```
 */
export type OrderChannel =
  | 'mini_program'
  | 'app'
  | 'mobile_web'
  | 'pc_web'
  | 'pos'
  | 'self_service_kiosk'
  | 'other'

/**
 * A postal address or a geographic position, each part optional.
 *
 * @example
 * ```ts
 * const pickupPoint: Address = { city: 'Shenzhen', line1: '1 Keyuan Road', latitude: '22.54', longitude: '113.95' }
 * ```
 */
export interface Address {
  /** The recipient's name. */
  readonly name?: string | undefined
  /** The recipient's phone number, plain; platforms that want a hash get one. Never logged. */
  readonly phone?: string | undefined
  /** The country's name. */
  readonly country?: string | undefined
  /** ISO 3166-1 alpha-2 country code, e.g. `CN`. */
  readonly countryCode?: string | undefined
  /** Province or state name. */
  readonly province?: string | undefined
  /** Province code (for China, the 民政部 administrative division code, e.g. `440000`). */
  readonly provinceCode?: string | undefined
  /** City name. */
  readonly city?: string | undefined
  /** City code. */
  readonly cityCode?: string | undefined
  /** District or county name. */
  readonly district?: string | undefined
  /** District code. */
  readonly districtCode?: string | undefined
  /** Town or township. */
  readonly town?: string | undefined
  /** Street address. */
  readonly line1?: string | undefined
  /** Apartment, suite, unit, building. */
  readonly line2?: string | undefined
  /** Postal code. */
  readonly postalCode?: string | undefined
  /** A label such as `home`. */
  readonly label?: string | undefined
  /** Latitude as decimal text (kept as text so no digit is lost). */
  readonly latitude?: string | undefined
  /** Longitude as decimal text. */
  readonly longitude?: string | undefined
}

/**
 * The person who placed the order.
 *
 * @example
 * ```ts
 * const buyer: Buyer = { id: 'u-42', platformUserId: 'oTVP50O53a7jgmawAmxKukNlq3XI', phone: '13800138000' }
 * ```
 */
export interface Buyer {
  /** The merchant's own user id. */
  readonly id?: string | undefined
  /** The platform's id of the user: WeChat / Baidu / Youshu `openid`, Alipay+ `customerId`. */
  readonly platformUserId?: string | undefined
  /** Display name. */
  readonly name?: string | undefined
  /** Phone number, plain; platforms that want a hash get one. Never logged. */
  readonly phone?: string | undefined
  /** Email address. */
  readonly email?: string | undefined
}

/**
 * A shop of the merchant.
 *
 * @example
 * ```ts
 * const store: Store = { id: '9L33', name: '文华仓', address: { city: '福州市' } }
 * ```
 */
export interface Store {
  /** The merchant's store id. */
  readonly id: string
  /** The store's name. */
  readonly name?: string | undefined
  /** The name shown to buyers, when it differs. */
  readonly displayName?: string | undefined
  /** Merchant category code of the store. */
  readonly categoryCode?: string | undefined
  /** Country, region or group the store belongs to (Wixtar `group`). */
  readonly region?: string | undefined
  /** The store's phone number. */
  readonly phone?: string | undefined
  /** The store's address. */
  readonly address?: Address | undefined
}

/**
 * The seller.
 *
 * @example
 * ```ts
 * const merchant: Merchant = { name: 'Epoint', brand: { name: '百丽' }, store: { id: 'A01', name: 'Tainan Store' } }
 * ```
 */
export interface Merchant {
  /** The merchant's id. */
  readonly id?: string | undefined
  /** The merchant's (legal or company) name. */
  readonly name?: string | undefined
  /** The name shown to buyers, when it differs. */
  readonly displayName?: string | undefined
  /** Merchant category code (MCC). */
  readonly categoryCode?: string | undefined
  /** The merchant's address. */
  readonly address?: Address | undefined
  /** The brand the order is sold under. */
  readonly brand?:
    | { readonly id?: string | undefined; readonly name?: string | undefined }
    | undefined
  /** The store that sold the order. */
  readonly store?: Store | undefined
}

/**
 * One choice made on a line, such as "small spicy" or "add rice". A choice can carry choices of
 * its own (a drink in a set meal, with its sugar level): `modifiers`, nested at most six groups
 * deep counting the line's own (`maxModifierDepth`; `orderSchema` reports a deeper one).
 *
 * @example
 * ```ts
 * const rice: ModifierItem = { name: 'rice', quantity: 1, unitPrice: { amount: 0, currency: 'TWD' } }
 * const tea: ModifierItem = {
 *   name: 'black tea',
 *   quantity: 1,
 *   modifiers: [{ name: 'sugar', selected: [{ name: 'half sugar', quantity: 1 }] }],
 * }
 * ```
 */
export interface ModifierItem {
  /** The merchant's id of the choice. */
  readonly id?: string | undefined
  /** The choice's name. */
  readonly name: string
  /** How many; 0 is allowed (a choice shown as not taken). */
  readonly quantity: number
  /** Its price per unit. Informational: the line's `unitPrice` already includes it. */
  readonly unitPrice?: Money | undefined
  /** Choices made on this choice (Wixtar's recursive `selected_modifier_groups`). */
  readonly modifiers?: readonly ModifierGroup[] | undefined
}

/**
 * A group of choices on a line (Wixtar `selected_modifier_groups`).
 *
 * @example
 * ```ts
 * const spicy: ModifierGroup = { name: 'spicy', selected: [{ name: 'small spicy', quantity: 1 }] }
 * ```
 */
export interface ModifierGroup {
  /** The merchant's id of the group. */
  readonly id?: string | undefined
  /** The group's name, e.g. `spicy`. */
  readonly name: string
  /** The choices taken. */
  readonly selected: readonly ModifierItem[]
  /** The default choices removed. */
  readonly removed?: readonly ModifierItem[] | undefined
}

/**
 * One line of the order: a SKU, its quantity and its price.
 *
 * @example
 * ```ts
 * const line: OrderLine = { id: 'goods-a', skuId: 'goods-a', name: '商品a', quantity: 2, unitPrice: { amount: 2000, currency: 'CNY' } }
 * ```
 */
export interface OrderLine {
  /** The line's id, unique in the order; discounts, packages and after-sales refer to it. The SKU id works when each SKU appears once. */
  readonly id: string
  /** The SKU id. */
  readonly skuId: string
  /** The item's title at the time of the order. */
  readonly name: string
  /** The variant's name, e.g. `Blue, 42`. */
  readonly skuName?: string | undefined
  /** The product (SPU) id the SKU belongs to. */
  readonly productId?: string | undefined
  /** The product (SPU) name. */
  readonly productName?: string | undefined
  /** A short description. */
  readonly description?: string | undefined
  /** Image URLs, main image first. */
  readonly imageUrls?: readonly string[] | undefined
  /** The leaf category. */
  readonly category?:
    | { readonly id?: string | undefined; readonly name?: string | undefined }
    | undefined
  /** The item's brand. */
  readonly brand?: string | undefined
  /** The sale unit, e.g. `pair`, `件`. */
  readonly unit?: string | undefined
  /** A positive integer quantity. */
  readonly quantity: number
  /** The price of one unit before any discount, modifiers included. */
  readonly unitPrice: Money
  /** Whether the line is a free gift. */
  readonly isGift?: boolean | undefined
  /** SKU attributes, e.g. `{ name: 'Color', value: 'Red' }`. */
  readonly attributes?: readonly { readonly name: string; readonly value: string }[] | undefined
  /** Choices made on the line. */
  readonly modifiers?: readonly ModifierGroup[] | undefined
  /** The item's page in the mini program. */
  readonly url?: string | undefined
  /** Fields of this line that only one platform needs, keyed by platform. */
  readonly platformOptions?: LinePlatformOptions | undefined
}

/**
 * The level a discount applies at, which platforms report separately:
 * - `item`: on one line, before order totals (单品直降; Youshu counts it inside `goods_amount_total`);
 * - `order`: on the whole order (满减, merchant coupons);
 * - `payment`: granted by the payment provider at payment (WeChat Pay or bank discounts).
 *
 * @example
 * ```ts
 * const level: DiscountLevel = 'payment' // e.g. a WeChat Pay discount
 * ```
 */
export type DiscountLevel = 'item' | 'order' | 'payment'

/**
 * A reduction of what the buyer owes.
 *
 * @example
 * ```ts
 * const coupon: Discount = { level: 'order', kind: 'coupon', code: 'UWBE8873', name: '满100减10', amount: { amount: 1000, currency: 'CNY' } }
 * ```
 */
export interface Discount {
  /** The level; see {@link DiscountLevel}. */
  readonly level: DiscountLevel
  /** The amount taken off; not negative. */
  readonly amount: Money
  /** For `item` discounts (and only for them): the id of the line it applies to. */
  readonly lineId?: string | undefined
  /** What kind of discount it is. */
  readonly kind?: 'coupon' | 'promotion' | 'member_price' | 'points' | 'other' | undefined
  /** The promotion's or coupon batch's id. */
  readonly id?: string | undefined
  /** The individual coupon's code. */
  readonly code?: string | undefined
  /** The name shown to the buyer. */
  readonly name?: string | undefined
}

/**
 * A charge on top of goods and freight: tax, packaging, service, insurance.
 *
 * @example
 * ```ts
 * const tax: Fee = { name: '税费', kind: 'tax', amount: { amount: 200, currency: 'CNY' } }
 * ```
 */
export interface Fee {
  /** The name shown to the buyer, e.g. `Service charge`, `税费`. */
  readonly name: string
  /** The amount; not negative. */
  readonly amount: Money
  /** What kind of fee it is. */
  readonly kind?: 'tax' | 'packaging' | 'service' | 'insurance' | 'other' | undefined
}

/**
 * The parts that make up what the buyer owes.
 *
 * @example
 * ```ts
 * const charges: Charges = {
 *   goodsSubtotal: { amount: 10000, currency: 'CNY' },
 *   freight: { amount: 1000, currency: 'CNY' },
 *   discounts: [{ level: 'order', amount: { amount: 1000, currency: 'CNY' } }],
 * }
 * ```
 */
export interface Charges {
  /** The sum of `unitPrice × quantity` over the lines, before any discount. */
  readonly goodsSubtotal: Money
  /** Freight or delivery charge; absent means none. */
  readonly freight?: Money | undefined
  /** Other charges. */
  readonly fees?: readonly Fee[] | undefined
  /** Discounts at every level. */
  readonly discounts?: readonly Discount[] | undefined
}

/**
 * One payment towards the order.
 *
 * @example
 * ```ts
 * const payment: Payment<InstantInput> = { method: 'wechat_pay', amount: { amount: 10000, currency: 'CNY' }, transactionId: '4200000000000000001' }
 * ```
 */
export interface Payment<TTime = Instant> {
  /** How it was paid: `wechat_pay`, `alipay`, `card`, `cash`, `stored_value`, `points`, … (open list). */
  readonly method: string
  /** The amount paid this way. */
  readonly amount: Money
  /** The payment provider's transaction id. */
  readonly transactionId?: string | undefined
  /** The merchant's trade number given to the payment provider (WeChat Pay `out_trade_no`). */
  readonly merchantTradeNumber?: string | undefined
  /** When it was paid. */
  readonly paidAt?: TTime | undefined
}

/**
 * A parcel handed to a carrier.
 *
 * @example
 * ```ts
 * const parcel: DeliveryPackage<InstantInput> = {
 *   carrierName: '顺丰', trackingNumber: 'SF1234567890', shippedAt: '2024-05-20T18:00:00+08:00',
 *   lines: [{ lineId: 'goods-a', quantity: 2 }],
 * }
 * ```
 */
export interface DeliveryPackage<TTime = Instant> {
  /** The carrier's code. */
  readonly carrierCode?: string | undefined
  /** The carrier's name. */
  readonly carrierName?: string | undefined
  /** The tracking number. */
  readonly trackingNumber?: string | undefined
  /** When it was shipped. */
  readonly shippedAt?: TTime | undefined
  /** A page that shows the tracking. */
  readonly trackingUrl?: string | undefined
  /** What is in it, by line id. */
  readonly lines?: readonly { readonly lineId: string; readonly quantity: number }[] | undefined
}

/**
 * How and when the order reaches the buyer.
 *
 * @example
 * ```ts
 * const delivery: Delivery<InstantInput> = {
 *   window: { start: '2024-05-20T12:00:00+08:00', end: '2024-05-20T12:30:00+08:00' },
 *   pickupCode: { name: 'Order code', value: '101' },
 * }
 * ```
 */
export interface Delivery<TTime = Instant> {
  /** Where it goes (delivery, shipping) or where it is picked up. */
  readonly address?: Address | undefined
  /** The expected window: pickup, dine-in or delivery, by order type. */
  readonly window?:
    | { readonly start?: TTime | undefined; readonly end?: TTime | undefined }
    | undefined
  /** The code the buyer shows to collect a pickup or dine-in order. */
  readonly pickupCode?: { readonly name?: string | undefined; readonly value: string } | undefined
  /** The courier of a delivery order. */
  readonly courier?:
    | { readonly name?: string | undefined; readonly phone?: string | undefined }
    | undefined
  /** The parcels of a shipped order. */
  readonly packages?: readonly DeliveryPackage<TTime>[] | undefined
}

/**
 * An after-sale request: a refund, a return or an exchange.
 *
 * @example
 * ```ts
 * const refund: AfterSale<InstantInput> = {
 *   id: 'r1', type: 'refund_only', status: 'succeeded',
 *   createdAt: '2024-05-21T09:00:00+08:00', modifiedAt: '2024-05-21T09:30:00+08:00',
 *   refundAmount: { amount: 3600, currency: 'CNY' },
 * }
 * ```
 */
export interface AfterSale<TTime = Instant> {
  /** The after-sale id, unique in the order. */
  readonly id: string
  /** The kind of request. */
  readonly type: AfterSaleType
  /** Where the request stands. */
  readonly status: AfterSaleStatus
  /** When it was requested. */
  readonly createdAt: TTime
  /** When it last changed; not before `createdAt`. */
  readonly modifiedAt: TTime
  /** The money going back (zero for a pure exchange). */
  readonly refundAmount: Money
  /** The lines concerned; when given, their refund amounts add up to `refundAmount`. */
  readonly lines?:
    | readonly {
        readonly lineId: string
        readonly quantity: number
        readonly refundAmount: Money
      }[]
    | undefined
  /** The buyer's reason. */
  readonly reason?: string | undefined
  /** The request's page in the mini program. */
  readonly detailPageUrl?: string | undefined
}

/**
 * Fields that only one platform needs, keyed by platform id. Each platform package declares and
 * validates its own key by augmenting {@link PlatformOptionsRegistry}.
 *
 * @example
 * ```ts
 * const options: PlatformOptions = { youshu: { pointsTotal: 200 } }
 * ```
 */
export type PlatformOptions = {
  readonly [Platform in keyof PlatformOptionsRegistry]?:
    | PlatformOptionsRegistry[Platform]
    | undefined
} & { readonly [platform: string]: Readonly<Record<string, unknown>> | undefined }

/**
 * The registry that platform packages augment to type their `platformOptions` key:
 *
 * ```ts
 * declare module '@ordersync/core' {
 *   interface PlatformOptionsRegistry {
 *     youshu: YoushuOrderOptions
 *   }
 * }
 * ```
 *
 * @example
 * ```ts
 * declare module '@ordersync/core' {
 *   interface PlatformOptionsRegistry {
 *     myplatform: { storeCode: string }
 *   }
 * }
 * ```
 */
// biome-ignore lint/suspicious/noEmptyInterface: an interface, empty here, is what module augmentation extends.
export interface PlatformOptionsRegistry {}

/**
 * Fields of one line that only one platform needs, keyed by platform id; typed by
 * {@link LinePlatformOptionsRegistry}.
 *
 * @example
 * ```ts
 * const options: LinePlatformOptions = { youshu: { weightGrams: 350 } }
 * ```
 */
export type LinePlatformOptions = {
  readonly [Platform in keyof LinePlatformOptionsRegistry]?:
    | LinePlatformOptionsRegistry[Platform]
    | undefined
} & { readonly [platform: string]: Readonly<Record<string, unknown>> | undefined }

/**
 * The registry that platform packages augment to type a line's `platformOptions` key.
 *
 * @example
 * ```ts
 * import type { YoushuLineOptions } from '@ordersync/youshu'
 *
 * declare module '@ordersync/core' {
 *   interface LinePlatformOptionsRegistry {
 *     youshu: YoushuLineOptions
 *   }
 * }
 * ```
 */
// biome-ignore lint/suspicious/noEmptyInterface: an interface, empty here, is what module augmentation extends.
export interface LinePlatformOptionsRegistry {}

/**
 * The canonical order with times of type `TTime`; see {@link Order} and {@link OrderInput}.
 *
 * @example
 * ```ts
 * type OrderWithDates = OrderShape<Date> // the same order with Date times
 * ```
 */
export interface OrderShape<TTime> {
  /** The merchant's order id: Alipay+ `referenceOrderId`, Baidu `ResourceID`, WeChat `out_order_id`, Youshu `external_order_id`, Wixtar `order_id`. */
  readonly id: string
  /** A title for the order list (Baidu `Title`); platforms that need one default to the first line's name. */
  readonly title?: string | undefined
  /** How the order reaches the buyer. */
  readonly type: OrderType
  /** Where the order stands in the lifecycle. */
  readonly status: OrderStatus
  /** When the order entered its current status; defaults to `modifiedAt` where a platform needs it. */
  readonly statusChangedAt?: TTime | undefined
  /** When the order was placed. */
  readonly createdAt: TTime
  /**
   * When the order last changed. Platforms keep the latest modification (last writer wins), so this
   * is the merchant's own record, never "now", and it only moves forward.
   */
  readonly modifiedAt: TTime
  /** Whether the merchant hid (deleted) the order from the buyer's order list (Baidu 300, Youshu `is_deleted`). */
  readonly hidden?: boolean | undefined
  /** Where the buyer placed the order. */
  readonly channel?: OrderChannel | undefined
  /** The buyer. */
  readonly buyer?: Buyer | undefined
  /** The seller and its store. */
  readonly merchant?: Merchant | undefined
  /** The lines; at least one. */
  readonly lines: readonly OrderLine[]
  /** Goods subtotal, freight, fees and discounts. */
  readonly charges: Charges
  /** What the buyer owes: goods + freight + fees − discounts (every level). */
  readonly payableAmount: Money
  /** What the buyer has paid so far; zero when unpaid. Not more than `payableAmount`. */
  readonly paidAmount: Money
  /** The payments; when given, they add up to `paidAmount`. */
  readonly payments?: readonly Payment<TTime>[] | undefined
  /** Whether the buyer pays on delivery. */
  readonly cashOnDelivery?: boolean | undefined
  /** Delivery, pickup or dine-in details. */
  readonly delivery?: Delivery<TTime> | undefined
  /** After-sale requests; refunds that are not closed or rejected add up to at most `paidAmount`. */
  readonly afterSales?: readonly AfterSale<TTime>[] | undefined
  /** The order's detail page in the mini program. */
  readonly detailPageUrl?: string | undefined
  /** Fields that only one platform needs, keyed by platform. */
  readonly platformOptions?: PlatformOptions | undefined
}

/**
 * A valid canonical order, as `orderSchema` returns it: every time an {@link Instant}, every amount
 * an integer in minor units of one currency, and every identity of its charges checked.
 *
 * @example
 * ```ts
 * const order: Order = parseOrder(youshuFaqOrder)
 * order.createdAt // an Instant
 * ```
 */
export type Order = OrderShape<Instant>

/**
 * A canonical order as users write it: times as ISO 8601 strings with an offset, `Date`s or epoch
 * milliseconds. Validate it with `orderSchema` or {@link parseOrder} to get an {@link Order}.
 *
 * @example
 * ```ts
 * const input: OrderInput = youshuFaqOrder
 * const order = parseOrder(input)
 * ```
 */
export type OrderInput = OrderShape<InstantInput>
