/**
 * The keys whose values are always redacted, wherever they appear: query parameters, headers and
 * JSON bodies. Credentials, tokens, signatures, and phone numbers plain or hashed
 * (`sha256_user_phone`, `buyerPhoneNo`, `mobile`, `tel_number`).
 *
 * @example
 * ```ts
 * sensitiveKeyPattern.test('access_token') // true
 * sensitiveKeyPattern.test('md5_user_phone') // true
 * sensitiveKeyPattern.test('order_id') // false
 * ```
 */
export const sensitiveKeyPattern: RegExp =
  /secret|token|signature|^sign$|password|passwd|authorization|cookie|private_?key|phone|mobile|tel_?number|^tel$/i

// Mainland mobile numbers (11 digits starting 13–19) and international-looking numbers written
// with a leading +, anywhere in free text; SHA-256 and MD5 hex digests (hashed phone numbers).
const phoneInText = /(?<!\d)(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)|\+\d{8,15}(?!\d)/g
const digestInText = /(?<![0-9a-f])(?:[0-9a-f]{64}|[0-9a-f]{32})(?![0-9a-f])/gi

/**
 * The placeholder that replaces a redacted value.
 *
 * @example
 * ```ts
 * createRedactor().text('call 13812345678') // `call ${redacted}`
 * ```
 */
export const redacted = '[redacted]'

/**
 * Removes secrets, tokens, signatures and phone numbers from what hooks, logs and errors see.
 *
 * @example
 * ```ts
 * const redactor: Redactor = createRedactor(['app-secret'])
 * redactor.text('secret is app-secret') // 'secret is [redacted]'
 * ```
 */
export interface Redactor {
  /** Redacts free text: known secret values, phone numbers, hex digests. */
  text(value: string): string
  /** Redacts a JSON body given as text: sensitive keys' values, then free text. */
  body(value: string): string
  /** Redacts a URL's sensitive query parameters and free text. */
  url(value: string): string
  /** Redacts sensitive headers' values. */
  headers(value: Readonly<Record<string, string>>): Record<string, string>
  /** Adds a secret value discovered later (a freshly fetched token). */
  addSecret(value: string): void
}

/**
 * Creates a {@link Redactor} that knows the client's secret values (app secrets, private keys,
 * tokens as they are fetched) and redacts them anywhere, plus every value under a
 * {@link sensitiveKeyPattern} key and every phone number or hex digest in free text.
 *
 * @param secrets - Secret values to remove wherever they appear (values shorter than 4 characters are ignored).
 * @returns The redactor.
 * @example
 * ```ts
 * const redactor = createRedactor(['s3cr3t-app-secret'])
 * redactor.url('https://api.example.com/x?access_token=abc&id=1') // 'https://api.example.com/x?access_token=%5Bredacted%5D&id=1'
 * redactor.body('{"mobile":"0910123456","note":"s3cr3t-app-secret"}') // '{"mobile":"[redacted]","note":"[redacted]"}'
 * ```
 */
export function createRedactor(secrets: readonly string[] = []): Redactor {
  const known = new Set<string>()
  const add = (value: string): void => {
    if (typeof value === 'string' && value.length >= 4) {
      known.add(value)
      // The same secret as it appears URL-encoded.
      known.add(encodeURIComponent(value))
    }
  }
  for (const secret of secrets) add(secret)

  const text = (value: string): string => {
    let result = value
    for (const secret of [...known].sort((a, b) => b.length - a.length)) {
      if (result.includes(secret)) result = result.split(secret).join(redacted)
    }
    // Digests first: a hex digest may hold a run of digits that looks like a phone number, and
    // redacting that run first would leave the rest of the digest readable.
    return result.replace(digestInText, redacted).replace(phoneInText, redacted)
  }

  const redactJson = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(redactJson)
    if (typeof value === 'object' && value !== null) {
      const copy: Record<string, unknown> = {}
      for (const [key, item] of Object.entries(value)) {
        copy[key] =
          sensitiveKeyPattern.test(key) && item !== null && typeof item !== 'object'
            ? redacted
            : redactJson(item)
      }
      return copy
    }
    return typeof value === 'string' ? text(value) : value
  }

  return {
    text,
    body(value) {
      try {
        return JSON.stringify(redactJson(JSON.parse(value)))
      } catch {
        return text(value)
      }
    },
    url(value) {
      try {
        const url = new URL(value)
        for (const key of [...url.searchParams.keys()]) {
          if (sensitiveKeyPattern.test(key)) url.searchParams.set(key, redacted)
        }
        return text(url.toString())
      } catch {
        return text(value)
      }
    },
    headers(value) {
      const copy: Record<string, string> = {}
      for (const [key, item] of Object.entries(value)) {
        copy[key] = sensitiveKeyPattern.test(key) ? redacted : text(item)
      }
      return copy
    },
    addSecret: add,
  }
}
