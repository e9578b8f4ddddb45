/**
 * Whether an HTTP status says "try again later" whatever the platform: 408 (the server gave up
 * waiting for the request), 429 (too many requests) and every 5xx. Every platform's classifier
 * starts from it; a platform's own temporary codes inside an HTTP 200 body come on top.
 *
 * @param status - The HTTP status of an answer.
 * @returns `true` for 408, 429 and 500–599.
 * @example
 * ```ts
 * isRetryableHttpStatus(503) // true
 * isRetryableHttpStatus(429) // true
 * isRetryableHttpStatus(404) // false
 * ```
 */
export function isRetryableHttpStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500
}
