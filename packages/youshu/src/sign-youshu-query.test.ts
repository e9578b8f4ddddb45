import { describe, expect, it } from 'vitest'
import { createYoushuNonce, signYoushuQuery, youshuStringToSign } from './sign-youshu-query.ts'

describe('signYoushuQuery', () => {
  // The two worked examples of the Youshu documents: https://mp.zhls.qq.com/youshu-docs/develop/dev_account/dev_account_access.html (key 123) and
  // https://lingshou.tencent.com/doc/bi/api_safe_report.html (key xyz).
  it('reproduces the dev_account_access example (key 123)', async () => {
    expect(
      await signYoushuQuery({
        appId: 'abc',
        appSecret: '123',
        nonce: '407313d23c3f7',
        timestamp: 1542951251,
      }),
    ).toBe('25d5806d0aadc93129879874227c348c33f8e29d70cdcb3094c6909fadb3007b')
  })

  it('reproduces the lingshou example (key xyz)', async () => {
    expect(
      await signYoushuQuery({
        appId: 'abc',
        appSecret: 'xyz',
        nonce: '407313d23c3f7',
        timestamp: 1542951251,
      }),
    ).toBe('6e54c38c7e9c382a5295c3885503fa4a9ee37cabc884350d84973fc1b843126d')
  })

  it('signs the values as they are, without URL-encoding', () => {
    expect(youshuStringToSign({ appId: 'a b', nonce: 'n+/=', timestamp: 1 })).toBe(
      'app_id=a b&nonce=n+/=&sign=sha256&timestamp=1',
    )
  })
})

describe('createYoushuNonce', () => {
  it('gives 32 URL-safe characters, different every time', () => {
    const nonces = new Set(Array.from({ length: 1000 }, createYoushuNonce))
    expect(nonces.size).toBe(1000)
    for (const nonce of nonces) expect(nonce).toMatch(/^[0-9a-f]{32}$/)
  })
})
