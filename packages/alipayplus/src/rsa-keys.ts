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

interface DerElement {
  readonly tag: number
  /** The first byte of the content. */
  readonly start: number
  /** One past the last byte of the content. */
  readonly end: number
}

/** Reads one DER element at `offset` (definite lengths only), or `undefined` when it does not fit. */
function readDer(bytes: Uint8Array, offset: number, limit = bytes.length): DerElement | undefined {
  const tag = bytes[offset]
  const first = bytes[offset + 1]
  if (tag === undefined || first === undefined) return undefined
  let start = offset + 2
  let length = first
  if (first & 0x80) {
    const count = first & 0x7f
    if (count === 0 || count > 4) return undefined
    length = 0
    for (let index = 0; index < count; index += 1) {
      const byte = bytes[start + index]
      if (byte === undefined) return undefined
      length = length * 256 + byte
    }
    start += count
  }
  const end = start + length
  return end > limit ? undefined : { tag, start, end }
}

/** The children of a constructed DER element. */
function derChildren(bytes: Uint8Array, parent: DerElement): DerElement[] | undefined {
  const children: DerElement[] = []
  for (let offset = parent.start; offset < parent.end; ) {
    const child = readDer(bytes, offset, parent.end)
    if (child === undefined) return undefined
    children.push(child)
    offset = child.end
  }
  return children
}

/** The top-level SEQUENCE's children, when the bytes are exactly one SEQUENCE. */
function derSequence(bytes: Uint8Array, start = 0, end = bytes.length): DerElement[] | undefined {
  const outer = readDer(bytes, start, end)
  if (outer === undefined || outer.tag !== 0x30 || outer.end !== end) return undefined
  return derChildren(bytes, outer)
}

// The content bytes of the rsaEncryption OBJECT IDENTIFIER.
const rsaEncryptionOid = rsaAlgorithm.slice(4, 13)

function isRsaAlgorithm(bytes: Uint8Array, element: DerElement | undefined): boolean {
  if (element?.tag !== 0x30) return false
  const oid = derChildren(bytes, element)?.[0]
  return (
    oid?.tag === 0x06 &&
    oid.end - oid.start === rsaEncryptionOid.length &&
    rsaEncryptionOid.every((byte, index) => bytes[oid.start + index] === byte)
  )
}

/** Whether the bytes are an RSAPrivateKey (PKCS#1): a SEQUENCE of nine INTEGERs. */
function isRsaPrivateKeyStructure(bytes: Uint8Array, start = 0, end = bytes.length): boolean {
  const children = derSequence(bytes, start, end)
  return children !== undefined && children.length >= 9 && children.every((c) => c.tag === 0x02)
}

/** Whether the bytes are an RSAPublicKey (PKCS#1): a SEQUENCE of two INTEGERs. */
function isRsaPublicKeyStructure(bytes: Uint8Array, start = 0, end = bytes.length): boolean {
  const children = derSequence(bytes, start, end)
  return children?.length === 2 && children.every((c) => c.tag === 0x02)
}

function notRsa(setting: string, what: string): InvalidArgumentError {
  return new InvalidArgumentError({
    platform: 'alipayplus',
    argument: setting,
    reason: `is not an RSA ${what}: ${setting === 'privateKey' ? 'pass the merchant RSA private key (PKCS#8 "BEGIN PRIVATE KEY" or PKCS#1 "BEGIN RSA PRIVATE KEY")' : 'pass the platform RSA public key shown in the mini program\'s Development Configuration ("BEGIN PUBLIC KEY" or "BEGIN RSA PUBLIC KEY")'}`,
  })
}

/** Checks that PKCS#8 DER holds an RSA key: version, rsaEncryption, then an RSAPrivateKey. */
function checkPkcs8RsaKey(bytes: Uint8Array): void {
  const children = derSequence(bytes)
  const octets = children?.[2]
  if (
    children === undefined ||
    children[0]?.tag !== 0x02 ||
    !isRsaAlgorithm(bytes, children[1]) ||
    octets?.tag !== 0x04 ||
    !isRsaPrivateKeyStructure(bytes, octets.start, octets.end)
  )
    throw notRsa('privateKey', 'private key')
}

/** Checks that SPKI DER holds an RSA key: rsaEncryption, then a BIT STRING with an RSAPublicKey. */
function checkSpkiRsaKey(bytes: Uint8Array): void {
  const children = derSequence(bytes)
  const bits = children?.[1]
  if (
    children?.length !== 2 ||
    !isRsaAlgorithm(bytes, children[0]) ||
    bits?.tag !== 0x03 ||
    bytes[bits.start] !== 0x00 ||
    !isRsaPublicKeyStructure(bytes, bits.start + 1, bits.end)
  )
    throw notRsa('platformPublicKey', 'public key')
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
 * @throws `InvalidArgumentError` for text that is no RSA private key (the DER structure is checked).
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
  if (!pkcs1) {
    checkPkcs8RsaKey(bytes)
    return bytes
  }
  if (!isRsaPrivateKeyStructure(bytes)) throw notRsa('privateKey', 'private key')
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
 * @throws `InvalidArgumentError` for text that is no RSA public key (the DER structure is checked).
 * @example
 * ```ts
 * const spki = toSpkiPublicKey('-----BEGIN PUBLIC KEY-----\nMIIBIj…\n-----END PUBLIC KEY-----')
 * ```
 */
export function toSpkiPublicKey(key: string): Uint8Array {
  const { label, der: bytes } = readKey(key, 'platformPublicKey')
  if (label === 'RSA PUBLIC KEY') {
    if (!isRsaPublicKeyStructure(bytes)) throw notRsa('platformPublicKey', 'public key')
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
  if (label === undefined && isRsaPublicKeyStructure(bytes)) {
    return der(
      0x30,
      Uint8Array.from([...rsaAlgorithm, ...der(0x03, Uint8Array.from([0x00, ...bytes]))]),
    )
  }
  checkSpkiRsaKey(bytes)
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
