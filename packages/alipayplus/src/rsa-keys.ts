// RSA keys for WebCrypto. WebCrypto imports private keys only as PKCS#8 and public keys as SPKI;
// Alipay+ consoles and SDKs hand out PKCS#1 ("BEGIN RSA PRIVATE KEY", or bare base64). PKCS#1 is
// wrapped into PKCS#8 here with the fixed rsaEncryption AlgorithmIdentifier (RFC 5208 §5,
// RFC 8017 appendix A.1): no ASN.1 library needed.

import { InvalidArgumentError } from '@ordersync/core'

// AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }
const rsaAlgorithm = [
  0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
]

function derLength(length: number): number[] {
  if (length < 0x80) return [length]
  const bytes: number[] = []
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256)
  return [0x80 | bytes.length, ...bytes]
}

function der(tag: number, content: Uint8Array): Uint8Array {
  return Uint8Array.from([tag, ...derLength(content.length), ...content])
}

function decodeBase64(text: string, setting: string): Uint8Array {
  try {
    const binary = atob(text)
    return Uint8Array.from(binary, (character) => character.charCodeAt(0))
  } catch (cause) {
    throw new InvalidArgumentError({
      platform: 'alipayplus',
      argument: setting,
      reason: 'is not PEM or base64 DER',
      cause,
    })
  }
}

/** Reads PEM or bare base64 DER into its label (if any) and bytes. */
function readKey(key: string, setting: string): { label: string | undefined; der: Uint8Array } {
  const trimmed = key.trim()
  const armored = /^-----BEGIN ([A-Z ]+)-----([\s\S]*?)-----END \1-----$/.exec(trimmed)
  const label = armored?.[1]
  const body = (armored?.[2] ?? trimmed).replace(/\s+/g, '')
  if (body === '')
    throw new InvalidArgumentError({
      platform: 'alipayplus',
      argument: setting,
      reason: 'is empty',
    })
  return { label, der: decodeBase64(body, setting) }
}

/** Whether a DER private key is PKCS#1 (RSAPrivateKey: version, then the modulus) rather than PKCS#8. */
function isPkcs1PrivateKey(bytes: Uint8Array): boolean {
  // SEQUENCE, its length, then INTEGER 0 (version); PKCS#8 continues with a SEQUENCE (the
  // AlgorithmIdentifier), PKCS#1 with an INTEGER (the modulus).
  let index = 1
  const first = bytes[index] ?? 0
  index += first & 0x80 ? 1 + (first & 0x7f) : 1
  if (bytes[index] !== 0x02) return false
  const versionLength = bytes[index + 1] ?? 0
  return bytes[index + 2 + versionLength] === 0x02
}

/**
 * Converts an RSA private key — PKCS#8 or PKCS#1, PEM or bare base64 — to PKCS#8 DER for WebCrypto.
 *
 * @param key - The key text.
 * @returns PKCS#8 DER bytes.
 * @throws `InvalidArgumentError` for text that is no key.
 * @example
 * ```ts
 * const pkcs8 = toPkcs8PrivateKey('-----BEGIN RSA PRIVATE KEY-----\nMIIEow…\n-----END RSA PRIVATE KEY-----')
 * ```
 */
export function toPkcs8PrivateKey(key: string): Uint8Array {
  const { label, der: bytes } = readKey(key, 'privateKey')
  if (label !== undefined && label !== 'PRIVATE KEY' && label !== 'RSA PRIVATE KEY') {
    throw new InvalidArgumentError({
      platform: 'alipayplus',
      argument: 'privateKey',
      reason: `is a "${label}", not an RSA private key`,
    })
  }
  const pkcs1 = label === 'RSA PRIVATE KEY' || (label === undefined && isPkcs1PrivateKey(bytes))
  if (!pkcs1) return bytes
  const version = [0x02, 0x01, 0x00]
  const octets = der(0x04, bytes)
  return der(0x30, Uint8Array.from([...version, ...rsaAlgorithm, ...octets]))
}

/**
 * Converts an RSA public key — SPKI ("BEGIN PUBLIC KEY") or PKCS#1 ("BEGIN RSA PUBLIC KEY"), PEM
 * or bare base64 — to SPKI DER for WebCrypto.
 *
 * @param key - The key text.
 * @returns SPKI DER bytes.
 * @throws `InvalidArgumentError` for text that is no key.
 * @example
 * ```ts
 * const spki = toSpkiPublicKey('-----BEGIN PUBLIC KEY-----\nMIIBIj…\n-----END PUBLIC KEY-----')
 * ```
 */
export function toSpkiPublicKey(key: string): Uint8Array {
  const { label, der: bytes } = readKey(key, 'platformPublicKey')
  if (label === 'RSA PUBLIC KEY') {
    return der(
      0x30,
      Uint8Array.from([...rsaAlgorithm, ...der(0x03, Uint8Array.from([0x00, ...bytes]))]),
    )
  }
  if (label !== undefined && label !== 'PUBLIC KEY') {
    throw new InvalidArgumentError({
      platform: 'alipayplus',
      argument: 'platformPublicKey',
      reason: `is a "${label}", not an RSA public key`,
    })
  }
  return bytes
}

/** Base64 of bytes. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** Bytes of base64. */
export function decodeBase64Bytes(text: string): Uint8Array {
  return decodeBase64(text, 'signature')
}
