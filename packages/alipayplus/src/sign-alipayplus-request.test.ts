import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  alipayPlusContentToSign,
  signAlipayPlusRequest,
  verifyAlipayPlusResponse,
} from './sign-alipayplus-request.ts'

const read = (name: string) => readFileSync(new URL(`./test/${name}`, import.meta.url), 'utf8')
const pkcs1 = read('test-key-pkcs1.pem')
const pkcs8 = read('test-key-pkcs8.pem')
const publicKey = read('test-key-public.pem')
const content = read('kat-content.txt')
const opensslSignature = read('kat-signature.b64').trim()

const request = {
  method: 'POST',
  path: '/api/open/v2/miniprogram/order/sync',
  clientId: '2022033195014xxx',
  requestTime: '2022-04-20T10:38:09.123+08:00',
  body: '{"appId":"2102010120672524","referenceOrderId":"ordersync-kat-1"}',
}

describe('signAlipayPlusRequest', () => {
  it('signs exactly the content the fixture was signed over', () => {
    expect(alipayPlusContentToSign(request)).toBe(content)
  })

  it.each([
    ['a PKCS#1 PEM key', pkcs1],
    ['a PKCS#8 PEM key', pkcs8],
    ['a bare base64 PKCS#1 key', pkcs1.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '')],
    ['a bare base64 PKCS#8 key', pkcs8.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '')],
  ])(
    'matches OpenSSL’s signature (openssl dgst -sha256 -sign) with %s',
    async (_name, privateKey) => {
      const header = await signAlipayPlusRequest({ ...request, privateKey, keyVersion: 1 })
      expect(header).toBe(
        `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(opensslSignature)}`,
      )
    },
  )

  it('verifies a signature with the public key, and refuses a changed body', async () => {
    const signatureHeader = await signAlipayPlusRequest({
      ...request,
      privateKey: pkcs1,
      keyVersion: 2,
    })
    expect(signatureHeader.startsWith('algorithm=RSA256,keyVersion=2,signature=')).toBe(true)
    const verification = {
      path: request.path,
      clientId: request.clientId,
      responseTime: request.requestTime,
      signatureHeader,
      platformPublicKey: publicKey,
    }
    expect(await verifyAlipayPlusResponse({ ...verification, body: request.body })).toBe(true)
    expect(await verifyAlipayPlusResponse({ ...verification, body: `${request.body} ` })).toBe(
      false,
    )
    expect(
      await verifyAlipayPlusResponse({
        ...verification,
        body: request.body,
        signatureHeader: 'algorithm=RSA256',
      }),
    ).toBe(false)
  })

  it('refuses text that is not a key, naming the setting', async () => {
    await expect(
      signAlipayPlusRequest({
        ...request,
        privateKey: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
      }),
    ).rejects.toThrow(
      '[ordersync] [alipayplus] invalid privateKey: is a "CERTIFICATE", not an RSA private key',
    )
    await expect(
      signAlipayPlusRequest({ ...request, privateKey: 'not base64 !!' }),
    ).rejects.toThrow('invalid privateKey: is not PEM or base64 DER')
  })
})
