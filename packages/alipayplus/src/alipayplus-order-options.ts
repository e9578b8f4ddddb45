import { lazySchema, type WireShape } from '@ordersync/core'
import { z } from 'zod'
import { alipayPlusOrderTypes, alipayPlusWallets } from './alipayplus-order-schema.ts'

// The schemas here are built on first use (lazySchema), not when the package is imported:
// constructing zod schemas costs time at startup that a program which has not validated anything
// yet should not pay, and most programs never use most of them.

// platformOptions.alipayplus (order and line): the types a user writes, and the schemas that check
// them at run time, so that a wrong option fails with its canonical path rather than deep in the
// payload. Each schema is annotated with its type and its shape checked against it: the compiler
// keeps the two in step.

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
  readonly customerBelongsTo?: (typeof alipayPlusWallets)[number] | undefined
  /** The order type, for orders whose canonical type has no Alipay+ equivalent (`virtual`). */
  readonly orderType?: (typeof alipayPlusOrderTypes)[number] | undefined
  /** `merchant.merchantRegisterDate`, ISO 8601 with offset as Alipay+ shows it. */
  readonly merchantRegisterDate?: string | undefined
  /** `merchant.merchantStore.storeTerminalId`. */
  readonly storeTerminalId?: string | undefined
  /** `merchant.merchantStore.storeOperatorId`. */
  readonly storeOperatorId?: string | undefined
  /** `extendInfo` JSON text of the merchant's and the store's address. */
  readonly merchantAddressExtendInfo?: string | undefined
  readonly storeAddressExtendInfo?: string | undefined
  /**
   * `promoType` of the promoDetails; the sample shows `INSTANT_DISCOUNT`, the enum is not published.
   *
   * @default 'INSTANT_DISCOUNT'
   */
  readonly promoType?: string | undefined
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
  readonly extendInfo?: string | undefined
}

declare module '@ordersync/core' {
  interface PlatformOptionsRegistry {
    alipayplus: AlipayPlusOrderOptions
  }
  interface LinePlatformOptionsRegistry {
    alipayplus: AlipayPlusLineOptions
  }
}

const text = lazySchema(() => z.string().min(1, 'must not be empty'))
const jsonText = lazySchema(() =>
  text.refine(
    (value) => {
      try {
        JSON.parse(value)
        return true
      } catch {
        return false
      }
    },
    { message: 'must be JSON text, as the sample sends extendInfo' },
  ),
)

/**
 * The schema of `order.platformOptions.alipayplus` ({@link AlipayPlusOrderOptions}).
 *
 * @example
 * ```ts
 * alipayPlusOrderOptionsSchema.safeParse({ customerBelongsTo: 'PAYPAL' }).success // false
 * ```
 */
export const alipayPlusOrderOptionsSchema: z.ZodType<AlipayPlusOrderOptions> = lazySchema(() =>
  z.strictObject({
    customerBelongsTo: z.enum(alipayPlusWallets).optional(),
    orderType: z.enum(alipayPlusOrderTypes).optional(),
    merchantRegisterDate: z
      .string()
      .regex(
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)$/,
        'must be ISO 8601 with an offset',
      )
      .optional(),
    storeTerminalId: text.optional(),
    storeOperatorId: text.optional(),
    merchantAddressExtendInfo: jsonText.optional(),
    storeAddressExtendInfo: jsonText.optional(),
    promoType: text.optional(),
  } satisfies WireShape<AlipayPlusOrderOptions>),
)

/**
 * The schema of `line.platformOptions.alipayplus` ({@link AlipayPlusLineOptions}).
 *
 * @example
 * ```ts
 * alipayPlusLineOptionsSchema.safeParse({ extendInfo: '{"key":"value"}' }).success // true
 * ```
 */
export const alipayPlusLineOptionsSchema: z.ZodType<AlipayPlusLineOptions> = lazySchema(() =>
  z.strictObject({
    extendInfo: jsonText.optional(),
  } satisfies WireShape<AlipayPlusLineOptions>),
)
