import { describe, expect, it } from 'vitest'
import { createTransport } from '../http/transport.ts'
import type { IncomingResponse, ResponseClassification } from '../http/transport-types.ts'
import { fetchWechatAccessToken, wechatTokenKey } from './wechat-access-token.ts'

const classify = (response: IncomingResponse): ResponseClassification =>
  typeof (response.json as { access_token?: unknown }).access_token === 'string'
    ? { outcome: 'success' }
    : { outcome: 'failure', concerns: 'credentials' }

function recordingTransport() {
  const sent: { method: string; url: string; body: string }[] = []
  const transport = createTransport({
    platform: 'wechat',
    baseURL: 'https://api.weixin.qq.com',
    classify,
    fetch: async (input, init) => {
      const request = new Request(input as RequestInfo, init)
      sent.push({ method: request.method, url: request.url, body: await request.text() })
      return new Response('{"access_token":"ACCESS_TOKEN","expires_in":7200}', { status: 200 })
    },
  })
  return { transport, sent }
}

describe('the WeChat access token both WeChat packages share', () => {
  it('has one store key per app and endpoint', () => {
    expect(wechatTokenKey('wx1234567890abcdef', 'stable')).toBe('wechat:wx1234567890abcdef:stable')
    expect(wechatTokenKey('wx1234567890abcdef', 'classic')).toBe(
      'wechat:wx1234567890abcdef:classic',
    )
  })

  it('asks the stable endpoint by POST without forcing a refresh, and the classic one by GET', async () => {
    const { transport, sent } = recordingTransport()
    const request = { appId: 'wx1234567890abcdef', appSecret: 'app-secret-value', classify }
    const signal = new AbortController().signal
    const stable = await fetchWechatAccessToken(
      transport,
      { ...request, endpoint: 'stable' },
      signal,
    )
    const classic = await fetchWechatAccessToken(
      transport,
      { ...request, endpoint: 'classic' },
      signal,
    )
    expect(stable).toEqual({ value: 'ACCESS_TOKEN', expiresInMs: 7_200_000 })
    expect(classic).toEqual({ value: 'ACCESS_TOKEN', expiresInMs: 7_200_000 })
    expect(sent).toEqual([
      {
        method: 'POST',
        url: 'https://api.weixin.qq.com/cgi-bin/stable_token',
        body: '{"grant_type":"client_credential","appid":"wx1234567890abcdef","secret":"app-secret-value","force_refresh":false}',
      },
      {
        method: 'GET',
        url: 'https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid=wx1234567890abcdef&secret=app-secret-value',
        body: '',
      },
    ])
  })
})
