// Small checks the platform modules build their validation from. Each returns the first problem as
// "path: what is wrong", or undefined, so that a module chains them with `??` and answers the first
// problem in its platform's envelope.

/** A JSON object (not an array, not null). */
export type JsonObject = Record<string, unknown>

/** Whether a value is a JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

interface PresenceRule {
  /** Whether the key must be present. */
  readonly required: boolean
}

/** A string field: present (when required), a string, and non-empty unless `allowEmpty`. */
export function checkString(
  object: JsonObject,
  key: string,
  at: string,
  rule: PresenceRule & { readonly allowEmpty?: boolean; readonly maxLength?: number },
): string | undefined {
  const value = object[key]
  if (value === undefined) return rule.required ? `${at}.${key}: required string` : undefined
  if (typeof value !== 'string') return `${at}.${key}: must be a string`
  if (value === '' && rule.allowEmpty !== true) return `${at}.${key}: must not be empty`
  if (rule.maxLength !== undefined && [...value].length > rule.maxLength)
    return `${at}.${key}: at most ${rule.maxLength} characters`
  return undefined
}

/** An integer field (a JSON number without fraction), optionally bounded or from a set. */
export function checkInteger(
  object: JsonObject,
  key: string,
  at: string,
  rule: PresenceRule & {
    readonly min?: number
    readonly max?: number
    readonly oneOf?: readonly number[]
    /** Says what the number is, in the message of a value out of range, e.g. "fen". */
    readonly unit?: string
  },
): string | undefined {
  const value = object[key]
  if (value === undefined) return rule.required ? `${at}.${key}: required integer` : undefined
  if (typeof value !== 'number' || !Number.isSafeInteger(value))
    return `${at}.${key}: must be an integer${rule.unit === undefined ? '' : ` (${rule.unit})`}`
  if (rule.oneOf !== undefined && !rule.oneOf.includes(value))
    return `${at}.${key}: must be one of ${rule.oneOf.join(', ')}`
  if (rule.min !== undefined && value < rule.min)
    return `${at}.${key}: must be at least ${rule.min}${rule.unit === undefined ? '' : ` (${rule.unit})`}`
  if (rule.max !== undefined && value > rule.max)
    return `${at}.${key}: must be at most ${rule.max}${rule.unit === undefined ? '' : ` (${rule.unit})`}`
  return undefined
}

/** A boolean field. */
export function checkBoolean(
  object: JsonObject,
  key: string,
  at: string,
  rule: PresenceRule,
): string | undefined {
  const value = object[key]
  if (value === undefined) return rule.required ? `${at}.${key}: required boolean` : undefined
  return typeof value === 'boolean' ? undefined : `${at}.${key}: must be a boolean`
}

/** An array field with an optional length range (`null` counts as absent when `nullable`). */
export function checkArray(
  object: JsonObject,
  key: string,
  at: string,
  rule: PresenceRule & {
    readonly min?: number
    readonly max?: number
    readonly nullable?: boolean
  },
): string | undefined {
  const value = object[key]
  if (value === undefined || (value === null && rule.nullable === true))
    return rule.required ? `${at}.${key}: required array` : undefined
  if (!Array.isArray(value)) return `${at}.${key}: must be an array`
  if (rule.min !== undefined && value.length < rule.min)
    return `${at}.${key}: at least ${rule.min} ${rule.min === 1 ? 'entry' : 'entries'}`
  if (rule.max !== undefined && value.length > rule.max)
    return `${at}.${key}: at most ${rule.max} entries`
  return undefined
}

/** An object field. */
export function checkObject(
  object: JsonObject,
  key: string,
  at: string,
  rule: PresenceRule,
): string | undefined {
  const value = object[key]
  if (value === undefined) return rule.required ? `${at}.${key}: required object` : undefined
  return isObject(value) ? undefined : `${at}.${key}: must be an object`
}

/** Runs a check over every entry of an array field that is present; the first problem wins. */
export function checkEach(
  object: JsonObject,
  key: string,
  at: string,
  check: (entry: unknown, where: string) => string | undefined,
): string | undefined {
  const value = object[key]
  if (!Array.isArray(value)) return undefined
  for (const [index, entry] of value.entries()) {
    const problem = check(entry, `${at}.${key}[${index}]`)
    if (problem !== undefined) return problem
  }
  return undefined
}
