import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type Sandbox, startSandbox } from '../start-sandbox.ts'
import { createYoushuSandboxModule, youshuSandboxRetcodes } from './youshu-sandbox-module.ts'

// The module against hand-built requests (not through @ordersync/youshu): it must catch what a
// wrong client would send.

let sandbox: Sandbox
let nonce = 0
beforeAll(async () => {
  sandbox = await startSandbox({ modules: [createYoushuSandboxModule()] })
})
afterAll(async () => {
  await sandbox.close()
})
beforeEach(() => {
  sandbox.control.reset()
})

function signedQuery(
  overrides: Record<string, string> = {},
  secret = 'youshu-sandbox-secret-93c1',
): string {
  nonce += 1
  const values = {
    app_id: 'bi-sandbox-app',
    nonce: `n${nonce}`,
    timestamp: String(Math.floor(Date.now() / 1000)),
    ...overrides,
  }
  const signature = createHmac('sha256', secret)
    .update(
      `app_id=${values.app_id}&nonce=${values.nonce}&sign=sha256&timestamp=${values.timestamp}`,
    )
    .digest('hex')
  return new URLSearchParams({
    app_id: values.app_id,
    nonce: values.nonce,
    sign: 'sha256',
    timestamp: values.timestamp,
    signature,
  }).toString()
}

async function call(path: string, body: unknown, query = signedQuery()) {
  const response = await fetch(`${sandbox.url}${path}?${query}`, {
    method: 'POST',
    body: JSON.stringify(body),
  })
  return (await response.json()) as {
    retcode: number
    errmsg: string
    data?: { dataSource?: { id: string } }
  }
}

const validOrder = {
  external_order_id: 'o-1',
  create_time: '1716170400000',
  order_source: 'wxapp',
  order_type: 1,
  goods_num_total: 4,
  goods_amount_total: 100,
  freight_amount: 10,
  order_amount: 110,
  payable_amount: 100,
  payment_amount: 100,
  order_status: '1150',
  status_change_time: '1716170400000',
  user_info: { open_id: 'o-openid' },
  goods_info: [
    {
      external_sku_id: 'a',
      sku_name_chinese: 'a',
      goods_amount: 20,
      payment_amount: 36,
      external_spu_id: 'a',
      spu_name_chinese: 'a',
      goods_num: 2,
    },
    {
      external_sku_id: 'b',
      sku_name_chinese: 'b',
      goods_amount: 30,
      payment_amount: 54,
      external_spu_id: 'b',
      spu_name_chinese: 'b',
      goods_num: 2,
    },
  ],
  payment_info: [
    { payment_type: '00009', trans_id: '42', trans_amount: 100, out_trade_number: 'T1' },
  ],
}

async function dataSource(): Promise<string> {
  const added = await call('/data-api/v1/data_source/add', { merchantId: '10001' })
  return added.data?.dataSource?.id ?? ''
}

describe('youshu sandbox module', () => {
  it('creates a data source, answers 16 the second time, and finds it', async () => {
    expect(await dataSource()).toBe('101')
    expect(await call('/data-api/v1/data_source/add', { merchantId: '10001' })).toEqual({
      retcode: 16,
      errmsg: 'data_source_already_exist',
      data: {},
    })
    const found = await call(
      '/data-api/v1/data_source/get',
      {},
      `${signedQuery()}&merchantId=10001`,
    )
    expect(found.data?.dataSource?.id).toBe('101')
  })

  it('stores a valid order', async () => {
    const id = await dataSource()
    expect(
      await call('/data-api/v1/order/add_order', { dataSourceId: id, orders: [validOrder] }),
    ).toEqual({ retcode: 0, errmsg: '', data: {} })
    expect(sandbox.control.orders('youshu').get('o-1')).toEqual(validOrder)
  })

  it.each([
    ['a wrong secret', signedQuery({}, 'not-the-secret'), youshuSandboxRetcodes.signature],
    [
      'a timestamp in milliseconds',
      signedQuery({ timestamp: String(Date.now()) }),
      youshuSandboxRetcodes.timestamp,
    ],
    [
      'a stale timestamp',
      signedQuery({ timestamp: String(Math.floor(Date.now() / 1000) - 600) }),
      youshuSandboxRetcodes.timestamp,
    ],
    [
      'a nonce over 32 characters',
      signedQuery({ nonce: 'x'.repeat(33) }),
      youshuSandboxRetcodes.nonce,
    ],
  ])('refuses %s', async (_name, query, retcode) => {
    const answer = await call('/data-api/v1/data_source/add', { merchantId: '10001' }, query)
    expect(answer.retcode).toBe(retcode)
  })

  it('refuses a reused nonce', async () => {
    const query = signedQuery()
    expect(
      (await call('/data-api/v1/data_source/add', { merchantId: '10001' }, query)).retcode,
    ).toBe(0)
    expect(
      (await call('/data-api/v1/data_source/add', { merchantId: '10001' }, query)).retcode,
    ).toBe(youshuSandboxRetcodes.nonce)
  })

  it.each([
    [
      'order_amount ≠ goods + freight',
      { order_amount: 111 },
      'orders[0].order_amount: must equal goods_amount_total + freight_amount',
    ],
    [
      'goods shares ≠ payment − freight',
      { payment_amount: 99, payable_amount: 99 },
      'orders[0].goods_info: payment_amount of the goods must add up to payment_amount − freight_amount',
    ],
    [
      'three decimals',
      { freight_amount: 10.001 },
      'orders[0].freight_amount: must be yuan with at most 2 decimals',
    ],
    [
      'no open_id for wxapp',
      { user_info: {} },
      'orders[0].user_info.open_id: required when order_source is wxapp',
    ],
    [
      'no payment_info for 1150',
      { payment_info: [] },
      'orders[0].payment_info: required unless order_status is 1110',
    ],
    [
      '00009 without out_trade_number',
      { payment_info: [{ payment_type: '00009', trans_id: '1', trans_amount: 100 }] },
      'orders[0].payment_info[0].out_trade_number: required for 00009, letters, digits and _-* only',
    ],
    [
      'an unknown status',
      { order_status: '1170' },
      'orders[0].order_status: not a documented status',
    ],
    [
      'seconds as create_time',
      { create_time: '1716170400' },
      'orders[0].create_time: must be 13 digits of milliseconds',
    ],
    [
      'a receiver name over 100 bytes',
      { express_info: { receiver_name: '名'.repeat(34) } },
      'orders[0].express_info.receiver_name: at most 100 bytes',
    ],
  ])('rejects the whole batch for %s', async (_name, change, errmsg) => {
    const id = await dataSource()
    const answer = await call('/data-api/v1/order/add_order', {
      dataSourceId: id,
      orders: [
        { ...validOrder, external_order_id: 'ok' },
        { ...validOrder, ...change },
      ],
    })
    expect(answer).toEqual({
      retcode: youshuSandboxRetcodes.invalidRequest,
      errmsg: `sandbox: ${errmsg.replace('orders[0]', 'orders[1]')}`,
    })
    expect(sandbox.control.orders('youshu').size).toBe(0)
  })

  it('refuses more than 50 orders and an unknown data source', async () => {
    const id = await dataSource()
    expect(
      (
        await call('/data-api/v1/order/add_order', {
          dataSourceId: id,
          orders: Array(51).fill(validOrder),
        })
      ).errmsg,
    ).toBe('sandbox: orders: 1 to 50 orders')
    expect(
      (await call('/data-api/v1/order/add_order', { dataSourceId: '999', orders: [validOrder] }))
        .retcode,
    ).toBe(youshuSandboxRetcodes.unknownDataSource)
  })

  it('updates the status of a stored order', async () => {
    const id = await dataSource()
    await call('/data-api/v1/order/add_order', { dataSourceId: id, orders: [validOrder] })
    const change = {
      external_order_id: 'o-1',
      order_status: '1180',
      status_change_time: '1716300000000',
    }
    expect(
      (await call('/data-api/v1/order/update', { dataSourceId: id, orders: [change] })).retcode,
    ).toBe(0)
    expect(sandbox.control.orders('youshu').get('o-1')).toMatchObject({
      order_status: '1180',
      status_change_time: '1716300000000',
    })
    expect(
      (
        await call('/data-api/v1/order/update', {
          dataSourceId: id,
          orders: [{ ...change, external_order_id: 'nope' }],
        })
      ).retcode,
    ).toBe(youshuSandboxRetcodes.invalidRequest)
  })
})
