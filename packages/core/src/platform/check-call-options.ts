import { InvalidArgumentError } from '../errors/invalid-argument-error.ts'
import { checkSignal, describeArgument as describe } from '../http/check-signal.ts'

/**
 * The options every `api` method takes: an abort signal.
 *
 * @example
 * ```ts
 * const options: CallOptions = { signal: AbortSignal.timeout(10_000) }
 * ```
 */
export interface CallOptions {
  /** Aborts the call, including a retry that is waiting. */
  readonly signal?: AbortSignal | undefined
}

/**
 * Checks an `api` method's options as a caller without types may pass them: `undefined` or an
 * object, whose `signal` is `undefined` or an `AbortSignal`. Anything else is refused before a
 * request, a token refresh or a lookup starts, so nothing is left running.
 *
 * @param options - What the caller passed.
 * @param platform - The platform, for the error.
 * @returns The options' signal.
 * @throws {@link InvalidArgumentError} naming `options` or `options.signal`.
 * @example
 * ```ts
 * const { signal } = checkCallOptions({ signal: AbortSignal.timeout(5_000) }, 'wechat')
 * ```
 */
export function checkCallOptions(
  options: unknown,
  platform: string,
): { readonly signal: AbortSignal | undefined } {
  if (options === undefined) return { signal: undefined }
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidArgumentError({
      platform,
      argument: 'options',
      reason: `must be an object such as { signal }, or left out; got ${describe(options)}`,
    })
  }
  const { signal } = options as { signal?: unknown }
  checkSignal(signal, platform, 'options.signal')
  return { signal: signal as AbortSignal | undefined }
}
