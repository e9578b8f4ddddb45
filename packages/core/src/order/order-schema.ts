import { z } from 'zod'
import { type CurrencyCode, currencyExponents } from '../money/currency.ts'
import type { Money } from '../money/money.ts'
import { afterSaleStatuses, afterSaleTypes } from '../status/after-sale-status.ts'
import { orderStatuses } from '../status/order-status.ts'
import type { Instant, InstantInput } from '../time/instant.ts'
import { toInstant } from '../time/instant.ts'
import { checkOrderConsistency } from './check-order-consistency.ts'
import { lazySchema } from './lazy-schema.ts'
import type { ModifierGroup, Order, OrderInput } from './order-types.ts'

// Every schema here is built on first use (lazySchema), not when core is imported: the canonical
// order is some 250 zod schemas, whose construction a program that has not validated yet should
// not pay at startup. The parts of the order's schema are functions for the same reason, called
// once when the order's schema is first used; parts it repeats (text, quantity, address) are
// built once and shared, as they were when they were module constants.

/**
 * A {@link Money} as the canonical order takes it: `{ amount, currency }` with `amount` a safe
 * integer of minor units and `currency` a supported ISO 4217 code. Negative amounts are allowed
 * here; the order's own fields use {@link nonNegativeMoneySchema}.
 *
 * @example
 * ```ts
 * moneySchema.parse({ amount: 1990, currency: 'CNY' }) // ok
 * moneySchema.safeParse({ amount: 19.9, currency: 'CNY' }).success // false
 * ```
 */
export const moneySchema: z.ZodType<Money, Money> = lazySchema(() =>
  z.strictObject(
    {
      amount: z
        .number()
        .refine(
          Number.isSafeInteger,
          'must be a safe integer count of minor units (fen, cents): 19.90 yuan is 1990',
        ),
      currency: z.enum(Object.keys(currencyExponents) as [CurrencyCode, ...CurrencyCode[]], {
        error: 'must be a supported upper-case ISO 4217 code',
      }),
    },
    {
      error: (issue) =>
        issue.code === 'invalid_type' &&
        (typeof issue.input === 'number' || typeof issue.input === 'string')
          ? `must be money, { amount, currency } with amount an integer of minor units, not a ${typeof issue.input}: parseMoney('19.90', 'CNY') makes { amount: 1990, currency: 'CNY' }`
          : undefined,
    },
  ),
)

/**
 * A {@link Money} whose amount is zero or more: prices, charges, discounts, payments, refunds.
 *
 * @example
 * ```ts
 * nonNegativeMoneySchema.safeParse({ amount: -1, currency: 'CNY' }).success // false
 * ```
 */
export const nonNegativeMoneySchema: z.ZodType<Money, Money> = lazySchema(() =>
  moneySchema.refine((value) => value.amount >= 0, 'must not be negative'),
)

/**
 * A time at the boundary — an ISO 8601 string with an offset, a `Date` or epoch milliseconds —
 * turned into an {@link Instant}. A string without an offset is an issue, not a guess.
 *
 * @example
 * ```ts
 * instantSchema.parse('2022-04-20T10:38:09+08:00') // 1650422289000
 * instantSchema.safeParse('2022-04-20 10:38:09').success // false
 * ```
 */
export const instantSchema: z.ZodType<Instant, InstantInput> = lazySchema(() =>
  z
    .union([z.string(), z.date(), z.number()], {
      error: 'must be an ISO 8601 string with an offset, a Date or epoch milliseconds',
    })
    .transform((value, context) => {
      try {
        return toInstant(value)
      } catch (error) {
        context.addIssue({
          code: 'custom',
          message: (error as { reason?: string }).reason ?? 'is not a valid time',
          params: { code: 'invalid_time' },
        })
        return z.NEVER
      }
    }),
)

/**
 * How deep modifier groups nest, counting the line's own: a line's groups are at depth 1, a choice
 * in them may carry groups at depth 2, and so on down to depth 6, whose choices carry none. Six is the deepest
 * menu a major delivery platform documents: Uber Eats' Menu API gives "six levels of modifier
 * groups on a top-level item" as the maximum ("Example Menu Payloads", Six Level Deeply Nested
 * Menu, https://developer.uber.com/docs/eats/references/api/v2/example-menu-payloads), and Wixtar's
 * `Item`/`ModifierGroup`, which nest without a stated limit, share its shape. Only deeper, and so
 * pathological, nesting is refused — a menu whose group contains itself nests without end — and
 * `orderSchema` reports it at the path of the first group too deep, as a `ValidationError` from
 * `parseOrder`.
 *
 * @example
 * ```ts
 * maxModifierDepth // 6
 * ```
 */
export const maxModifierDepth = 6

/** The small schemas the order's fields share, built once per build of the order's schema. */
function orderParts() {
  const text = z.string().min(1, 'must not be empty')
  const quantity = z.number().int('must be an integer').positive('must be positive')

  const address = z.strictObject({
    name: text.optional(),
    phone: text.optional(),
    country: text.optional(),
    countryCode: text.optional(),
    province: text.optional(),
    provinceCode: text.optional(),
    city: text.optional(),
    cityCode: text.optional(),
    district: text.optional(),
    districtCode: text.optional(),
    town: text.optional(),
    line1: text.optional(),
    line2: text.optional(),
    postalCode: text.optional(),
    label: text.optional(),
    latitude: z
      .string()
      .regex(/^-?\d{1,2}(\.\d+)?$/, 'must be decimal degrees as text')
      .optional(),
    longitude: z
      .string()
      .regex(/^-?\d{1,3}(\.\d+)?$/, 'must be decimal degrees as text')
      .optional(),
  })

  const platformOptions = z.record(z.string(), z.record(z.string(), z.unknown()))
  return { text, quantity, address, platformOptions }
}

type OrderParts = ReturnType<typeof orderParts>

/** The groups of choices at `depth` (1 for a line's own), each choice carrying the next depth's. */
function modifierGroups(
  depth: number,
  text: OrderParts['text'],
): z.ZodType<ModifierGroup[], ModifierGroup[]> {
  const nested: z.ZodType<ModifierGroup[] | undefined, ModifierGroup[] | undefined> =
    depth < maxModifierDepth
      ? modifierGroups(depth + 1, text).optional()
      : z
          .undefined({
            error: `modifier groups nest at most ${maxModifierDepth} deep counting the line's own, as the deepest Uber Eats menus do: these would be level ${maxModifierDepth + 1} — fold their choices into the group above`,
          })
          .optional()
  const item = z.strictObject({
    id: text.optional(),
    name: text,
    quantity: z.number().int('must be an integer').nonnegative('must not be negative'),
    unitPrice: nonNegativeMoneySchema.optional(),
    modifiers: nested,
  })
  return z.array(
    z.strictObject({
      id: text.optional(),
      name: text,
      selected: z.array(item),
      removed: z.array(item).optional(),
    }),
  )
}

/** A line of the order. */
function lineSchema({ text, quantity, platformOptions }: OrderParts) {
  return z.strictObject({
    id: text,
    skuId: text,
    name: text,
    skuName: text.optional(),
    productId: text.optional(),
    productName: text.optional(),
    description: text.optional(),
    imageUrls: z.array(text).optional(),
    category: z.strictObject({ id: text.optional(), name: text.optional() }).optional(),
    brand: text.optional(),
    unit: text.optional(),
    quantity,
    unitPrice: nonNegativeMoneySchema,
    isGift: z.boolean().optional(),
    attributes: z.array(z.strictObject({ name: text, value: text })).optional(),
    modifiers: modifierGroups(1, text).optional(),
    url: text.optional(),
    platformOptions: platformOptions.optional(),
  })
}

/** The order's charges: goods, freight, fees, discounts. */
function chargesSchema({ text }: OrderParts) {
  const discount = z.strictObject({
    level: z.enum(['item', 'order', 'payment']),
    amount: nonNegativeMoneySchema,
    lineId: text.optional(),
    kind: z.enum(['coupon', 'promotion', 'member_price', 'points', 'other']).optional(),
    id: text.optional(),
    code: text.optional(),
    name: text.optional(),
  })
  const fee = z.strictObject({
    name: text,
    amount: nonNegativeMoneySchema,
    kind: z.enum(['tax', 'packaging', 'service', 'insurance', 'other']).optional(),
  })
  return z.strictObject({
    goodsSubtotal: nonNegativeMoneySchema,
    freight: nonNegativeMoneySchema.optional(),
    fees: z.array(fee).optional(),
    discounts: z.array(discount).optional(),
  })
}

/** A payment of the order. */
function paymentSchema({ text }: OrderParts) {
  return z.strictObject({
    method: text,
    amount: nonNegativeMoneySchema,
    transactionId: text.optional(),
    merchantTradeNumber: text.optional(),
    paidAt: instantSchema.optional(),
  })
}

/** The order's delivery. */
function deliverySchema({ text, quantity, address }: OrderParts) {
  return z.strictObject({
    address: address.optional(),
    window: z
      .strictObject({ start: instantSchema.optional(), end: instantSchema.optional() })
      .optional(),
    pickupCode: z.strictObject({ name: text.optional(), value: text }).optional(),
    courier: z.strictObject({ name: text.optional(), phone: text.optional() }).optional(),
    packages: z
      .array(
        z.strictObject({
          carrierCode: text.optional(),
          carrierName: text.optional(),
          trackingNumber: text.optional(),
          shippedAt: instantSchema.optional(),
          trackingUrl: text.optional(),
          lines: z.array(z.strictObject({ lineId: text, quantity })).optional(),
        }),
      )
      .optional(),
  })
}

/** One after-sale of the order. */
function afterSaleSchema({ text, quantity }: OrderParts) {
  return z.strictObject({
    id: text,
    type: z.enum(afterSaleTypes),
    status: z.enum(afterSaleStatuses),
    createdAt: instantSchema,
    modifiedAt: instantSchema,
    refundAmount: nonNegativeMoneySchema,
    lines: z
      .array(z.strictObject({ lineId: text, quantity, refundAmount: nonNegativeMoneySchema }))
      .optional(),
    reason: text.optional(),
    detailPageUrl: text.optional(),
  })
}

/** The canonical order's fields: every part built once, shared where the order repeats it. */
function buildOrderObject(): z.ZodType<Order, OrderInput> {
  const parts = orderParts()
  const { text, address, platformOptions } = parts
  return z.strictObject({
    id: text,
    title: text.optional(),
    type: z.enum(['pickup', 'dine_in', 'delivery', 'shipping', 'virtual']),
    status: z.enum(orderStatuses),
    statusChangedAt: instantSchema.optional(),
    createdAt: instantSchema,
    modifiedAt: instantSchema,
    hidden: z.boolean().optional(),
    channel: z
      .enum(['mini_program', 'app', 'mobile_web', 'pc_web', 'pos', 'self_service_kiosk', 'other'])
      .optional(),
    buyer: z
      .strictObject({
        id: text.optional(),
        platformUserId: text.optional(),
        name: text.optional(),
        phone: text.optional(),
        email: text.optional(),
      })
      .optional(),
    merchant: z
      .strictObject({
        id: text.optional(),
        name: text.optional(),
        displayName: text.optional(),
        categoryCode: text.optional(),
        address: address.optional(),
        brand: z.strictObject({ id: text.optional(), name: text.optional() }).optional(),
        store: z
          .strictObject({
            id: text,
            name: text.optional(),
            displayName: text.optional(),
            categoryCode: text.optional(),
            region: text.optional(),
            phone: text.optional(),
            address: address.optional(),
          })
          .optional(),
      })
      .optional(),
    lines: z.array(lineSchema(parts)).min(1, 'an order needs at least one line'),
    charges: chargesSchema(parts),
    payableAmount: nonNegativeMoneySchema,
    paidAmount: nonNegativeMoneySchema,
    payments: z.array(paymentSchema(parts)).optional(),
    cashOnDelivery: z.boolean().optional(),
    delivery: deliverySchema(parts).optional(),
    afterSales: z.array(afterSaleSchema(parts)).optional(),
    detailPageUrl: text.optional(),
    platformOptions: platformOptions.optional(),
  })
}

/**
 * The canonical order's fields, without the checks across them: `orderSchema` is this with
 * `checkOrderConsistency` added. Internal: `validateOrder`'s fast path compiles it.
 *
 * @internal
 */
export const orderObject: z.ZodType<Order, OrderInput> = lazySchema(buildOrderObject)

/**
 * The canonical order's schema (zod): it validates an {@link OrderInput} and returns an
 * {@link Order}.
 *
 * It reports every problem at once, each with its path: the shape of each field, and the checks
 * across fields, which run on whatever parts are well-formed even when others are not —
 * one currency per order; line and item-discount references; `goodsSubtotal` = Σ unitPrice ×
 * quantity; `payableAmount` = goods + freight + fees − discounts; `paidAmount` ≤ `payableAmount`;
 * payments add up to `paidAmount`; refunds ≤ `paidAmount`; `modifiedAt` not before `createdAt`;
 * `cancelled_before_payment` only with nothing paid. Unknown keys are reported (they are usually
 * typos); platform-only fields go in `platformOptions`.
 *
 * zod implements Standard Schema, so the schema plugs into any validator that speaks it.
 *
 * @example
 * ```ts
 * import { orderSchema } from '@ordersync/core'
 * import { youshuFaqOrder } from '@ordersync/youshu/fixtures'
 *
 * const result = orderSchema.safeParse(youshuFaqOrder)
 * if (!result.success) for (const issue of result.error.issues) console.log(issue.path, issue.message)
 * ```
 */
export const orderSchema: z.ZodType<Order, OrderInput> = lazySchema(() =>
  orderObject.superRefine(
    (order, context) => {
      for (const issue of checkOrderConsistency(order)) {
        context.addIssue({
          code: 'custom',
          path: [...issue.path],
          message: issue.message,
          params: { code: issue.code },
        })
      }
    },
    // Run the checks across fields even when some field is malformed, so that every problem is
    // reported at once; the checks only read the parts that are well-formed.
    { when: () => true },
  ),
)
