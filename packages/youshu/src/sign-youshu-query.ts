/**
 * The values that go into a Youshu signature.
 *
 * @example
 * ```ts
 * const input: YoushuSignatureInput = { appId: 'abc', appSecret: '123', nonce: '407313d23c3f7', timestamp: 1542951251 }
 * ```
 */
export interface YoushuSignatureInput {
  /** The app id of the environment (usually starts with `bi`). */
  readonly appId: string
  /** The app secret of the environment: the HMAC key. */
  readonly appSecret: string
  /** A random string of at most 32 URL-safe characters, fresh for every request. */
  readonly nonce: string
  /** Unix time in **seconds** (body times are milliseconds; the signature's is not). */
  readonly timestamp: number
}

const encoder = new TextEncoder()

/**
 * The string Youshu signs: `app_id=<app_id>&nonce=<nonce>&sign=sha256&timestamp=<timestamp>`, keys
 * in this fixed order, values **not** URL-encoded (https://mp.zhls.qq.com/youshu-docs/develop/dev_account/dev_account_access.html).
 *
 * @param input - The app id, nonce and timestamp.
 * @returns The string to sign.
 * @example
 * ```ts
 * youshuStringToSign({ appId: 'abc', appSecret: '123', nonce: '407313d23c3f7', timestamp: 1542951251 })
 * // 'app_id=abc&nonce=407313d23c3f7&sign=sha256&timestamp=1542951251'
 * ```
 */
export function youshuStringToSign(
  input: Omit<YoushuSignatureInput, 'appSecret'> & { readonly appSecret?: string },
): string {
  return `app_id=${input.appId}&nonce=${input.nonce}&sign=sha256&timestamp=${input.timestamp}`
}

/**
 * Signs a Youshu request: lowercase hex of HMAC-SHA256 keyed by the app secret over
 * {@link youshuStringToSign}. The document's prose says "hex(sha256(conStr))", but its worked
 * examples only reproduce with HMAC keyed by the app secret (checked: both
 * examples match; plain SHA-256 does not). WebCrypto, so it runs on Node, edge runtimes and in
 * browsers; hence asynchronous.
 *
 * @param input - The app id, app secret, nonce and timestamp (seconds).
 * @returns The 64-character lowercase hex signature.
 * @example
 * ```ts
 * await signYoushuQuery({ appId: 'abc', appSecret: '123', nonce: '407313d23c3f7', timestamp: 1542951251 })
 * // '25d5806d0aadc93129879874227c348c33f8e29d70cdcb3094c6909fadb3007b'
 * ```
 */
export async function signYoushuQuery(input: YoushuSignatureInput): Promise<string> {
  const key = await globalThis.crypto.subtle.importKey(
    'raw',
    encoder.encode(input.appSecret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const signature = await globalThis.crypto.subtle.sign(
    'HMAC',
    key,
    encoder.encode(youshuStringToSign(input)),
  )
  return Array.from(new Uint8Array(signature), (byte) => byte.toString(16).padStart(2, '0')).join(
    '',
  )
}

/**
 * A fresh nonce for a Youshu request: 16 bytes from the cryptographic random source as 32
 * lowercase hex characters (URL-safe, within the 32-character limit).
 *
 * @returns The nonce.
 * @example
 * ```ts
 * createYoushuNonce() // e.g. '9f1c0d7e2a4b6c8d0e1f2a3b4c5d6e7f'
 * ```
 */
export function createYoushuNonce(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}
