import { z } from 'zod'
import { alipayPlusOrderTypes, alipayPlusWallets } from './alipayplus-order-schema.ts'

// Runtime checks of platformOptions.alipayplus (order and line), so that a wrong option fails with
// its canonical path rather than deep in the payload.

const text = z.string().min(1, 'must not be empty')
const jsonText = text.refine(
  (value) => {
    try {
      JSON.parse(value)
      return true
    } catch {
      return false
    }
  },
  { message: 'must be JSON text, as the sample sends extendInfo' },
)

/**
 * The schema of `order.platformOptions.alipayplus` ({@link AlipayPlusOrderOptions}).
 *
 * @example
 * ```ts
 * alipayPlusOrderOptionsSchema.safeParse({ customerBelongsTo: 'PAYPAL' }).success // false
 * ```
 */
export const alipayPlusOrderOptionsSchema: z.ZodType = z.strictObject({
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
})

/**
 * The schema of `line.platformOptions.alipayplus` ({@link AlipayPlusLineOptions}).
 *
 * @example
 * ```ts
 * alipayPlusLineOptionsSchema.safeParse({ extendInfo: '{"key":"value"}' }).success // true
 * ```
 */
export const alipayPlusLineOptionsSchema: z.ZodType = z.strictObject({
  extendInfo: jsonText.optional(),
})
