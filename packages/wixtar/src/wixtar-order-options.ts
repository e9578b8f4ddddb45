import { lazySchema, type WireShape } from '@ordersync/core'
import { z } from 'zod'

// The schemas here are built on first use (lazySchema), not when the package is imported:
// constructing zod schemas costs time at startup that a program which has not validated anything
// yet should not pay, and most programs never use most of them.

// platformOptions.wixtar (order and line): the types a user writes, and the schemas that check them
// at run time, so that a wrong option fails with its canonical path rather than deep in the
// payload. Each schema is typed by its interface and lists exactly its keys: the compiler keeps the
// two in step.

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
  readonly customize?: string | undefined
  /** `type` ("sales method") for this order, instead of the client's `salesMethods` mapping. */
  readonly salesMethod?: string | undefined
  /** `source_type` ("client equipment") for this order, instead of the client's `sourceTypes` mapping. */
  readonly sourceType?: string | undefined
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
  readonly serialNumber?: number | undefined
  /** `ticket_no`: the ticket number of the item. */
  readonly ticketNo?: string | undefined
  /** `redeem_point`: the points redeemed for the item. */
  readonly redeemPoint?: number | undefined
}

declare module '@ordersync/core' {
  interface PlatformOptionsRegistry {
    wixtar: WixtarOrderOptions
  }
  interface LinePlatformOptionsRegistry {
    wixtar: WixtarLineOptions
  }
}

const text = lazySchema(() => z.string().min(1, 'must not be empty'))

/**
 * The schema of `order.platformOptions.wixtar` ({@link WixtarOrderOptions}).
 *
 * @example
 * ```ts
 * wixtarOrderOptionsSchema.safeParse({ customize: '' }).success // false
 * ```
 */
export const wixtarOrderOptionsSchema: z.ZodType<WixtarOrderOptions> = lazySchema(() =>
  z.strictObject({
    customize: text.optional(),
    salesMethod: text.optional(),
    sourceType: text.optional(),
  } satisfies WireShape<WixtarOrderOptions>),
)

/**
 * The schema of `line.platformOptions.wixtar` ({@link WixtarLineOptions}).
 *
 * @example
 * ```ts
 * wixtarLineOptionsSchema.safeParse({ redeemPoint: -1 }).success // false
 * ```
 */
export const wixtarLineOptionsSchema: z.ZodType<WixtarLineOptions> = lazySchema(() =>
  z.strictObject({
    serialNumber: z.number().int('must be an integer').optional(),
    ticketNo: text.optional(),
    redeemPoint: z
      .number()
      .int('must be an integer')
      .nonnegative('must not be negative')
      .optional(),
  } satisfies WireShape<WixtarLineOptions>),
)
