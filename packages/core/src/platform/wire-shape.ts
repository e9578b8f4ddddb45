import type { z } from 'zod'

/**
 * One schema per field of `T`, none missing and none extra: an object shape written
 * `satisfies WireShape<T>` ties a platform's wire type to its zod schema both ways, so that a
 * field added to one and not the other, or a field whose type drifts, does not compile — without
 * an `as unknown as` cast between them. Under `exactOptionalPropertyTypes`, declare an optional
 * field `field?: X | undefined`, which is what zod's `.optional()` gives.
 *
 * @example
 * ```ts
 * import { z } from 'zod'
 *
 * interface Amount { readonly currency: string; readonly value: number }
 * const amountSchema: z.ZodType<Amount> = z.strictObject({
 *   currency: z.string().length(3),
 *   value: z.number().int(),
 * } satisfies WireShape<Amount>)
 * amountSchema.parse({ currency: 'HKD', value: 1990 }).value // 1990
 * ```
 */
export type WireShape<T> = { readonly [K in keyof T]-?: z.ZodType<T[K]> }
