import type { Redactor } from '../ground/redact.ts'
import type { OutgoingRequest } from './transport-types.ts'

/**
 * The redaction of one call: the client's redactor, plus the values made for this call (its
 * signatures) and the order's personal values in every format (those the call names, and those
 * the body holds under a phone key or one of the platform's personal keys). Built only when something reads a
 * redacted form — a hook that is set, or an error being built — and built again after a value is
 * learnt.
 */
export interface CallRedaction {
  /** The redactor for what this call's hooks, errors and result show. */
  current(): Redactor
  /** A token fetched for this call: a secret of the client from now on. */
  rememberToken(token: string): void
  /** What signing added or changed: secrets of this call. */
  rememberSigning(unsigned: OutgoingRequest, signed: OutgoingRequest): void
}

/** Creates the redaction of one call on top of the client's redactor. */
export function createCallRedaction(
  client: Redactor,
  personal: () => readonly string[],
): CallRedaction {
  const secrets: string[] = []
  let built: Redactor | undefined
  // Found in the body the first time something reads a redacted form.
  let values: readonly string[] | undefined
  return {
    current: () => {
      values ??= personal()
      built ??= client.with(secrets, values)
      return built
    },
    rememberToken(token) {
      client.addSecret(token)
      built = undefined
    },
    rememberSigning(unsigned, signed) {
      rememberSignature(unsigned, signed, secrets)
      built = undefined
    },
  }
}

/**
 * Remembers what signing added or changed (a signature header, a signature query parameter) as
 * secrets of this call, with the parts of a structured value (`algorithm=RSA256,signature=…`).
 */
function rememberSignature(
  unsigned: OutgoingRequest,
  signed: OutgoingRequest,
  into: string[],
): void {
  const remember = (value: string): void => {
    into.push(value)
    for (const part of value.split(/[,;&\s]+/)) {
      const item = part.includes('=') ? part.slice(part.indexOf('=') + 1) : part
      if (item.length >= 16) {
        into.push(item)
        try {
          const decoded = decodeURIComponent(item)
          if (decoded !== item) into.push(decoded)
        } catch {
          // Not URL-encoded.
        }
      }
    }
  }
  for (const [key, value] of Object.entries(signed.headers)) {
    if (unsigned.headers[key] !== value && value.length >= 16) remember(value)
  }
  for (const [key, value] of Object.entries(signed.query)) {
    if (unsigned.query[key] !== value && value.length >= 16) remember(value)
  }
  // A signature the signer put in the body (`{"sign": "…"}` or a form field).
  if (signed.body !== undefined && signed.body !== unsigned.body) {
    const before = new Set(stringsIn(unsigned.body ?? ''))
    for (const value of stringsIn(signed.body)) {
      if (!before.has(value) && value.length >= 16) remember(value)
    }
  }
}

/** The string values of a JSON or form body, however deep. */
function stringsIn(body: string): string[] {
  const found: string[] = []
  const walk = (value: unknown, depth: number): void => {
    if (depth > 32) return
    if (typeof value === 'string') found.push(value)
    else if (Array.isArray(value)) for (const item of value) walk(item, depth + 1)
    else if (typeof value === 'object' && value !== null) {
      for (const item of Object.values(value)) walk(item, depth + 1)
    }
  }
  try {
    walk(JSON.parse(body), 0)
  } catch {
    for (const [, value] of new URLSearchParams(body)) found.push(value)
  }
  return found
}
