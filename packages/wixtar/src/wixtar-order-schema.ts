import { lazySchema, maxModifierDepth, type WireShape } from '@ordersync/core'
import { z } from 'zod'
import { modifierTooDeepCode, modifierTooDeepMessage } from './wixtar-modifier-depth.ts'

// The schemas here are built on first use (lazySchema), not when the package is imported:
// constructing zod schemas costs time at startup that a program which has not validated anything
// yet should not pay, and most programs never use most of them.

// The body of "Upload Order Details" (POST /v1/data_center/order/upload), field by field as the
// document's tables ("Request Body Parameters") type them: a field marked "(optional)" may be left
// out, every other one is required. The document sets no length limits, character rules or array
// limits. Unknown keys are refused: they are usually typos. Each schema is typed by its interface
// (`z.ZodType<WixtarOrder>`) and lists exactly the interface's keys, each with a schema of its
// field's type (`satisfies WireShape<…>`, from core),
// so that the compiler keeps the two in step.
//
// The document's example sends `null` for an empty `selected_modifier_groups` and `removed_items`
// (and `""` / `0` for `ticket_no` / `redeem_point`); a raw request may do the same. ordersync's own
// payloads leave such fields out.

/**
 * `current_state` values: the document allows only the two final states.
 *
 * @example
 * ```ts
 * wixtarOrderStates.includes('COMPLETED') // true
 * ```
 */
export const wixtarOrderStates = ['COMPLETED', 'CANCELLED'] as const

/**
 * A Wixtar `current_state`.
 *
 * @example
 * ```ts
 * const state: WixtarOrderState = 'CANCELLED'
 * ```
 */
export type WixtarOrderState = (typeof wixtarOrderStates)[number]

const text = lazySchema(() => z.string().min(1, 'must not be empty'))
const integer = lazySchema(() => z.number().int('must be an integer'))
const nonNegativeInteger = lazySchema(() => integer.nonnegative('must not be negative'))

/**
 * The schema of a Wixtar `Money`: every field optional, as the document's table says;
 * `currency_code` an upper-case ISO 4217 code.
 *
 * @example
 * ```ts
 * wixtarMoneySchema.safeParse({ amount: 40000, currency_code: 'TWD', formatted_amount: '400' }).success // true
 * wixtarMoneySchema.safeParse({ amount: 4.5 }).success // false
 * ```
 */
export const wixtarMoneySchema: z.ZodType<WixtarRequestMoney> = lazySchema(() =>
  z.strictObject({
    amount: nonNegativeInteger.optional(),
    discount: nonNegativeInteger.optional(),
    currency_code: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an upper-case ISO 4217 code such as TWD')
      .optional(),
    formatted_amount: z.string().optional(),
  } satisfies WireShape<WixtarRequestMoney>),
)

/**
 * A `Money` of a raw request.
 *
 * @example
 * ```ts
 * const total: WixtarRequestMoney = { amount: 1100, currency_code: 'TWD', formatted_amount: '1100' }
 * ```
 */
export interface WixtarRequestMoney {
  readonly amount?: number | undefined
  /** Documented as "discount", with no more said; ordersync never sends it. */
  readonly discount?: number | undefined
  readonly currency_code?: string | undefined
  readonly formatted_amount?: string | undefined
}

/**
 * A cart item, or a choice inside a modifier group: the document's `Item` is recursive.
 *
 * @example
 * ```ts
 * const item: WixtarItem = { id: 'P001', title: 'Stir-fried bean buns', quantity: 2 }
 * ```
 */
export interface WixtarItem {
  readonly id?: string | undefined
  readonly title?: string | undefined
  readonly serial_number?: number | undefined
  readonly quantity?: number | undefined
  readonly price?:
    | {
        readonly unit_price?: WixtarRequestMoney | undefined
        readonly total_price?: WixtarRequestMoney | undefined
      }
    | undefined
  readonly selected_modifier_groups?: readonly WixtarModifierGroup[] | null | undefined
  readonly ticket_no?: string | undefined
  readonly redeem_point?: number | undefined
}

/**
 * A modifier group: the choices taken and the default choices removed, each an {@link WixtarItem}.
 *
 * @example
 * ```ts
 * const spicy: WixtarModifierGroup = { id: '1', title: 'spicy', selected_items: [{ id: '1-1', title: 'small spicy', quantity: 1 }] }
 * ```
 */
export interface WixtarModifierGroup {
  readonly id?: string | undefined
  readonly title?: string | undefined
  readonly selected_items?: readonly WixtarItem[] | null | undefined
  readonly removed_items?: readonly WixtarItem[] | null | undefined
}

/**
 * A level of modifier groups beyond core's `maxModifierDepth`: none (absent, `null` or `[]`) is
 * fine, anything else is refused at once, without reading into it.
 */
function noModifierGroupsAt(level: number) {
  return z
    .custom<readonly []>((value) => Array.isArray(value) && value.length === 0, {
      error: modifierTooDeepMessage(level),
      params: { code: modifierTooDeepCode },
    })
    .nullable()
    .optional()
}

/** The modifier groups at `level` (1 for a cart item's own), their choices one level deeper. */
function modifierGroupsAt(level: number) {
  if (level > maxModifierDepth) return noModifierGroupsAt(level)
  const choice = itemSchemaAt(level + 1)
  const group: z.ZodType<WixtarModifierGroup> = z.strictObject({
    id: z.string().optional(),
    title: z.string().optional(),
    selected_items: z.array(choice).nullable().optional(),
    removed_items: z.array(choice).nullable().optional(),
  } satisfies WireShape<WixtarModifierGroup>)
  return z.array(group).nullable().optional()
}

/**
 * An `Item` whose own modifier groups are at `level`. The schema is written out level by level
 * rather than recursive, so that parsing stops at the first level too deep, however deep the input.
 */
function itemSchemaAt(level: number): z.ZodType<WixtarItem> {
  return z.strictObject({
    id: z.string().optional(),
    title: z.string().optional(),
    serial_number: integer.optional(),
    quantity: nonNegativeInteger.optional(),
    price: z
      .strictObject({
        unit_price: wixtarMoneySchema.optional(),
        total_price: wixtarMoneySchema.optional(),
      })
      .optional(),
    selected_modifier_groups: modifierGroupsAt(level),
    ticket_no: z.string().optional(),
    redeem_point: nonNegativeInteger.optional(),
  } satisfies WireShape<WixtarItem>)
}

/**
 * The schema of a Wixtar `Item`, recursive through its modifier groups down to core's
 * `maxModifierDepth` levels (six) counting the item's own. A seventh level of groups is refused
 * with the issue code `modifier_too_deep` at its path, without reading further: the document
 * states no limit, and every order ordersync converts stays within core's.
 *
 * @example
 * ```ts
 * wixtarItemSchema.safeParse({ id: 'P001', quantity: 1.5 }).success // false: an int
 * const nest = (levels: number): WixtarItem =>
 *   levels === 0 ? { id: 'leaf' } : { id: 'choice', selected_modifier_groups: [{ selected_items: [nest(levels - 1)] }] }
 * wixtarItemSchema.safeParse(nest(6)).success // true
 * wixtarItemSchema.safeParse(nest(7)).error?.issues[0]?.message // 'modifier groups nest at most 6 deep…'
 * ```
 */
export const wixtarItemSchema: z.ZodType<WixtarItem> = lazySchema(() => itemSchemaAt(1))

const storeSchema = lazySchema(() =>
  z.strictObject({
    id: text,
    name: z.string().optional(),
    group: z.string().optional(),
    company: text,
  } satisfies WireShape<WixtarOrder['store']>),
)

const customerSchema = lazySchema(() =>
  z.strictObject({
    name: z.string().optional(),
    mobile: z.string().optional(),
    address: z.string().optional(),
  } satisfies WireShape<WixtarOrder['customer']>),
)

const paymentSchema = lazySchema(() =>
  z.strictObject({
    type: z.string().optional(),
    payment_amount: nonNegativeInteger.optional(),
  } satisfies WireShape<WixtarOrder['payments'][number]>),
)

const chargesSchema = lazySchema(() =>
  z.strictObject({
    total: wixtarMoneySchema,
    sub_total: wixtarMoneySchema,
    discount: wixtarMoneySchema,
    total_fee: wixtarMoneySchema,
  } satisfies WireShape<WixtarOrder['charges']>),
)

/**
 * The schema of one order of the upload: `order_id`, `store` (with `id` and `company`),
 * `customer`, `payments`, `charges` (all four Money) and `cart` are required; the rest optional.
 *
 * @example
 * ```ts
 * wixtarOrderSchema.safeParse({ order_id: 'o-1', current_state: 'PAID' }).success // false
 * ```
 */
export const wixtarOrderSchema: z.ZodType<WixtarOrder> = lazySchema(() =>
  z.strictObject({
    order_id: text,
    current_state: z
      .enum(wixtarOrderStates, { error: 'must be COMPLETED or CANCELLED' })
      .optional(),
    paid: z.boolean().optional(),
    placed_at: z.iso
      .datetime({
        offset: true,
        error: 'must be ISO 8601 with a zone, e.g. 2020-01-01T15:16:54.723Z',
      })
      .optional(),
    pickup_at: z.iso
      .datetime({
        offset: true,
        error: 'must be ISO 8601 with a zone, e.g. 2020-01-01T15:16:54.723Z',
      })
      .optional(),
    type: z.string().optional(),
    store: storeSchema,
    customer: customerSchema,
    payments: z.array(paymentSchema),
    charges: chargesSchema,
    cart: z.strictObject({ items: z.array(wixtarItemSchema) }),
    source_type: z.string().optional(),
    customize: z.string().optional(),
  } satisfies WireShape<WixtarOrder>),
)

/**
 * One order of the upload.
 *
 * @example
 * ```ts
 * const order: Pick<WixtarOrder, 'order_id' | 'current_state'> = { order_id: 'tywn21072900008', current_state: 'COMPLETED' }
 * ```
 */
export interface WixtarOrder {
  readonly order_id: string
  readonly current_state?: WixtarOrderState | undefined
  readonly paid?: boolean | undefined
  /** ISO 8601; ordersync sends UTC with `Z`. */
  readonly placed_at?: string | undefined
  readonly pickup_at?: string | undefined
  /** "sales method", e.g. `DELIVERY`. */
  readonly type?: string | undefined
  readonly store: {
    readonly id: string
    readonly name?: string | undefined
    /** Country, region or group. */
    readonly group?: string | undefined
    readonly company: string
  }
  readonly customer: {
    readonly name?: string | undefined
    readonly mobile?: string | undefined
    readonly address?: string | undefined
  }
  readonly payments: readonly {
    readonly type?: string | undefined
    readonly payment_amount?: number | undefined
  }[]
  readonly charges: {
    readonly total: WixtarRequestMoney
    readonly sub_total: WixtarRequestMoney
    readonly discount: WixtarRequestMoney
    readonly total_fee: WixtarRequestMoney
  }
  readonly cart: { readonly items: readonly WixtarItem[] }
  /** "client equipment", e.g. `APP`. */
  readonly source_type?: string | undefined
  /** Any text. */
  readonly customize?: string | undefined
}

/**
 * The schema of the whole upload body: `{ orders: [...] }`, at least one order (the document sets
 * no upper limit; the client batches by its `maxBatchSize`).
 *
 * @example
 * ```ts
 * wixtarUploadRequestSchema.safeParse({ orders: [] }).success // false
 * ```
 */
export const wixtarUploadRequestSchema: z.ZodType<WixtarUploadRequest> = lazySchema(() =>
  z.strictObject({
    orders: z.array(wixtarOrderSchema).min(1, 'must hold at least one order'),
  } satisfies WireShape<WixtarUploadRequest>),
)

/**
 * The upload body.
 *
 * @example
 * ```ts
 * const request: WixtarUploadRequest = { orders: [toWixtarOrder(order).order] }
 * wixtarUploadRequestSchema.safeParse(request).success // true
 * ```
 */
export interface WixtarUploadRequest {
  readonly orders: readonly WixtarOrder[]
}
