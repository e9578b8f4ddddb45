import { createSign, createVerify } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type Sandbox, startSandbox } from '../start-sandbox.ts'
import { createAlipayPlusSandboxModule } from './alipayplus-sandbox-module.ts'

// The module against hand-signed requests (node:crypto, not @ordersync/alipayplus).

const path = '/api/open/v2/miniprogram/order/sync'
let sandbox: Sandbox
beforeAll(async () => {
  sandbox = await startSandbox({ modules: [createAlipayPlusSandboxModule()] })
})
afterAll(async () => {
  await sandbox.close()
})
beforeEach(() => {
  sandbox.control.reset()
})

const amount = (value: number) => ({ currency: 'USD', value })
const valid = {
  appId: '2102010120672524',
  customerId: 'customer-1',
  customerBelongsTo: 'TNG',
  referenceOrderId: 'o-1',
  orderCreateTime: '2022-04-20T10:38:09+08:00',
  orderModifiedTime: '2022-04-20T10:38:09+08:00',
  orderType: 'PICK_UP',
  orderExtendBizInfo: JSON.stringify({ orderBizStatus: 'PAID', pickUpCodeValue: '101' }),
  goods: [
    { referenceGoodsId: 'g', goodsName: 'g', goodsUnitAmount: amount(126), goodsQuantity: '3' },
  ],
  merchant: { referenceMerchantId: 'm' },
  buyer: { referenceBuyerId: 'b' },
  orderAmount: amount(378),
  discountAmount: amount(36),
  paymentAmount: amount(342),
}

async function call(body: unknown, sign = true) {
  const credentials = sandbox.credentials.alipayplus ?? {}
  const text = JSON.stringify(body)
  const requestTime = new Date().toISOString().replace('Z', '+00:00')
  const signature = sign
    ? createSign('RSA-SHA256')
        .update(`POST ${path}\n${credentials.clientId}.${requestTime}.${text}`)
        .sign(credentials.privateKey ?? '', 'base64')
    : 'AAAA'
  const response = await fetch(`${sandbox.url}${path}`, {
    method: 'POST',
    headers: {
      'Client-Id': credentials.clientId ?? '',
      'Request-Time': requestTime,
      Signature: `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(signature)}`,
      'Content-Type': 'application/json; charset=UTF-8',
    },
    body: text,
  })
  const responseText = await response.text()
  return {
    headers: response.headers,
    text: responseText,
    result: (JSON.parse(responseText) as { result: Record<string, string> }).result,
  }
}

describe('alipayplus sandbox module', () => {
  it('stores a valid order and signs its answer with the platform key', async () => {
    const { headers, text, result } = await call(valid)
    expect(result).toEqual({ resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' })
    const signature = decodeURIComponent(
      /signature=([^,]+)/.exec(headers.get('signature') ?? '')?.[1] ?? '',
    )
    const content = `POST ${path}\n${headers.get('client-id')}.${headers.get('response-time')}.${text}`
    expect(
      createVerify('RSA-SHA256')
        .update(content)
        .verify(sandbox.credentials.alipayplus?.platformPublicKey ?? '', signature, 'base64'),
    ).toBe(true)
    expect(sandbox.control.orders('alipayplus').get('o-1')).toEqual(valid)
  })

  it('takes orderExtendBizInfo as text (the field table) or as an object (the sample)', async () => {
    expect(
      (await call({ ...valid, orderExtendBizInfo: { orderBizStatus: 'PAID' } })).result
        .resultStatus,
    ).toBe('S')
  })

  it('refuses a request whose signature does not verify', async () => {
    expect((await call(valid, false)).result).toEqual({
      resultCode: 'ACCESS_DENIED',
      resultStatus: 'F',
      resultMessage: 'sandbox: the request signature does not verify with the merchant public key',
    })
  })

  it('stores a part payment: paymentAmount, the amount paid, below orderAmount − discountAmount, with a refund of it', async () => {
    const partlyPaid = {
      ...valid,
      paymentAmount: amount(100),
      refunds: [{ refundId: 'r', refundAmount: amount(36), refundStatus: 'SUCCESS' }],
    }
    expect((await call(partlyPaid)).result).toEqual({
      resultCode: 'SUCCESS',
      resultStatus: 'S',
      resultMessage: 'success',
    })
    expect(sandbox.control.orders('alipayplus').size).toBe(1)
  })

  it.each([
    [
      'paymentAmount > orderAmount − discountAmount',
      { paymentAmount: amount(343) },
      'paymentAmount: more than orderAmount − discountAmount',
    ],
    [
      'a refund without a paymentAmount',
      {
        paymentAmount: undefined,
        refunds: [{ refundId: 'r', refundAmount: amount(36), refundStatus: 'SUCCESS' }],
      },
      'refunds: a refund needs the paymentAmount it refunds',
    ],
    [
      'refunds beyond what was paid',
      { refunds: [{ refundId: 'r', refundAmount: amount(400), refundStatus: 'SUCCESS' }] },
      'refunds: more than paymentAmount',
    ],
    [
      'IN_DELIVERY on a pickup order',
      { orderExtendBizInfo: JSON.stringify({ orderBizStatus: 'IN_DELIVERY' }) },
      'orderExtendBizInfo.orderBizStatus: not a status of PICK_UP orders',
    ],
    [
      'a courier on a pickup order',
      { orderExtendBizInfo: JSON.stringify({ orderBizStatus: 'PAID', courierName: 'x' }) },
      'orderExtendBizInfo.courierName: not an extended field of PICK_UP',
    ],
    [
      '# in referenceOrderId',
      { referenceOrderId: 'o#1' },
      'referenceOrderId: must not contain @ # ?',
    ],
    [
      '? in orderExtendBizInfo',
      { orderExtendBizInfo: JSON.stringify({ orderBizStatus: 'PAID', pickUpCodeName: 'what?' }) },
      'orderExtendBizInfo: must not contain @ # ?',
    ],
    [
      'an extended field named constructor',
      { orderExtendBizInfo: JSON.stringify({ orderBizStatus: 'PAID', constructor: 'x' }) },
      'orderExtendBizInfo.constructor: not an extended field of PICK_UP',
    ],
    [
      'orderType constructor',
      { orderType: 'constructor' },
      'orderType: PICK_UP, DINE_IN or DELIVERY',
    ],
    [
      'an empty array',
      { refunds: [] },
      'refunds: 1 to 30 entries when present (send no empty arrays)',
    ],
    ['31 goods', { goods: Array(31).fill(valid.goods[0]) }, 'goods: 1 to 30 goods'],
    [
      'a numeric goodsQuantity',
      { goods: [{ ...valid.goods[0], goodsQuantity: 3 }] },
      'goods[0].goodsQuantity: a whole number as a string',
    ],
    [
      'a value beyond 2147483647',
      { orderAmount: amount(2147483648) },
      'orderAmount.value: integer 0 … 2147483647 in the smallest unit',
    ],
    [
      'an unknown wallet',
      { customerBelongsTo: 'PAYPAL' },
      'customerBelongsTo: not a documented wallet',
    ],
    [
      'an empty string',
      { orderLinkUrl: '' },
      'orderLinkUrl: must be a non-empty string (send no empty values)',
    ],
  ])('refuses %s with PARAM_ILLEGAL', async (_name, change, message) => {
    expect((await call({ ...valid, ...change })).result).toEqual({
      resultCode: 'PARAM_ILLEGAL',
      resultStatus: 'F',
      resultMessage: `sandbox: ${message}`,
    })
    expect(sandbox.control.orders('alipayplus').size).toBe(0)
  })
})
