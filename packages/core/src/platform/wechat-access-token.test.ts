import { describe, expect, it } from 'vitest'
import { createTransport } from '../http/transport.ts'
import type { IncomingResponse, ResponseClassification } from '../http/transport-types.ts'
import {
  classifyWechatTokenResponse,
  fetchWechatAccessToken,
  wechatTokenKey,
} from './wechat-access-token.ts'
import { classifyWechatEnvelope } from './wechat-envelope.ts'

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
    const request = { appId: 'wx1234567890abcdef', appSecret: 'app-secret-value' }
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

describe('the WeChat envelope every WeChat package reads', () => {
  const table = {
    [-1]: { meaning: 'system busy', outcome: 'retryable', whatToDo: 'retried' },
    47001: { meaning: 'data format error', outcome: 'failure', whatToDo: 'fix the body' },
  } as const
  const answer = (status: number, text: string): IncomingResponse => {
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
    return { status, headers: new Headers(), text, json }
  }

  it('reads a code of the table, one it does not know, an unreadable 2xx, and the trace id', () => {
    expect(classifyWechatEnvelope(answer(200, '{"errcode":0,"errmsg":"ok"}'), table)).toEqual({
      outcome: 'success',
    })
    expect(
      classifyWechatEnvelope(
        answer(200, '{"errcode":47001,"errmsg":"data format error rid: 6639eae2-2d7c4699"}'),
        table,
      ),
    ).toEqual({
      outcome: 'failure',
      code: 47001,
      message: 'data format error rid: 6639eae2-2d7c4699 — fix the body',
      requestId: '6639eae2-2d7c4699',
    })
    expect(classifyWechatEnvelope(answer(200, '{"errcode":9401020}'), table)).toEqual({
      outcome: 'failure',
      code: 9401020,
      message: 'no errmsg',
      concerns: 'unknown',
    })
    expect(classifyWechatEnvelope(answer(200, '{"errcode":0,"data":{"ord'), table)).toEqual({
      outcome: 'failure',
      message: 'HTTP 200 without a WeChat envelope ({errcode, errmsg})',
      unreadable: true,
    })
    expect(classifyWechatEnvelope(answer(503, 'busy'), table)).toEqual({
      outcome: 'retryable',
      message: 'HTTP 503',
    })
  })

  it('reads the token endpoints: a wrong secret or app id is the credentials, the rest the configuration', () => {
    expect(
      classifyWechatTokenResponse(answer(200, '{"errcode":40125,"errmsg":"invalid appsecret"}')),
    ).toEqual({
      outcome: 'failure',
      code: 40125,
      message:
        'the token endpoint refused: invalid appsecret — check that appSecret is the current AppSecret of the mini program named by appId',
      concerns: 'credentials',
    })
    expect(classifyWechatTokenResponse(answer(200, '{"errcode":41002}'))).toEqual({
      outcome: 'failure',
      code: 41002,
      message: 'the token endpoint refused: HTTP 200 — check appId and appSecret',
      concerns: 'configuration',
    })
  })
})
