import { InvalidArgumentError } from '../errors/invalid-argument-error.ts'

/**
 * Reads a required string setting of a client (a credential, an app id), failing at creation with
 * the setting's name when it is missing or blank — never later, deep inside a request. The value
 * itself never appears in the message.
 *
 * @param settings - The client's settings object.
 * @param name - The setting's key.
 * @param platform - The platform, for the message.
 * @returns The value.
 * @throws {@link InvalidArgumentError} naming the setting.
 * @example
 * ```ts
 * const appSecret = requireSetting(settings, 'appSecret', 'youshu')
 * requireSetting({}, 'appSecret', 'youshu') // throws: [ordersync] [youshu] invalid appSecret: is required …
 * ```
 */
export function requireSetting(settings: object, name: string, platform: string): string {
  const value = (settings as Record<string, unknown>)[name]
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvalidArgumentError({
      platform,
      argument: name,
      reason: `is required and must be a non-empty string (got ${value === undefined ? 'nothing' : typeof value === 'string' ? 'a blank string' : typeof value})`,
    })
  }
  return value
}
