import { z } from 'zod'
import { baiduAfterSaleStatuses, detailPageSchema } from './baidu-order-schema.ts'

// Runtime checks of platformOptions.baidu (order and line), so that a wrong option fails with its
// canonical path (`platformOptions.baidu.category`) rather than deep in the payload.

const text = z.string().min(1, 'must not be empty')

/**
 * The schema of `order.platformOptions.baidu` ({@link BaiduOrderOptions}).
 *
 * @example
 * ```ts
 * baiduOrderOptionsSchema.safeParse({ openId: 'o1', swanId: 's1' }).success // true — both are sent
 * baiduOrderOptionsSchema.safeParse({ category: 5 }).success // false — CateID 1 or 2
 * ```
 */
export const baiduOrderOptionsSchema: z.ZodType = z.strictObject({
  openId: text.optional(),
  swanId: text.optional(),
  sceneId: text.optional(),
  sceneType: z.number().int().nonnegative().optional(),
  category: z.union([z.literal(1), z.literal(2)]).optional(),
  status: z.number().int().nonnegative().optional(),
  afterSaleStatus: z.union(baiduAfterSaleStatuses.map((value) => z.literal(value))).optional(),
  orderDetail: detailPageSchema.optional(),
  appraise: detailPageSchema.optional(),
})

/**
 * The schema of `line.platformOptions.baidu` ({@link BaiduLineOptions}).
 *
 * @example
 * ```ts
 * baiduLineOptionsSchema.safeParse({ detailPage: { Status: 3 } }).success // false: 0, 1 or 2
 * ```
 */
export const baiduLineOptionsSchema: z.ZodType = z.strictObject({
  detailPage: detailPageSchema.optional(),
})
