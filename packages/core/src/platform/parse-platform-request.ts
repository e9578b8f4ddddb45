import type { z } from 'zod'
import { ValidationError } from '../errors/validation-error.ts'
import { toValidationIssues } from '../order/parse-order.ts'

/**
 * Checks a request a user hands to a platform's `api` method against the platform's schema: the
 * parsed value, or a `ValidationError` with every problem at its path, before anything is sent.
 *
 * @param schema - The zod schema of the request, from the platform's document.
 * @param value - What the user passed.
 * @param context - The platform, and what the value is, for the message ("WeChat add request").
 * @returns The value as the schema parses it.
 * @throws {@link ValidationError} naming every problem with its path.
 * @example
 * ```ts
 * import { z } from 'zod'
 *
 * const request = z.object({ out_order_id: z.string() })
 * parsePlatformRequest(request, { out_order_id: 'o-1' }, { platform: 'wechat', subject: 'WeChat add request' }) // { out_order_id: 'o-1' }
 * parsePlatformRequest(request, {}, { platform: 'wechat', subject: 'WeChat add request' }) // throws: out_order_id is required
 * ```
 */
export function parsePlatformRequest<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  context: { readonly platform: string; readonly subject: string },
): z.output<Schema> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  throw new ValidationError({
    platform: context.platform,
    subject: context.subject,
    issues: toValidationIssues(result.error.issues),
  })
}
