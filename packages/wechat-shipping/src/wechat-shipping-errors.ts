import {
  classifyWechatEnvelope,
  type IncomingResponse,
  type ResponseClassification,
  type WechatErrcode,
} from '@ordersync/core'

const fixRequest = (field: string): string =>
  `fix ${field}: ordersync's conversion and api schemas check it before sending, so report it if it came from them`

/**
 * The codes of the shipping service (each server API page under
 * https://developers.weixin.qq.com/miniprogram/dev/server/API/order_shipping/ lists its own, e.g.
 * `api_uploadshippinginfo.html`) and the global ones these calls answer, with the class ordersync
 * gives each. A code not listed is a failure ordersync cannot place (`concerns: 'unknown'`),
 * reported with WeChat's errmsg. Match on `errcode` only: the live errmsg carries a trace suffix
 * (`rid: …`) and its wording differs from the pages.
 *
 * `10060001` (payment not found) is a definite failure here; `syncOrders` retries it after
 * `paymentVisibilityDelayMs` while the payment is recent (the client's settings), since WeChat sees
 * a payment only some time after it is made. `10060002` and `10060023` are failures for `api`
 * callers; `syncOrders` reads the payment again after them (WeChat answers 10060023 to an upload
 * whose time is not later than its own too) and succeeds when WeChat holds the version's shipping.
 *
 * @example
 * ```ts
 * wechatShippingErrcodes[10060003]?.whatToDo // 'nothing more can be changed for this payment: …'
 * ```
 */
export const wechatShippingErrcodes: Readonly<Record<number, WechatErrcode>> = {
  [-1]: {
    meaning: 'system busy (系统繁忙)',
    outcome: 'retryable',
    whatToDo:
      'nothing: retried after the current minute (within retry.maxRetryAfterMs and retry.maxElapsedMs; raise them to wait longer)',
  },
  40001: {
    meaning: 'access_token invalid or not the latest',
    outcome: 'token_invalid',
    whatToDo:
      'nothing: the token is expired, refreshed and the call replayed once; if it persists, another system refreshes the same token (share a tokenStore, or use the stable token)',
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
    whatToDo: 'check the appid of the request and the appId setting (开发管理 → 开发设置)',
  },
  40097: {
    meaning: 'invalid or missing arguments (appid missing)',
    outcome: 'failure',
    whatToDo: 'give the appid of the mini program',
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
  43002: {
    meaning: 'the call must be a POST',
    outcome: 'failure',
    concerns: 'configuration',
    whatToDo: 'report it: ordersync posts every call of the family',
  },
  44002: {
    meaning: 'empty POST body',
    outcome: 'failure',
    whatToDo: 'report it: ordersync always sends a body',
  },
  47001: {
    meaning: 'the body is not JSON or is malformed (data format error)',
    outcome: 'failure',
    whatToDo: 'check the request against the call’s field table',
  },
  45009: {
    meaning: 'daily API quota reached',
    outcome: 'failure',
    concerns: 'configuration',
    whatToDo:
      'not retried: nothing succeeds until the daily quota resets (or clear it once with the clear_quota API)',
  },
  45011: {
    meaning: 'API minute quota reached',
    outcome: 'retryable',
    whatToDo:
      'nothing: retried after the current minute (within retry.maxRetryAfterMs and retry.maxElapsedMs; raise them to wait longer)',
  },
  44990: {
    meaning: 'rate limit of the call reached (达到频控上限)',
    outcome: 'retryable',
    whatToDo: 'nothing: retried with backoff; call less often if it persists',
  },
  48001: {
    meaning: 'API unauthorized: the mini program (or the third-party platform) lacks this API',
    outcome: 'failure',
    concerns: 'configuration',
    whatToDo:
      'check that the shipping management service is open for the mini program (is_trade_managed), and for a third-party platform that permission set 142 is granted',
  },
  61003: {
    meaning: 'the third-party platform is not authorized (permission set 18 or 142)',
    outcome: 'failure',
    concerns: 'configuration',
    whatToDo: 'have the mini program grant the third-party platform permission set 142',
  },
  61004: {
    meaning: 'the caller’s IP is not on the third-party platform’s whitelist',
    outcome: 'failure',
    concerns: 'configuration',
    whatToDo: 'add the server’s IP to the third-party platform’s IP whitelist',
  },
  61011: {
    meaning: 'invalid third-party platform',
    outcome: 'failure',
    concerns: 'configuration',
    whatToDo: 'check the token: it must be the mini program’s, or an authorizer_access_token',
  },
  10060001: {
    meaning: 'payment not found (支付单不存在)',
    outcome: 'failure',
    whatToDo:
      'check the payment ids (transaction_id, or mchid + out_trade_no, with the sub-merchant’s mchid for a service-provider payment); a payment right after it is made is not visible yet (syncOrders waits and retries while it is recent); test payments from the developer tools, overseas wallets and payments made before the merchant ID was authorized are never found',
  },
  10060002: {
    meaning: 'the payment is already completely shipped (支付单已完成发货)',
    outcome: 'failure',
    whatToDo:
      'nothing when this is a repeat: WeChat holds the shipping already (syncOrders checks it with get_order); WeChat takes no split upload that leaves a complete shipping open',
  },
  10060003: {
    meaning: 'the payment’s one re-shipment is used (支付单已使用重新发货机会)',
    outcome: 'failure',
    whatToDo:
      'nothing more can be changed for this payment: WeChat allows one change of shipping (重新发货) after it is recorded; correct it by hand in the mini program admin console (发货信息管理) if WeChat allows it there',
  },
  10060004: {
    meaning: 'the payment cannot be shipped in its state (支付单处于不可发货的状态)',
    outcome: 'failure',
    whatToDo:
      'check the payment with get_order: a refunded, closed or confirmed payment takes no shipping',
  },
  10060005: {
    meaning: 'bad logistics_type (物流类型有误)',
    outcome: 'failure',
    whatToDo: fixRequest('logistics_type (1 express, 2 same-city, 3 virtual, 4 pick-up)'),
  },
  10060006: {
    meaning: 'split shipping is only for express (非快递发货时不允许分拆发货)',
    outcome: 'failure',
    whatToDo: fixRequest('delivery_mode: 2 only with logistics_type 1'),
  },
  10060007: {
    meaning: 'is_all_delivered missing in split mode',
    outcome: 'failure',
    whatToDo: fixRequest('is_all_delivered'),
  },
  10060008: {
    meaning: 'empty item_desc',
    outcome: 'failure',
    whatToDo: fixRequest('item_desc'),
  },
  10060009: {
    meaning: 'item_desc too long',
    outcome: 'failure',
    whatToDo: fixRequest('item_desc (at most 120 characters)'),
  },
  10060011: {
    meaning: 'bad last_index (last_index不合法)',
    outcome: 'failure',
    whatToDo:
      'start the list again without last_index: a cursor is only valid as get_order_list returned it',
  },
  10060012: {
    meaning: 'system error (系统错误)',
    outcome: 'retryable',
    whatToDo:
      'nothing: retried after the current minute (within retry.maxRetryAfterMs and retry.maxElapsedMs; raise them to wait longer)',
  },
  10060013: {
    meaning: 'a sub-order appears twice in sub_orders (子单单号重复)',
    outcome: 'failure',
    whatToDo: fixRequest('sub_orders'),
  },
  10060014: {
    meaning: 'bad or missing parameters (参数错误), e.g. no payment id',
    outcome: 'failure',
    whatToDo: 'give transaction_id, or merchant_id and merchant_trade_no',
  },
  10060019: {
    meaning: 'system error (系统错误)',
    outcome: 'retryable',
    whatToDo:
      'nothing: retried after the current minute (within retry.maxRetryAfterMs and retry.maxElapsedMs; raise them to wait longer)',
  },
  10060020: {
    meaning: 'shipping cannot be completed without any item description',
    outcome: 'failure',
    whatToDo: fixRequest('item_desc'),
  },
  10060023: {
    meaning:
      'shipping not updated (发货信息未更新): the upload changed nothing, or came with an upload_time not later than the last',
    outcome: 'failure',
    whatToDo:
      'nothing when WeChat holds exactly this shipping (syncOrders checks it with get_order); else the upload_time was not later than the last upload’s: send a later one',
  },
  10060024: {
    meaning: 'shipping_list too long',
    outcome: 'failure',
    whatToDo:
      'fix shipping_list: WeChat’s page says 15 parcels at most (older pages: 10); lower the maxParcels setting if WeChat refuses 15',
  },
  10060025: {
    meaning: 'express_company too long',
    outcome: 'failure',
    whatToDo: fixRequest('express_company (at most 128 bytes)'),
  },
  10060026: {
    meaning: 'tracking_no too long',
    outcome: 'failure',
    whatToDo: fixRequest('tracking_no (at most 128 bytes)'),
  },
  10060028: {
    meaning: 'the payment is not in the shipped state (支付单不是已发货状态)',
    outcome: 'failure',
    whatToDo: 'upload the shipping first: a receipt reminder needs a shipped payment',
  },
  10060029: {
    meaning: 'bad received_time (签收时间非法 / 签收时间不合理)',
    outcome: 'failure',
    whatToDo: 'give received_time in Unix seconds (not milliseconds), after the shipping time',
  },
  10060030: {
    meaning: 'the receipt reminder of this payment is used (支付单已使用提醒收货机会)',
    outcome: 'failure',
    whatToDo: 'nothing: WeChat sends one reminder per payment',
  },
  10060031: {
    meaning: 'the payment does not belong to payer.openid',
    outcome: 'failure',
    whatToDo:
      'check buyer.platformUserId: the openid, under this mini program, of the user who paid',
  },
  10060032: {
    meaning: 'receipt reminders are only for express shipping',
    outcome: 'failure',
    whatToDo: 'nothing: same-city, virtual and pick-up payments take no reminder',
  },
  268485194: {
    meaning: 'bad order_number_type (订单单号类型非法)',
    outcome: 'failure',
    whatToDo: fixRequest('order_key.order_number_type (1 mchid + out_trade_no, 2 transaction_id)'),
  },
  268485195: {
    meaning: 'order_number_type 2 without transaction_id',
    outcome: 'failure',
    whatToDo: fixRequest('order_key.transaction_id'),
  },
  268485196: {
    meaning: 'order_number_type 1 without mchid',
    outcome: 'failure',
    whatToDo: fixRequest('order_key.mchid'),
  },
  268485197: {
    meaning: 'order_number_type 1 without out_trade_no',
    outcome: 'failure',
    whatToDo: fixRequest('order_key.out_trade_no'),
  },
  268485216: {
    meaning: 'bad upload_time: not RFC 3339 (上传时间非法)',
    outcome: 'failure',
    whatToDo: fixRequest('upload_time (RFC 3339 with an offset)'),
  },
  268485224: {
    meaning: 'bad delivery_mode (发货模式非法)',
    outcome: 'failure',
    whatToDo: fixRequest('delivery_mode (1 unified, 2 split)'),
  },
  268485226: {
    meaning: 'express shipping without tracking_no',
    outcome: 'failure',
    whatToDo: fixRequest('tracking_no'),
  },
  268485227: {
    meaning: 'express shipping without express_company',
    outcome: 'failure',
    whatToDo: fixRequest('express_company'),
  },
  268485228: {
    meaning: 'unified mode needs exactly one parcel in shipping_list',
    outcome: 'failure',
    whatToDo: fixRequest('shipping_list (exactly 1 parcel in unified mode)'),
  },
  268485253: {
    meaning: 'a sub-order’s order_number_type differs from the combined payment’s',
    outcome: 'failure',
    whatToDo: fixRequest('sub_orders[].order_key.order_number_type'),
  },
  268546000: {
    meaning: 'bad type of opspecialorder (type非法)',
    outcome: 'failure',
    whatToDo: 'give type 1 (pre-sale) or 2 (test order)',
  },
  268546001: {
    meaning: 'bad delay_to (delay_to非法)',
    outcome: 'failure',
    whatToDo:
      'give delay_to in Unix seconds, at least 15 days and at most 330 days after the payment',
  },
  268546002: {
    meaning: 'no unshipped payment with that number on this account',
    outcome: 'failure',
    whatToDo: 'check order_id: a transaction id or merchant trade number of an unshipped payment',
  },
}

/**
 * Reads an answer of the shipping service: `errcode` 0 is success; HTTP 408, 429 and 5xx and the
 * codes of {@link wechatShippingErrcodes} marked retryable are temporary; 40001, 40014, 42001
 * reject the token; any other code of the table is a definite failure carrying WeChat's code and
 * message and what to do, and a code the table does not list one ordersync cannot place
 * (`concerns: 'unknown'`); the trace id at the end of WeChat's errmsg (`rid: …`) is the error's
 * `requestId`. A 2xx answer without a numeric errcode (cut short, not JSON) could not
 * be read (`unreadable`): WeChat may have processed the request.
 *
 * @param response - The HTTP response.
 * @returns The classification.
 * @example
 * ```ts
 * classifyWechatShippingResponse({ status: 200, headers: new Headers(), text: '{"errcode":-1}', json: { errcode: -1 } }).outcome // 'retryable'
 * ```
 */
export function classifyWechatShippingResponse(response: IncomingResponse): ResponseClassification {
  return classifyWechatEnvelope(response, wechatShippingErrcodes)
}
