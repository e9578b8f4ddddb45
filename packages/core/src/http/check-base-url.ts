import { InvalidArgumentError } from '../errors/invalid-argument-error.ts'

/**
 * Checks a base URL: absolute, `http:` or `https:`, without query or fragment.
 *
 * @param baseURL - The setting's value.
 * @param platform - The platform, for the error.
 * @param setting - The setting's name.
 * @returns The URL without a trailing slash.
 * @throws {@link InvalidArgumentError} naming the setting, also for a URL with a user name or
 *   password (which it never repeats).
 * @example
 * ```ts
 * checkBaseURL('https://open.example.com/api/open/', 'alipayplus') // 'https://open.example.com/api/open'
 * ```
 */
export function checkBaseURL(baseURL: unknown, platform: string, setting = 'baseURL'): string {
  let url: URL | undefined
  try {
    url = typeof baseURL === 'string' ? new URL(baseURL) : undefined
  } catch {
    url = undefined
  }
  if (url !== undefined && (url.username !== '' || url.password !== '')) {
    // fetch refuses such URLs, with a message that repeats them; and they would show in hooks.
    throw new InvalidArgumentError({
      platform,
      argument: setting,
      reason: `must not carry a user name or password (got ${url.protocol}//[redacted]@${url.host}); a platform's credentials go in the client's credential settings`,
    })
  }
  if (
    url === undefined ||
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.search !== '' ||
    url.hash !== ''
  ) {
    throw new InvalidArgumentError({
      platform,
      argument: setting,
      reason: `must be an absolute http(s) URL without query or fragment, such as "https://api.example.com"; got ${typeof baseURL === 'string' ? JSON.stringify(baseURL) : typeof baseURL}`,
    })
  }
  return url.toString().replace(/\/+$/, '')
}
