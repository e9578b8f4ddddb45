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
// A credential written out after its name in free text (an echoed query string or setting):
// `access_token=…`, `"appSecret": "…"` (quotes escaped too, in JSON text), `sign: …`. The name
// ends like a sensitive key (a bare `sign` only as a word of its own, not `design`); the value
// is redacted, the name kept.
const namedCredentialInText =
  /\b((?:[\w-]*(?:secret|token|signature|password|passwd|private_?key)|sign)\\?"?\s*[=:]\s*\\?"?)[^\s"'&,;}\\]{4,}/gi
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
const encodedRedacted = encodeURIComponent(redacted)

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
  /**
   * Redacts free text: known secret values (and their encodings), a value written after a
   * credential's name (`access_token=…`), phone numbers, hex digests.
   */
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

/**
 * What a redactor treats as personal data beside phone numbers: the wire keys whose values are
 * a buyer's or receiver's name, address or email. A key is matched by its name (`receiver_name`)
 * or by its parent's name and its own (`user.name`, where `name` alone is also a product's).
 *
 * @example
 * ```ts
 * const personal: PersonalDataKeys = { keys: ['receiver_name', 'detailed_address', 'user.name'] }
 * ```
 */
export interface PersonalDataKeys {
  /** The keys, as `key` or `parent.key`. */
  readonly keys: readonly string[]
}

const minimumSecretLength = 4
const minimumPersonalLength = 2
const noPersonalKeys: PersonalDataKeys = { keys: [] }

/** Whether a key, under its parent, holds personal data by `personalData`. */
function personalKeyMatcher(
  personalData: PersonalDataKeys,
): (key: string, parent: string | undefined) => boolean {
  if (personalData.keys.length === 0) return () => false
  const keys = new Set(personalData.keys)
  return (key, parent) => keys.has(key) || (parent !== undefined && keys.has(`${parent}.${key}`))
}

// The phone-number keys among the sensitive ones: their values are personal values too, redacted
// in every format wherever they come back.
const phoneKeyPattern = /phone|mobile|tel_?number|^tel$/i

/**
 * The personal values a JSON body carries: every string under a phone-number key, and, unless
 * `personalData` is `undefined`, every string under one of its keys (names, addresses, emails).
 * A body that is not JSON carries none that can be found by key.
 *
 * @param body - The request body, as sent.
 * @param personalData - The platform's personal keys; `undefined` when personal data beyond
 *   phone numbers is not redacted.
 * @returns The values, each once.
 * @example
 * ```ts
 * personalValuesIn('{"receiver_name":"王芳","tel_number":"13800138000"}', { keys: ['receiver_name'] }) // ['王芳', '13800138000']
 * ```
 */
export function personalValuesIn(
  body: string,
  personalData: PersonalDataKeys | undefined,
): string[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return []
  }
  const isPersonalKey = personalKeyMatcher(personalData ?? noPersonalKeys)
  const found = new Set<string>()
  const collect = (value: unknown, depth: number): void => {
    if (depth > maxJsonDepth) return
    if (typeof value === 'string') {
      if (value.trim() !== '') found.add(value)
    } else if (Array.isArray(value)) for (const item of value) collect(item, depth + 1)
    else if (typeof value === 'object' && value !== null) {
      for (const item of Object.values(value)) collect(item, depth + 1)
    }
  }
  const walk = (value: unknown, depth: number, parent: string | undefined): void => {
    if (depth > maxJsonDepth) return
    if (Array.isArray(value)) for (const item of value) walk(item, depth + 1, parent)
    else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        if (phoneKeyPattern.test(key) || isPersonalKey(key, parent)) collect(item, depth + 1)
        else walk(item, depth + 1, key)
      }
    } else if (typeof value === 'string' && /^\s*[{[]/.test(value)) {
      // A field that is itself JSON text (Alipay+ orderExtendBizInfo) is walked too.
      walk(tryParse(value), depth + 1, parent)
    }
  }
  walk(parsed, 0, undefined)
  return [...found]
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

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
function encodingsOf(value: string, minimum: number): string[] {
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
  return [...forms].filter((item) => item.length >= minimum)
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
 * redactor.url('https://api.example.com/x?access_token=abc&id=1') // 'https://api.example.com/x?access_token=[redacted]&id=1'
 * redactor.body('{"mobile":"0910123456","note":"s3cr3t-app-secret"}') // '{"mobile":"[redacted]","note":"[redacted]"}'
 * redactor.with([], ['0917-123-4567']).text('call +63 917 123 4567') // 'call +63 [redacted]'
 * ```
 */
export function createRedactor(
  secrets: readonly string[] = [],
  personal: readonly string[] = [],
  personalData: PersonalDataKeys = noPersonalKeys,
): Redactor {
  const known = new Set<string>()
  const phones = new Set<string>()
  const isPersonalKey = personalKeyMatcher(personalData)
  let pattern: RegExp | undefined
  let stale = true
  const add = (value: string, minimum = minimumSecretLength): void => {
    if (typeof value !== 'string' || value.length < minimum || known.has(value)) return
    for (const form of encodingsOf(value, minimum)) known.add(form)
    stale = true
  }
  const addPersonal = (value: string): void => {
    if (typeof value !== 'string') return
    // A name may be two characters (王芳): personal values are redacted from two on.
    add(value.trim(), minimumPersonalLength)
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
      .replace(namedCredentialInText, (_match, name: string) => `${name}${redacted}`)
      .replace(digestInText, redacted)
      .replace(phoneInText, redacted)
  }

  // `sensitive`: under a sensitive key, where every value is redacted (a list of phone numbers).
  // `parent`: the key the value sits under (an array's items sit under the array's key).
  const redactJson = (
    value: unknown,
    depth: number,
    sensitive: boolean,
    parent: string | undefined,
  ): unknown => {
    if (depth > maxJsonDepth) return redacted
    if (Array.isArray(value)) {
      return value.map((item) => redactJson(item, depth + 1, sensitive, parent))
    }
    if (typeof value === 'object' && value !== null) {
      const copy: Record<string, unknown> = {}
      for (const [key, item] of Object.entries(value)) {
        copy[key] = redactJson(
          item,
          depth + 1,
          sensitive || sensitiveKeyPattern.test(key) || isPersonalKey(key, parent),
          key,
        )
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
        return text(JSON.stringify(redactJson(parsed, 0, false, undefined)))
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
        // One marker form in a URL: the query encodes the brackets the text redaction leaves as
        // they are (`nonce=[redacted]` beside `sign=%5Bredacted%5D` read as two things).
        return text(url.toString()).replaceAll(encodedRedacted, redacted)
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
      return createRedactor(
        [...known, ...callSecrets],
        [...personal, ...callPersonal],
        personalData,
      )
    },
  }
  return redactor
}
