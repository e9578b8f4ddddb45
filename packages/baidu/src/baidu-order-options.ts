import { lazySchema, type WireShape } from '@ordersync/core'
import { z } from 'zod'
import {
  type BaiduAfterSaleStatus,
  type BaiduDetailPage,
  baiduAfterSaleStatuses,
  detailPageSchema,
} from './baidu-order-schema.ts'

// The schemas here are built on first use (lazySchema), not when the package is imported:
// constructing zod schemas costs time at startup that a program which has not validated anything
// yet should not pay, and most programs never use most of them.

// platformOptions.baidu (order and line): the types a user writes, and the schemas that check them
// at run time, so that a wrong option fails with its canonical path (`platformOptions.baidu.category`)
// rather than deep in the payload. Each schema is typed by its interface and lists exactly its
// keys: the compiler keeps the two in step.

/**
 * The Baidu-only fields of a canonical order, under `order.platformOptions.baidu`. Everything
 * here is optional; the canonical order carries the rest.
 *
 * @example
 * ```ts
 * const order: OrderInput = {
 *   ...rest,
 *   platformOptions: { baidu: { swanId: 'swan-4f1c', sceneId: '15925907919', category: 2 } },
 * }
 * ```
 */
export interface BaiduOrderOptions {
  /**
   * The buyer's Baidu `open_id`, when `buyer.platformUserId` holds another platform's id. Default:
   * `buyer.platformUserId`.
   */
  readonly openId?: string | undefined
  /**
   * The buyer's `swan_id` (a buyer not logged in to the Baidu App has only this one). Sent beside
   * `open_id` when that is known too (unless the client's `sendOpenIdWithSwanId` is `false`), and
   * alone otherwise.
   */
  readonly swanId?: string | undefined
  /**
   * `scene_id`: the order id Baidu's cashier returned in the payment notification. Default: the
   * `transactionId` of the order's payment, when exactly one payment has one and the order is not
   * cash on delivery.
   */
  readonly sceneId?: string | undefined
  /**
   * `scene_type` ("开发者请默认传 2").
   *
   * @default 2
   */
  readonly sceneType?: number | undefined
  /** `CateID` of this order, overriding the client's `categoryByOrderType`. */
  readonly category?: 1 | 2 | undefined
  /**
   * `Data.Status` to send instead of the mapped one (checked against the category's table), e.g.
   * 5 for a physical order being refunded before it shipped.
   */
  readonly status?: number | undefined
  /** The summary `SubsOrder.Status` instead of the computed one. */
  readonly afterSaleStatus?: BaiduAfterSaleStatus | undefined
  /**
   * `EXT.MainOrder.OrderDetail` beyond the link made from `detailPageUrl` (a name, app schemes).
   * Its `SwanSchema` may be a page path: it is made the launch scheme
   * `baiduboxapp://swan/<App Key>/<page path>`, percent-encoded, as `detailPageUrl` is.
   */
  readonly orderDetail?: BaiduDetailPage | undefined
  /**
   * `EXT.MainOrder.Appraise`: where the buyer reviews the order. A page path in its `SwanSchema`
   * is made the launch scheme, as in `orderDetail`.
   */
  readonly appraise?: BaiduDetailPage | undefined
}

/**
 * The Baidu-only fields of a line, under `line.platformOptions.baidu`.
 *
 * @example
 * ```ts
 * const [first, ...others] = rest.lines
 * const input: OrderInput = {
 *   ...rest,
 *   lines: [{ ...first!, url: 'https://shop.example.com/p/1', platformOptions: { baidu: { detailPage: { Name: '商品详情' } } } }, ...others],
 * }
 * toBaiduOrder(parseOrder(input), { appKey }).body.Data[0].EXT.MainOrder.Products[0]?.DetailPage
 * // { Status: 2, H5Schema: 'https://shop.example.com/p/1', Name: '商品详情' }
 * ```
 */
export interface BaiduLineOptions {
  /**
   * `Products[].DetailPage` beyond the link made from the line's `url`; a page path in its
   * `SwanSchema` is made the launch scheme, as in the order's `orderDetail`.
   */
  readonly detailPage?: BaiduDetailPage | undefined
}

const text = lazySchema(() => z.string().min(1, 'must not be empty'))

/**
 * The schema of `order.platformOptions.baidu` ({@link BaiduOrderOptions}).
 *
 * @example
 * ```ts
 * baiduOrderOptionsSchema.safeParse({ openId: 'o1', swanId: 's1' }).success // true — both are sent
 * baiduOrderOptionsSchema.safeParse({ category: 5 }).success // false — CateID 1 or 2
 * ```
 */
export const baiduOrderOptionsSchema: z.ZodType<BaiduOrderOptions> = lazySchema(() =>
  z.strictObject({
    openId: text.optional(),
    swanId: text.optional(),
    sceneId: text.optional(),
    sceneType: z.number().int().nonnegative().optional(),
    category: z.union([z.literal(1), z.literal(2)]).optional(),
    status: z.number().int().nonnegative().optional(),
    afterSaleStatus: z.union(baiduAfterSaleStatuses.map((value) => z.literal(value))).optional(),
    orderDetail: detailPageSchema.optional(),
    appraise: detailPageSchema.optional(),
  } satisfies WireShape<BaiduOrderOptions>),
)

/**
 * The schema of `line.platformOptions.baidu` ({@link BaiduLineOptions}).
 *
 * @example
 * ```ts
 * baiduLineOptionsSchema.safeParse({ detailPage: { Status: 3 } }).success // false: 0, 1 or 2
 * ```
 */
export const baiduLineOptionsSchema: z.ZodType<BaiduLineOptions> = lazySchema(() =>
  z.strictObject({
    detailPage: detailPageSchema.optional(),
  } satisfies WireShape<BaiduLineOptions>),
)

declare module '@ordersync/core' {
  interface PlatformOptionsRegistry {
    baidu: BaiduOrderOptions
  }
  interface LinePlatformOptionsRegistry {
    baidu: BaiduLineOptions
  }
}
