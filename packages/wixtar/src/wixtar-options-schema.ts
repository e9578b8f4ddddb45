import { z } from 'zod'

// Runtime checks of platformOptions.wixtar (order and line), so that a wrong option fails with its
// canonical path rather than deep in the payload.

const text = z.string().min(1, 'must not be empty')

/**
 * The schema of `order.platformOptions.wixtar` ({@link WixtarOrderOptions}).
 *
 * @example
 * ```ts
 * wixtarOrderOptionsSchema.safeParse({ customize: '' }).success // false
 * ```
 */
export const wixtarOrderOptionsSchema: z.ZodType = z.strictObject({
  customize: text.optional(),
  salesMethod: text.optional(),
  sourceType: text.optional(),
})

/**
 * The schema of `line.platformOptions.wixtar` ({@link WixtarLineOptions}).
 *
 * @example
 * ```ts
 * wixtarLineOptionsSchema.safeParse({ redeemPoint: -1 }).success // false
 * ```
 */
export const wixtarLineOptionsSchema: z.ZodType = z.strictObject({
  serialNumber: z.number().int('must be an integer').optional(),
  ticketNo: text.optional(),
  redeemPoint: z.number().int('must be an integer').nonnegative('must not be negative').optional(),
})
