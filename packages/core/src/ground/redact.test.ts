import { describe, expect, it } from 'vitest'
import { createRedactor, redacted } from './redact.ts'

describe('createRedactor().text', () => {
  const text = createRedactor(['known-secret-value']).text

  it('redacts a value written after a credential’s name, whatever the token is', () => {
    expect(text('invalid access_token=ACCESS123TOKEN456, try again')).toBe(
      `invalid access_token=${redacted}, try again`,
    )
    expect(text('{"errmsg":"bad \\"appSecret\\": \\"s3cr3t-value\\""}')).toBe(
      `{"errmsg":"bad \\"appSecret\\": \\"${redacted}\\""}`,
    )
    expect(text('client_secret: abcd1234 refused')).toBe(`client_secret: ${redacted} refused`)
    expect(text('sign=Zm9vYmFy&timestamp=1')).toBe(`sign=${redacted}&timestamp=1`)
    expect(text('refresh-token = r-99887766')).toBe(`refresh-token = ${redacted}`)
    expect(text('PRIVATE_KEY:MIIEvQIBADANBg')).toBe(`PRIVATE_KEY:${redacted}`)
  })

  it('leaves words that only look alike, and names without a value, as they are', () => {
    const kept = [
      'the design: simple',
      'token expired, fetch a new one',
      'tokenStore: shared',
      'signature invalid',
      'assigned=operator',
      'access_token=abc',
    ]
    for (const message of kept) expect(text(message)).toBe(message)
  })

  it('still redacts known values, Bearer credentials, phone numbers and digests', () => {
    expect(text('secret known-secret-value, Bearer abcdefgh12345678, call 13812345678')).toBe(
      `secret ${redacted}, Bearer ${redacted}, call ${redacted}`,
    )
    expect(text(`phone ${'a'.repeat(64)}`)).toBe(`phone ${redacted}`)
  })
})
