import {
  classifyWechatEnvelope,
  type IncomingResponse,
  type ResponseClassification,
  type WechatErrcode,
} from '@ordersync/core'

// A row of the table: core's, shared with @ordersync/wechat-shipping; exported from here too.
export type { WechatErrcode } from '@ordersync/core'

/**
 * WeChat's global error codes that the order APIs answer (WeChat server API "全局返回码" /
 * Channels "commErrCode" pages), with the class ordersync gives each, and the order family's own
 * 100000 (shop/order/pay on an order not in status 10). A code not listed is a failure ordersync
 * cannot place (`concerns: 'unknown'`), reported with WeChat's errmsg: the order's fault or a wrong
 * setting, which `syncOrders` tells apart by its repetition (`sameFailureLimit`).
 *
 * @example
 * ```ts
 * wechatErrcodes[45009]?.whatToDo // 'not retried: nothing succeeds until the daily quota resets; …'
 * ```
 */
export const wechatErrcodes: Readonly<Record<number, WechatErrcode>> = {
  [-1]: {
    meaning: 'system busy (系统繁忙)',
    outcome: 'retryable',
    whatToDo: 'nothing: retried with backoff within the retry settings',
  },
  40001: {
    meaning: 'access_token invalid or not the latest',
    outcome: 'token_invalid',
    whatToDo:
      'nothing: the token is expired, refreshed and the call replayed once; if it persists, another system is refreshing the same token (use a shared tokenStore or stable_token)',
  },
  40014: {
    meaning: 'invalid access_token',
    outcome: 'token_invalid',
    whatToDo: 'nothing: the token is expired, refreshed and the call replayed once',
  },
  42001: {
    meaning: 'access_token expired',
    outcome: 'token_invalid',
    whatToDo: 'nothing: the token is expired, refreshed and the call replayed once',
  },
  41001: {
    meaning: 'access_token missing',
    outcome: 'failure',
    concerns: 'configuration',
    whatToDo:
      'check that baseURL points at api.weixin.qq.com (or the sandbox) and not at a proxy that strips the query',
  },
  40013: {
    meaning: 'invalid appid',
    outcome: 'failure',
    concerns: 'configuration',
    whatToDo: 'check the appId setting: the mini program’s AppID from 开发管理 → 开发设置',
  },
  40125: {
    meaning: 'invalid appsecret',
    outcome: 'failure',
    concerns: 'credentials',
    whatToDo: 'check the appSecret setting (reset it in 开发管理 → 开发设置 if it was changed)',
  },
  40164: {
    meaning: 'the calling IP is not on the IP whitelist',
    outcome: 'failure',
    concerns: 'configuration',
    whatToDo: 'add the server’s IP to the mini program’s IP whitelist (开发管理 → 开发设置)',
  },
  40003: {
    meaning: 'invalid openid',
    outcome: 'failure',
    whatToDo: 'check buyer.platformUserId: the openid of the buyer in this mini program',
  },
  40097: {
    meaning: 'invalid request arguments',
    outcome: 'failure',
    whatToDo: 'check the order against the field table of shop/order/add',
  },
  44002: {
    meaning: 'empty POST body',
    outcome: 'failure',
    whatToDo: 'report it: ordersync always sends a body',
  },
  47001: {
    meaning: 'malformed POST data',
    outcome: 'failure',
    whatToDo: 'check the order against the field table of shop/order/add',
  },
  45002: {
    meaning: 'content too large',
    outcome: 'failure',
    whatToDo: 'shorten the order (fewer products, shorter titles)',
  },
  45009: {
    meaning: 'daily API quota reached (reach max api daily quota limit)',
    outcome: 'failure',
    concerns: 'configuration',
    whatToDo:
      'not retried: nothing succeeds until the daily quota resets; wait for the reset, or clear it once with the clear_quota API',
  },
  45011: {
    meaning: 'API minute quota reached',
    outcome: 'retryable',
    whatToDo:
      'nothing: retried after the current minute (within retry.maxRetryAfterMs and retry.maxElapsedMs; raise them to wait longer)',
  },
  48001: {
    meaning: 'API unauthorized: the mini program has not been granted this API',
    outcome: 'failure',
    concerns: 'configuration',
    whatToDo:
      'check that the mini program has access to the custom transaction component (自定义交易组件), which WeChat has replaced',
  },
  48004: {
    meaning: 'API forbidden for this mini program',
    outcome: 'failure',
    concerns: 'configuration',
    whatToDo: 'check the mini program’s status and notices in the WeChat admin console',
  },
  100000: {
    meaning: 'the order is not in the status this call requires (shop/order/pay needs status 10)',
    outcome: 'failure',
    whatToDo:
      're-sync the order: ordersync reads the status first and sends only the steps that are left',
  },
}

/**
 * Reads a WeChat API answer: `errcode` 0 is success (WeChat's global return codes: errcode is
 * the success check); HTTP 408, 429 and 5xx and the codes of {@link wechatErrcodes} marked
 * retryable are temporary; 40001, 40014, 42001 reject the token; a code of the table is a definite
 * failure carrying WeChat's code, message and what to do, and a code it does not list one that
 * ordersync cannot place (`concerns: 'unknown'`). A 2xx answer without a numeric errcode — a body
 * that is not JSON or cut short, an envelope that does not decode — is a failure that could not be
 * read (`unreadable`): WeChat may have processed the request, so the call is `uncertain`, never
 * `rejected`.
 *
 * @param response - The HTTP response.
 * @returns The classification.
 * @example
 * ```ts
 * classifyWechatResponse({ status: 200, headers: new Headers(), text: '{"errcode":-1}', json: { errcode: -1 } }).outcome // 'retryable'
 * ```
 */
export function classifyWechatResponse(response: IncomingResponse): ResponseClassification {
  return classifyWechatEnvelope(response, wechatErrcodes)
}

// The token endpoints' answers are read by core's classifyWechatTokenResponse, shared with
// @ordersync/wechat-shipping (the token itself is core's too); it stays exported from here.
export { classifyWechatTokenResponse } from '@ordersync/core'
