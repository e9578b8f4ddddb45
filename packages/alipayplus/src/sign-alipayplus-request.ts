import { decodeBase64Bytes, encodeBase64, toPkcs8PrivateKey, toSpkiPublicKey } from './rsa-keys.ts'

/**
 * What an Alipay+ request signature covers.
 *
 * @example
 * ```ts
 * const input: AlipayPlusSignatureInput = { method: 'POST', path: '/api/open/v2/miniprogram/order/sync', clientId, requestTime, body, privateKey }
 * ```
 */
export interface AlipayPlusSignatureInput {
  /** `POST`. */
  readonly method: string
  /** The request path as signed (see the client's `signPathWithPrefix`). */
  readonly path: string
  /** The `Client-Id` header. */
  readonly clientId: string
  /** The `Request-Time` header, ISO 8601 with offset. */
  readonly requestTime: string
  /** The body, byte for byte as sent. */
  readonly body: string
  /** The merchant's RSA private key: PKCS#8 or PKCS#1, PEM or bare base64. */
  readonly privateKey: string | CryptoKey
  /**
   * The key version registered with the platform.
   *
   * @default 1
   */
  readonly keyVersion?: number | string
}

const encoder = new TextEncoder()
const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const

/**
 * Imports an RSA private key for signing (PKCS#1 is wrapped into PKCS#8 first).
 *
 * @param privateKey - PKCS#8 or PKCS#1, PEM or bare base64.
 * @returns A WebCrypto key for RSASSA-PKCS1-v1_5 with SHA-256.
 * @example
 * ```ts
 * const key = await importAlipayPlusPrivateKey(process.env.ALIPAYPLUS_PRIVATE_KEY!)
 * ```
 */
export function importAlipayPlusPrivateKey(privateKey: string): Promise<CryptoKey> {
  return globalThis.crypto.subtle.importKey(
    'pkcs8',
    toPkcs8PrivateKey(privateKey) as BufferSource,
    algorithm,
    false,
    ['sign'],
  )
}

/**
 * Imports the platform's RSA public key for verifying responses (PKCS#1 is wrapped into SPKI first).
 *
 * @param platformPublicKey - SPKI or PKCS#1, PEM or bare base64.
 * @returns A WebCrypto key for RSASSA-PKCS1-v1_5 with SHA-256.
 * @example
 * ```ts
 * const key = await importAlipayPlusPublicKey(process.env.ALIPAYPLUS_PLATFORM_PUBLIC_KEY!)
 * ```
 */
export function importAlipayPlusPublicKey(platformPublicKey: string): Promise<CryptoKey> {
  return globalThis.crypto.subtle.importKey(
    'spki',
    toSpkiPublicKey(platformPublicKey) as BufferSource,
    algorithm,
    false,
    ['verify'],
  )
}

/**
 * The string Alipay+ signs: `<METHOD> <path>\n<Client-Id>.<Request-Time>.<body>` (Alipay's
 * global SDK, `signature_tool.py` `gen_sign_content`; Antom "Digital signature", https://docs.antom.com/ac/ams/digital_signature).
 *
 * @param input - Method, path, client id, time and body.
 * @returns The content to sign.
 * @example
 * ```ts
 * alipayPlusContentToSign({ method: 'POST', path: '/api/open/v2/miniprogram/order/sync', clientId: 'c', requestTime: 't', body: '{}' })
 * // 'POST /api/open/v2/miniprogram/order/sync\nc.t.{}'
 * ```
 */
export function alipayPlusContentToSign(
  input: Pick<AlipayPlusSignatureInput, 'method' | 'path' | 'clientId' | 'requestTime' | 'body'>,
): string {
  return `${input.method.toUpperCase()} ${input.path}\n${input.clientId}.${input.requestTime}.${input.body}`
}

/**
 * Signs an Alipay+ request and returns the `Signature` header value:
 * `algorithm=RSA256,keyVersion=<n>,signature=<URL-encoded Base64>` — RSA PKCS#1 v1.5 with SHA-256
 * over {@link alipayPlusContentToSign}, Base64, URL-encoded, no spaces after the commas, as Alipay's
 * global SDK (`default_alipay_client.py`) builds it. PKCS#1 v1.5 is deterministic: the same input always
 * gives the same header.
 *
 * @param input - The request and the key.
 * @returns The `Signature` header value.
 * @example
 * ```ts
 * const signature = await signAlipayPlusRequest({
 *   method: 'POST',
 *   path: '/api/open/v2/miniprogram/order/sync',
 *   clientId: '2022033195014xxx',
 *   requestTime: '2022-04-20T10:38:09.123+08:00',
 *   body,
 *   privateKey: pem,
 *   keyVersion: 1,
 * })
 * // 'algorithm=RSA256,keyVersion=1,signature=KRaE3x…%3D%3D'
 * ```
 */
export async function signAlipayPlusRequest(input: AlipayPlusSignatureInput): Promise<string> {
  const key =
    typeof input.privateKey === 'string'
      ? await importAlipayPlusPrivateKey(input.privateKey)
      : input.privateKey
  const signature = await globalThis.crypto.subtle.sign(
    algorithm,
    key,
    encoder.encode(alipayPlusContentToSign(input)),
  )
  return `algorithm=RSA256,keyVersion=${input.keyVersion ?? 1},signature=${encodeURIComponent(encodeBase64(new Uint8Array(signature)))}`
}

/**
 * What a response signature covers and the key to check it with.
 *
 * @example
 * ```ts
 * await verifyAlipayPlusResponse({ path, clientId, responseTime, body, signatureHeader, platformPublicKey } satisfies AlipayPlusResponseVerificationInput)
 * ```
 */
export interface AlipayPlusResponseVerificationInput {
  /** The request path, as signed. */
  readonly path: string
  /** The response's `client-id` header. */
  readonly clientId: string
  /** The response's `response-time` header. */
  readonly responseTime: string
  /** The raw response body. */
  readonly body: string
  /** The response's `signature` header (`algorithm=…,keyVersion=…,signature=…`). */
  readonly signatureHeader: string
  /** The platform's RSA public key: SPKI or PKCS#1, PEM or bare base64. */
  readonly platformPublicKey: string | CryptoKey
}

/**
 * Checks an Alipay+ response signature: `POST <path>\n<client-id>.<response-time>.<body>` with the
 * platform's public key, the signature URL-decoded from the header (as Alipay's global SDK verifies it).
 *
 * @param input - The response parts and the platform's public key.
 * @returns Whether the signature is valid.
 * @example
 * ```ts
 * const valid = await verifyAlipayPlusResponse({ path, clientId, responseTime, body, signatureHeader, platformPublicKey })
 * ```
 */
export async function verifyAlipayPlusResponse(
  input: AlipayPlusResponseVerificationInput,
): Promise<boolean> {
  const signature = readResponseSignature(input.signatureHeader)
  if (signature === undefined) return false
  const key =
    typeof input.platformPublicKey === 'string'
      ? await importAlipayPlusPublicKey(input.platformPublicKey)
      : input.platformPublicKey
  const content = alipayPlusContentToSign({
    method: 'POST',
    path: input.path,
    clientId: input.clientId,
    requestTime: input.responseTime,
    body: input.body,
  })
  return globalThis.crypto.subtle.verify(
    algorithm,
    key,
    signature as BufferSource,
    encoder.encode(content),
  )
}

/**
 * The signature bytes of a `signature` header (`algorithm=…,keyVersion=…,signature=<URL-encoded
 * Base64>`), or `undefined` when it has none that decodes. The bytes, not the text, identify a
 * signature: the same one may be written with other percent-escapes.
 *
 * @internal
 */
export function readResponseSignature(signatureHeader: string): Uint8Array | undefined {
  const match = /(?:^|,)\s*signature=([^,]+)/.exec(signatureHeader)
  if (match?.[1] === undefined) return undefined
  try {
    return decodeBase64Bytes(decodeURIComponent(match[1]))
  } catch {
    return undefined
  }
}
