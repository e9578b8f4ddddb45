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
// An HTTP credential written out in free text (an echoed header): `Basic …`, `Bearer …`.
const credentialInText = /\b(Basic|Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/g
// Deeper JSON than this is not walked (a hostile answer of nested brackets); it is redacted as text.
const maxJsonDepth = 64

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
  /** Redacts free text: known secret values (and their encodings), phone numbers, hex digests. */
  text(value: string): string
  /** Redacts a JSON body given as text: sensitive keys' values, then free text. */
  body(value: string): string
  /** Redacts a URL's user info, sensitive query parameters and free text. */
  url(value: string): string
  /** Redacts sensitive headers' values and free text in the others. */
  headers(value: Readonly<Record<string, string>>): Record<string, string>
  /** Adds a secret value discovered later (a freshly fetched token). */
  addSecret(value: string): void
  /**
   * A redactor that also knows one call's values, leaving this one unchanged.
   *
   * @param secrets - Values to redact in every encoding (a signature made for this call).
   * @param personal - Personal values (the order's phone numbers, plain or hashed): phone numbers
   *   are also redacted in any other format.
   */
  with(secrets: readonly string[], personal?: readonly string[]): Redactor
}

const minimumSecretLength = 4

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function toBase64(value: string): string {
  let binary = ''
  for (const byte of new TextEncoder().encode(value)) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/**
 * The forms in which a secret can come back: as given, URL-encoded (both ways of writing a space),
 * JSON-escaped, HTML-escaped and Base64 (a Basic credential, an echo), and, for a long multi-line
 * value such as a PEM key, each of its lines.
 */
function encodingsOf(value: string): string[] {
  const forms = new Set<string>([value])
  const uri = encodeURIComponent(value)
  // Form encoding also escapes !'()~ and writes a space as +.
  const form = uri.replace(
    /[!'()~]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  for (const encoded of [uri, form, uri.replace(/%20/g, '+'), form.replace(/%20/g, '+')]) {
    forms.add(encoded)
    // Percent-encodings in lower case are as valid as upper case.
    forms.add(encoded.replace(/%[0-9A-F]{2}/g, (sequence) => sequence.toLowerCase()))
  }
  const json = JSON.stringify(value).slice(1, -1)
  forms.add(json)
  forms.add(json.replace(/\//g, '\\/'))
  forms.add(
    value
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;'),
  )
  // HTML numeric entities for every character that is not a letter or a digit.
  forms.add(value.replace(/[^A-Za-z0-9]/g, (char) => `&#${char.charCodeAt(0)};`))
  forms.add(value.replace(/[^A-Za-z0-9]/g, (char) => `&#x${char.charCodeAt(0).toString(16)};`))
  if (value.length >= 8) {
    const base64 = toBase64(value).replace(/=+$/, '')
    forms.add(base64)
    forms.add(base64.replace(/\+/g, '-').replace(/\//g, '_'))
  }
  if (value.includes('\n')) {
    for (const line of value.split(/\r?\n/)) if (line.trim().length >= 16) forms.add(line.trim())
  }
  return [...forms].filter((item) => item.length >= minimumSecretLength)
}

/**
 * A pattern for one phone number in any format: its significant digits (leading zeros optional, so
 * `0917…` also matches `+63 917…`) with any separators between them (`0917-123-4567`,
 * `(0917) 123 4567`, `0917.123.4567`).
 */
function phonePattern(value: string): string | undefined {
  if (!/^[\s\d().+-]+$/.test(value)) return undefined
  const all = value.replace(/\D/g, '')
  const digits = all.replace(/^0+/, '')
  if (digits.length < 6 || digits.length > 15) return undefined
  // Separators, also URL-encoded (a space, +, - or a parenthesis).
  const separator = '(?:[\\s().+-]|%2[0bBdD89])*'
  // Written with a country code (+63 917…), the same number may come back in its national form
  // (0917…): the significant digits after a country code of one to three digits match too.
  const cores = new Set([digits])
  if (value.trim().startsWith('+')) {
    for (let cut = 1; cut <= 3; cut += 1) if (digits.length - cut >= 7) cores.add(digits.slice(cut))
  }
  const alternatives = [...cores].map((core) => [...core].join(separator))
  return `(?<!\\d)(?:0${separator})*(?:${alternatives.join('|')})(?!\\d)`
}

/**
 * Creates a {@link Redactor} that knows the client's secret values (app secrets, private keys,
 * tokens as they are fetched) and redacts them, in every encoding they can come back in, anywhere,
 * plus every value under a {@link sensitiveKeyPattern} key and every phone number or hex digest in
 * free text.
 *
 * @param secrets - Secret values to remove wherever they appear (values shorter than 4 characters are ignored).
 * @param personal - Phone numbers to remove in any format (digits with any separators).
 * @returns The redactor.
 * @example
 * ```ts
 * const redactor = createRedactor(['s3cr3t-app-secret'])
 * redactor.url('https://api.example.com/x?access_token=abc&id=1') // 'https://api.example.com/x?access_token=%5Bredacted%5D&id=1'
 * redactor.body('{"mobile":"0910123456","note":"s3cr3t-app-secret"}') // '{"mobile":"[redacted]","note":"[redacted]"}'
 * redactor.with([], ['0917-123-4567']).text('call +63 917 123 4567') // 'call +63 [redacted]'
 * ```
 */
export function createRedactor(
  secrets: readonly string[] = [],
  personal: readonly string[] = [],
): Redactor {
  const known = new Set<string>()
  const phones = new Set<string>()
  let pattern: RegExp | undefined
  let stale = true
  const add = (value: string): void => {
    if (typeof value !== 'string' || value.length < minimumSecretLength || known.has(value)) return
    for (const form of encodingsOf(value)) known.add(form)
    stale = true
  }
  const addPersonal = (value: string): void => {
    if (typeof value !== 'string') return
    add(value)
    const phone = phonePattern(value)
    if (phone !== undefined) {
      phones.add(phone)
      stale = true
    }
  }
  for (const secret of secrets) add(secret)
  for (const value of personal) addPersonal(value)

  // One alternation, longest first, built again only when a value was added.
  const knownPattern = (): RegExp | undefined => {
    if (stale) {
      const alternatives = [
        ...[...known].sort((a, b) => b.length - a.length).map(escapeRegExp),
        ...phones,
      ]
      pattern = alternatives.length === 0 ? undefined : new RegExp(alternatives.join('|'), 'g')
      stale = false
    }
    return pattern
  }

  const text = (value: string): string => {
    const values = knownPattern()
    const result = values === undefined ? value : value.replace(values, redacted)
    // Digests first: a hex digest may hold a run of digits that looks like a phone number, and
    // redacting that run first would leave the rest of the digest readable.
    return result
      .replace(credentialInText, (_match, scheme: string) => `${scheme} ${redacted}`)
      .replace(digestInText, redacted)
      .replace(phoneInText, redacted)
  }

  // `sensitive`: under a sensitive key, where every value is redacted (a list of phone numbers).
  const redactJson = (value: unknown, depth: number, sensitive: boolean): unknown => {
    if (depth > maxJsonDepth) return redacted
    if (Array.isArray(value)) return value.map((item) => redactJson(item, depth + 1, sensitive))
    if (typeof value === 'object' && value !== null) {
      const copy: Record<string, unknown> = {}
      for (const [key, item] of Object.entries(value)) {
        copy[key] = redactJson(item, depth + 1, sensitive || sensitiveKeyPattern.test(key))
      }
      return copy
    }
    if (sensitive && value !== null && value !== undefined) return redacted
    return typeof value === 'string' ? text(value) : value
  }

  const redactor: Redactor = {
    text,
    body(value) {
      try {
        const parsed: unknown = JSON.parse(value)
        // Free text over the re-serialised body too: a known value split across JSON escapes.
        return text(JSON.stringify(redactJson(parsed, 0, false)))
      } catch {
        // Not JSON, or JSON too hostile to walk: free text only.
        return text(value)
      }
    },
    url(value) {
      try {
        const url = new URL(value)
        if (url.username !== '' || url.password !== '') {
          url.username = ''
          url.password = ''
        }
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
    with(callSecrets, callPersonal = []) {
      if (callSecrets.length === 0 && callPersonal.length === 0) return redactor
      return createRedactor([...known, ...callSecrets], [...personal, ...callPersonal])
    },
  }
  return redactor
}
