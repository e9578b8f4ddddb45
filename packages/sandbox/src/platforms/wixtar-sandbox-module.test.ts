import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { type Sandbox, startSandbox } from '../start-sandbox.ts'
import {
  createWixtarSandboxModule,
  type WixtarSandboxCredentials,
} from './wixtar-sandbox-module.ts'

// The module against hand-built requests (not through @ordersync/wixtar): it must catch what a
// wrong client would send.

const path = '/v1/data_center/order/upload'
let sandbox: Sandbox
beforeAll(async () => {
  sandbox = await startSandbox({ modules: [createWixtarSandboxModule()] })
})
afterAll(async () => {
  await sandbox.close()
})
beforeEach(() => {
  sandbox.control.reset()
})
afterEach(() => {
  vi.useRealTimers()
})

const credentialsOf = (running: Sandbox) => running.credentials.wixtar as WixtarSandboxCredentials

async function requestToken(
  form: Record<string, string | undefined> = {},
  running = sandbox,
  contentType = 'application/x-www-form-urlencoded',
): Promise<{ status: number; body: Record<string, unknown> }> {
  const { clientId, clientSecret } = credentialsOf(running)
  const values: Record<string, string | undefined> = {
    client_id: clientId,
    client_secret: clientSecret,
    grant_type: 'client_credentials',
    scope: 'api',
    ...form,
  }
  const response = await fetch(`${running.url}/oauth/v1/token`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: new URLSearchParams(
      Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined),
    ).toString(),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

async function token(running = sandbox): Promise<string> {
  return (await requestToken({}, running)).body.access_token as string
}

async function upload(
  body: unknown,
  options: { token?: string | null; running?: Sandbox } = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const running = options.running ?? sandbox
  const value = options.token === undefined ? await token(running) : options.token
  const response = await fetch(`${running.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(value === null ? {} : { authorization: `Bearer ${value}` }),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: response.status, body: await response.json(), headers: response.headers }
}

const money = (amount: number, formatted_amount = String(amount)) => ({
  amount,
  currency_code: 'TWD',
  formatted_amount,
})
const modifier = (id: string, title: string, quantity = 1) => ({
  id,
  title,
  quantity,
  price: { unit_price: money(0), total_price: money(0) },
  selected_modifier_groups: null,
})

// The document's request example, as it stands.
const documentOrder = {
  order_id: 'tywn21072900008',
  current_state: 'COMPLETED',
  placed_at: '2020-05-01T22:25:49Z',
  pickup_at: '2020-05-01T22:25:49Z',
  type: 'DELIVERY',
  store: { id: 'A01', name: 'Tainan Store', group: 'Singapore', company: 'Epoint' },
  customer: {
    name: 'Wang Daming',
    mobile: '0910123456',
    address: 'No. 999, Jiankang 3rd Street, Anping District, Tainan City',
  },
  payments: [{ type: 'CASH', payment_amount: 1000 }],
  charges: {
    total: money(1100),
    sub_total: money(1100),
    discount: money(100),
    total_fee: money(1000),
  },
  cart: {
    items: [
      {
        id: 'P001',
        title: 'Stir-fried bean buns with tomato kimchi',
        serial_number: 1,
        quantity: 2,
        price: { unit_price: money(40000, '400'), total_price: money(80000, '800') },
        selected_modifier_groups: [
          {
            id: '1',
            title: 'spicy',
            selected_items: [modifier('1-1', 'small spicy')],
            removed_items: null,
          },
        ],
        ticket_no: '',
        redeem_point: 0,
      },
      {
        id: 'P002',
        title: 'Fried Rice with Perilla Seed Oil and Fermented Bean Curd',
        serial_number: 5001,
        quantity: 1,
        price: { unit_price: money(20000, '200'), total_price: money(20000, '200') },
        selected_modifier_groups: [
          {
            id: '2',
            title: 'add rice',
            selected_items: [modifier('2-1', 'rice')],
            removed_items: null,
          },
          {
            id: '3',
            title: 'add pepper',
            selected_items: [modifier('3-1', 'pepper', 0)],
            removed_items: null,
          },
        ],
        ticket_no: '',
        redeem_point: 0,
      },
    ],
  },
  source_type: 'APP',
  customize: 'customize content',
}

const order = (changes: Record<string, unknown> = {}) => ({ ...documentOrder, ...changes })
const firstItem = documentOrder.cart.items[0] as Record<string, unknown>
const withItem = (changes: Record<string, unknown>) =>
  order({ cart: { items: [{ ...firstItem, ...changes }] } })
const withCharges = (changes: Record<string, unknown>) =>
  order({ charges: { ...documentOrder.charges, ...changes } })
/** A cart item whose modifier groups nest `levels` deep: one group of one free choice per level. */
function nestedItem(levels: number): Record<string, unknown> {
  let item: Record<string, unknown> = modifier('leaf', 'leaf')
  for (let level = levels; level >= 1; level -= 1) {
    item = {
      ...modifier(`choice-${level}`, `choice ${level}`),
      selected_modifier_groups: [{ id: `group-${level}`, selected_items: [item] }],
    }
  }
  return item
}
/** The JSON of a one-item upload whose modifier groups nest `levels` deep, written as text. */
function deeplyNestedUpload(levels: number): string {
  const item = '{"selected_modifier_groups":[{"selected_items":['.repeat(levels)
  const closing = ']}]}'.repeat(levels)
  const { cart: _cart, ...rest } = documentOrder
  const head = JSON.stringify({ ...rest, cart: { items: [] } }).replace(/"items":\[\]\}\}$/, '')
  return `{"orders":[${head}"items":[${item}{"id":"leaf"}${closing}]}}]}`
}
const invalidRequest = (description: string) => ({
  error: 'invalid_request',
  error_description: `sandbox: ${description}`,
})

describe('wixtar sandbox module: tokens', () => {
  it('issues a 30-day Bearer token for the form of Auth Login', async () => {
    const { status, body } = await requestToken()
    expect(status).toBe(200)
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'scope', 'token_type'])
    expect(body).toMatchObject({ expires_in: 2592000, token_type: 'Bearer', scope: 'api' })
    expect(sandbox.control.counters('wixtar').tokenRequests).toBe(1)
  })

  it.each([
    [
      'a wrong secret',
      { client_secret: 'nope' },
      401,
      'invalid_client',
      'unknown client_id or wrong client_secret',
    ],
    [
      'an unknown client',
      { client_id: 'someone' },
      401,
      'invalid_client',
      'unknown client_id or wrong client_secret',
    ],
    [
      'no client_secret',
      { client_secret: undefined },
      400,
      'invalid_request',
      'client_secret is required',
    ],
    [
      'another grant_type',
      { grant_type: 'password' },
      400,
      'unsupported_grant_type',
      'grant_type must be client_credentials',
    ],
    ['another scope', { scope: 'admin' }, 400, 'invalid_scope', 'scope must be api'],
  ])('refuses %s', async (_name, form, status, error, description) => {
    expect(await requestToken(form)).toEqual({
      status,
      body: { error, error_description: `sandbox: ${description}` },
    })
  })

  it('refuses a JSON token request', async () => {
    expect(await requestToken({}, sandbox, 'application/json')).toEqual({
      status: 400,
      body: invalidRequest('the body must be application/x-www-form-urlencoded'),
    })
  })

  it('answers 401 invalid_token without, with an unknown and with an invalidated token', async () => {
    const header = 'Bearer error="invalid_token"'
    const none = await upload({ orders: [order()] }, { token: null })
    expect([none.status, none.body, none.headers.get('www-authenticate')]).toEqual([
      401,
      {
        error: 'invalid_token',
        error_description: 'sandbox: Authorization: Bearer <token> is required',
      },
      header,
    ])
    expect((await upload({ orders: [order()] }, { token: 'made-up' })).body).toEqual({
      error: 'invalid_token',
      error_description: 'sandbox: the access token is not valid',
    })
    const valid = await token()
    expect((await upload({ orders: [order()] }, { token: valid })).status).toBe(200)
    sandbox.control.invalidateTokens('wixtar')
    const invalidated = await upload({ orders: [order()] }, { token: valid })
    expect([invalidated.status, invalidated.headers.get('www-authenticate')]).toEqual([401, header])
  })

  it('expires a token after expires_in', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.parse('2026-05-01T00:00:00Z'))
    const valid = await token()
    vi.setSystemTime(Date.parse('2026-05-30T23:59:59Z'))
    expect((await upload({ orders: [order()] }, { token: valid })).status).toBe(200)
    vi.setSystemTime(Date.parse('2026-05-31T00:00:00Z'))
    expect(await upload({ orders: [order()] }, { token: valid })).toMatchObject({
      status: 401,
      body: { error: 'invalid_token', error_description: 'sandbox: the access token has expired' },
    })
  })
})

describe('wixtar sandbox module: upload', () => {
  it('stores the document’s example as sent under its order_id', async () => {
    expect(await upload({ orders: [documentOrder] })).toMatchObject({
      status: 200,
      body: { success: true, count: 1 },
    })
    expect([...sandbox.control.orders('wixtar').entries()]).toEqual([
      ['tywn21072900008', documentOrder],
    ])
  })

  it('replaces an order uploaded again, and keeps the others', async () => {
    await upload({ orders: [order(), order({ order_id: 'second' })] })
    const cancelled = order({ current_state: 'CANCELLED', paid: false, payments: [] })
    expect((await upload({ orders: [cancelled] })).body).toEqual({ success: true, count: 1 })
    expect(sandbox.control.orders('wixtar').get('tywn21072900008')).toEqual(cancelled)
    expect(sandbox.control.orders('wixtar').get('second')).toEqual(order({ order_id: 'second' }))
  })

  it('takes an order with only what the document requires', async () => {
    const minimal = {
      order_id: 'minimal',
      store: { id: 'A01', company: 'Epoint' },
      customer: {},
      payments: [],
      charges: { total: {}, sub_total: {}, discount: {}, total_fee: {} },
      cart: { items: [] },
    }
    expect((await upload({ orders: [minimal] })).status).toBe(200)
  })

  it('checks modifier items at any depth, removed items included', async () => {
    const nested = withItem({
      selected_modifier_groups: [
        {
          id: '1',
          selected_items: [
            {
              ...modifier('1-1', 'combo'),
              selected_modifier_groups: [
                {
                  id: '1-1-a',
                  removed_items: [
                    { ...modifier('onion', 'onion'), price: { unit_price: money(500, '50') } },
                  ],
                },
              ],
            },
          ],
        },
      ],
    })
    expect((await upload({ orders: [nested] })).body).toEqual(
      invalidRequest(
        'orders[0].cart.items[0].selected_modifier_groups[0].selected_items[0].selected_modifier_groups[0].removed_items[0].price.unit_price.formatted_amount: must write amount 500 at scale 2 ("5.00"), got "50"',
      ),
    )
  })

  it('takes modifier groups six levels deep, and refuses a seventh at its path', async () => {
    const sixDeep = order({ cart: { items: [nestedItem(6)] } })
    expect(await upload({ orders: [sixDeep] })).toMatchObject({ status: 200 })
    const sevenDeep = order({ cart: { items: [nestedItem(7)] } })
    expect(await upload({ orders: [sevenDeep] })).toMatchObject({
      status: 400,
      body: invalidRequest(
        `orders[0].cart.items[0]${'.selected_modifier_groups[0].selected_items[0]'.repeat(6)}.selected_modifier_groups: modifier groups nest at most 6 deep on a cart item; these would be level 7`,
      ),
    })
  })

  it('answers 400, not 500, to an item nested 20,000 levels deep, and stores nothing', async () => {
    const body = deeplyNestedUpload(20_000)
    expect(JSON.parse(body).orders[0].order_id).toBe('tywn21072900008')
    const answer = await upload(body)
    expect(answer.status).toBe(400)
    expect(answer.body).toMatchObject({
      error: 'invalid_request',
      error_description: expect.stringMatching(
        /^sandbox: orders\[0\]\.cart\.items\[0\](\.selected_modifier_groups\[0\]\.selected_items\[0\]){6}\.selected_modifier_groups: modifier groups nest at most 6 deep/,
      ),
    })
    expect(sandbox.control.orders('wixtar').size).toBe(0)
  })

  it('refuses the whole upload when one order is wrong', async () => {
    const answer = await upload({
      orders: [order({ order_id: 'good' }), order({ current_state: 'PAID' })],
    })
    expect([answer.status, answer.body]).toEqual([
      400,
      invalidRequest('orders[1].current_state: must be COMPLETED or CANCELLED'),
    ])
    expect(sandbox.control.orders('wixtar').size).toBe(0)
  })

  it.each([
    ['a body that is not JSON', 'orders=1', 'body: must be a JSON object {"orders": [...]}'],
    [
      'orders as an object',
      { orders: documentOrder },
      'body: must be a JSON object {"orders": [...]}',
    ],
    ['no orders', { orders: [] }, 'orders: at least one order'],
  ])('refuses %s', async (_name, body, description) => {
    expect(await upload(body)).toMatchObject({ status: 400, body: invalidRequest(description) })
  })

  it('refuses more than 1000 orders with 413, and more than a configured limit', async () => {
    expect(await upload({ orders: Array(1001).fill(documentOrder) })).toMatchObject({
      status: 413,
      body: {
        error: 'too_many_orders',
        error_description: 'sandbox: orders: at most 1000 orders per upload',
      },
    })
    const small = await startSandbox({
      modules: [createWixtarSandboxModule({ maxOrdersPerRequest: 2 })],
    })
    try {
      expect((await upload({ orders: [order(), order()] }, { running: small })).status).toBe(200)
      expect(
        (await upload({ orders: [order(), order(), order()] }, { running: small })).status,
      ).toBe(413)
    } finally {
      await small.close()
    }
  })

  it.each([
    ['no order_id', order({ order_id: undefined }), 'orders[0].order_id: required string'],
    ['a numeric order_id', order({ order_id: 8 }), 'orders[0].order_id: must be a string'],
    [
      'current_state PAID',
      order({ current_state: 'PAID' }),
      'orders[0].current_state: must be COMPLETED or CANCELLED',
    ],
    ['paid as "true"', order({ paid: 'true' }), 'orders[0].paid: must be a boolean'],
    [
      'placed_at without a zone',
      order({ placed_at: '2020-01-01 15:16:54' }),
      'orders[0].placed_at: must be ISO 8601 with Z or an offset, e.g. "2020-01-01T15:16:54.723Z"',
    ],
    [
      'pickup_at in epoch milliseconds',
      order({ pickup_at: 1588371949000 }),
      'orders[0].pickup_at: must be ISO 8601 with Z or an offset, e.g. "2020-01-01T15:16:54.723Z"',
    ],
    [
      'placed_at on 31 April',
      order({ placed_at: '2020-04-31T10:00:00Z' }),
      'orders[0].placed_at: must be ISO 8601 with Z or an offset, e.g. "2020-01-01T15:16:54.723Z"',
    ],
    ['a numeric type', order({ type: 1 }), 'orders[0].type: must be a string'],
    ['no store', order({ store: undefined }), 'orders[0].store: required object'],
    [
      'a store without company',
      order({ store: { id: 'A01', name: 'Tainan Store' } }),
      'orders[0].store.company: required string',
    ],
    [
      'a store without id',
      order({ store: { company: 'Epoint' } }),
      'orders[0].store.id: required string',
    ],
    ['no customer', order({ customer: undefined }), 'orders[0].customer: required object'],
    [
      'a numeric mobile',
      order({ customer: { mobile: 910123456 } }),
      'orders[0].customer.mobile: must be a string',
    ],
    ['no payments', order({ payments: undefined }), 'orders[0].payments: required array'],
    [
      'a payment amount as a string',
      order({ payments: [{ type: 'CASH', payment_amount: '1000' }] }),
      'orders[0].payments[0].payment_amount: must be an integer',
    ],
    [
      'payments that do not add up to total_fee',
      order({ payments: [{ type: 'CASH', payment_amount: 900 }] }),
      'orders[0].payments: payment_amount adds up to 900, charges.total_fee.amount is 1000',
    ],
    ['no charges', order({ charges: undefined }), 'orders[0].charges: required object'],
    [
      'no total_fee',
      withCharges({ total_fee: undefined }),
      'orders[0].charges.total_fee: required Money',
    ],
    [
      'a total in dollars and cents',
      withCharges({ total: money(1100, '11.00') }),
      'orders[0].charges.total.formatted_amount: must write amount 1100 at scale 0 ("1100"), got "11.00"',
    ],
    [
      'a fractional amount',
      withCharges({ discount: money(99.5, '99.5') }),
      'orders[0].charges.discount.amount: must be an integer',
    ],
    [
      'a lower-case currency',
      withCharges({ sub_total: { ...money(1100), currency_code: 'twd' } }),
      'orders[0].charges.sub_total.currency_code: must be an ISO 4217 code',
    ],
    [
      'a formatted_amount with a currency sign',
      withCharges({ sub_total: money(1100, 'NT$1,100') }),
      'orders[0].charges.sub_total.formatted_amount: must write amount 1100 at scale 0 ("1100"), got "NT$1,100"',
    ],
    ['no cart', order({ cart: undefined }), 'orders[0].cart: required object'],
    ['a cart without items', order({ cart: {} }), 'orders[0].cart.items: required array'],
    [
      'an item price in whole dollars',
      withItem({ price: { unit_price: money(400, '400') } }),
      'orders[0].cart.items[0].price.unit_price.formatted_amount: must write amount 400 at scale 2 ("4.00"), got "400"',
    ],
    [
      'a price that is not an object',
      withItem({ price: 400 }),
      'orders[0].cart.items[0].price: must be an object',
    ],
    [
      'a negative quantity',
      withItem({ quantity: -1 }),
      'orders[0].cart.items[0].quantity: must be at least 0',
    ],
    [
      'a serial_number as a string',
      withItem({ serial_number: '1' }),
      'orders[0].cart.items[0].serial_number: must be an integer',
    ],
    [
      'a fractional redeem_point',
      withItem({ redeem_point: 1.5 }),
      'orders[0].cart.items[0].redeem_point: must be an integer',
    ],
    [
      'a numeric ticket_no',
      withItem({ ticket_no: 7 }),
      'orders[0].cart.items[0].ticket_no: must be a string',
    ],
    [
      'modifier groups as an object',
      withItem({ selected_modifier_groups: {} }),
      'orders[0].cart.items[0].selected_modifier_groups: must be an array',
    ],
    [
      'a modifier item with a wrong price',
      withItem({
        selected_modifier_groups: [
          {
            id: '1',
            selected_items: [
              { ...modifier('1-1', 'x'), price: { total_price: money(100, '100') } },
            ],
          },
        ],
      }),
      'orders[0].cart.items[0].selected_modifier_groups[0].selected_items[0].price.total_price.formatted_amount: must write amount 100 at scale 2 ("1.00"), got "100"',
    ],
    [
      'a numeric modifier group title',
      withItem({ selected_modifier_groups: [{ id: '1', title: 3 }] }),
      'orders[0].cart.items[0].selected_modifier_groups[0].title: must be a string',
    ],
    ['a numeric source_type', order({ source_type: 2 }), 'orders[0].source_type: must be a string'],
    ['customize as an object', order({ customize: {} }), 'orders[0].customize: must be a string'],
  ])('refuses %s with 400', async (_name, changed, description) => {
    const answer = await upload({ orders: [changed] })
    expect([answer.status, answer.body]).toEqual([400, invalidRequest(description)])
    expect(sandbox.control.orders('wixtar').size).toBe(0)
  })

  it('skips the payments total for an unpaid order', async () => {
    const unpaid = order({ paid: false, payments: [{ type: 'CASH', payment_amount: 0 }] })
    expect((await upload({ orders: [unpaid] })).status).toBe(200)
  })
})

describe('wixtar sandbox module: amount scales', () => {
  it('reads every group in cents when told so, refusing the document’s whole-dollar charges', async () => {
    const cents = await startSandbox({
      modules: [createWixtarSandboxModule({ amountScale: { charges: 2, items: 2, payments: 2 } })],
    })
    try {
      expect((await upload({ orders: [documentOrder] }, { running: cents })).body).toEqual(
        invalidRequest(
          'orders[0].charges.total.formatted_amount: must write amount 1100 at scale 2 ("11.00"), got "1100"',
        ),
      )
      const inCents = order({
        payments: [{ type: 'CASH', payment_amount: 100000 }],
        charges: {
          total: money(110000, '1100.00'),
          sub_total: money(110000, '1100'),
          discount: money(10000, '100.0'),
          total_fee: money(100000, '1000'),
        },
      })
      expect((await upload({ orders: [inCents] }, { running: cents })).status).toBe(200)
    } finally {
      await cents.close()
    }
  })

  it('compares payments and total_fee across their scales', async () => {
    const mixed = await startSandbox({
      modules: [createWixtarSandboxModule({ amountScale: { payments: 2 } })],
    })
    try {
      const answer = await upload({ orders: [documentOrder] }, { running: mixed })
      expect(answer.body).toEqual(
        invalidRequest(
          'orders[0].payments: payment_amount adds up to 10.00, charges.total_fee.amount is 1000',
        ),
      )
      const paidInCents = order({ payments: [{ type: 'CASH', payment_amount: 100000 }] })
      expect((await upload({ orders: [paidInCents] }, { running: mixed })).status).toBe(200)
    } finally {
      await mixed.close()
    }
  })

  it('refuses a scale that is not an integer from 0 to 4', () => {
    expect(() => createWixtarSandboxModule({ amountScale: { items: 5 } })).toThrow(
      '[sandbox] wixtar amountScale.items must be an integer from 0 to 4',
    )
    expect(() => createWixtarSandboxModule({ amountScale: { charges: 1.5 } })).toThrow(
      '[sandbox] wixtar amountScale.charges must be an integer from 0 to 4',
    )
  })

  it("refuses a unit other than 'minor', 'major' or a number of decimals", () => {
    // @ts-expect-error: a unit the type refuses, as a JavaScript caller may still pass it
    expect(() => createWixtarSandboxModule({ amountScale: { payments: 'cents' } })).toThrow(
      "[sandbox] wixtar amountScale.payments must be an integer from 0 to 4, 'minor' or 'major'",
    )
  })
})

describe('wixtar sandbox module: amounts in currencies without two decimals', () => {
  const priced = (currency_code: string, unit: [number, string], total: [number, string]) => ({
    order_id: `in-${currency_code}`,
    current_state: 'COMPLETED',
    store: { id: 'A01', company: 'Epoint' },
    customer: {},
    payments: [{ type: 'CASH', payment_amount: 800 }],
    charges: {
      total: { amount: 800, currency_code, formatted_amount: '800' },
      sub_total: { amount: 800, currency_code, formatted_amount: '800' },
      discount: { amount: 0, currency_code, formatted_amount: '0' },
      total_fee: { amount: 800, currency_code, formatted_amount: '800' },
    },
    cart: {
      items: [
        {
          id: 'ramen',
          quantity: 2,
          price: {
            unit_price: { amount: unit[0], currency_code, formatted_amount: unit[1] },
            total_price: { amount: total[0], currency_code, formatted_amount: total[1] },
          },
        },
      ],
    },
  })

  it('reads JPY item prices in yen on its defaults, as the Wixtar client writes them', async () => {
    // ¥400 × 2: the client's defaults send { amount: 400, formatted_amount: "400" } (JPY has no
    // minor unit), which a fixed two decimals would read as ¥4.
    expect(await upload({ orders: [priced('JPY', [400, '400'], [800, '800'])] })).toMatchObject({
      status: 200,
    })
    expect(await upload({ orders: [priced('JPY', [400, '4'], [800, '8'])] })).toMatchObject({
      status: 400,
      body: invalidRequest(
        'orders[0].cart.items[0].price.unit_price.formatted_amount: must write amount 400 at scale 0 ("400"), got "4"',
      ),
    })
  })

  it('reads KWD item prices in fils (three decimals) on its defaults', async () => {
    expect(await upload({ orders: [priced('KWD', [1250, '1.250'], [2500, '2.5'])] })).toMatchObject(
      { status: 200 },
    )
    expect(await upload({ orders: [priced('KWD', [1250, '12.50'], [2500, '25'])] })).toMatchObject({
      status: 400,
      body: invalidRequest(
        'orders[0].cart.items[0].price.unit_price.formatted_amount: must write amount 1250 at scale 3 ("1.250"), got "12.50"',
      ),
    })
  })

  it("reads 'minor' in the order's currency for a Money without currency_code", async () => {
    const jpy = priced('JPY', [400, '400'], [800, '800'])
    const [item] = jpy.cart.items
    const withoutCode = {
      ...jpy,
      cart: {
        items: [{ ...item, price: { unit_price: { amount: 400, formatted_amount: '400' } } }],
      },
    }
    expect((await upload({ orders: [withoutCode] })).status).toBe(200)
    const noCurrencyAnywhere = {
      ...withoutCode,
      charges: { total: {}, sub_total: {}, discount: {}, total_fee: {} },
    }
    expect(await upload({ orders: [noCurrencyAnywhere] })).toMatchObject({
      status: 400,
      body: invalidRequest(
        "orders[0].cart.items[0].price.unit_price.currency_code: required to read amount in the currency's minor units (amountScale 'minor'), and the order names no currency",
      ),
    })
  })

  it('keeps a fixed number of decimals whatever the currency', async () => {
    const twoDecimals = await startSandbox({
      modules: [createWixtarSandboxModule({ amountScale: { items: 2 } })],
    })
    try {
      const order = priced('JPY', [400, '4'], [800, '8'])
      expect((await upload({ orders: [order] }, { running: twoDecimals })).status).toBe(200)
    } finally {
      await twoDecimals.close()
    }
  })

  it("compares payments and total_fee in the currency's units, 'minor' against 'major'", async () => {
    const minorPayments = await startSandbox({
      modules: [createWixtarSandboxModule({ amountScale: { payments: 'minor' } })],
    })
    try {
      // JPY: 'minor' and 'major' are the same yen, so 800 pays 800.
      const jpy = priced('JPY', [400, '400'], [800, '800'])
      expect((await upload({ orders: [jpy] }, { running: minorPayments })).status).toBe(200)
      // TWD: 800 in cents is 8.00 dollars, not the 800 dollars of total_fee.
      const twd = priced('TWD', [40000, '400'], [80000, '800'])
      expect(await upload({ orders: [twd] }, { running: minorPayments })).toMatchObject({
        status: 400,
        body: invalidRequest(
          'orders[0].payments: payment_amount adds up to 8.00, charges.total_fee.amount is 800',
        ),
      })
    } finally {
      await minorPayments.close()
    }
  })
})

describe('wixtar sandbox module: faults', () => {
  it('answers an injected 503 and a dropped connection, then stores normally', async () => {
    const valid = await token()
    sandbox.control.injectFault({
      platform: 'wixtar',
      endpoint: path,
      action: { type: 'status', status: 503, body: { error: 'unavailable' } },
    })
    sandbox.control.injectFault({ platform: 'wixtar', endpoint: path, action: { type: 'drop' } })
    expect((await upload({ orders: [documentOrder] }, { token: valid })).status).toBe(503)
    await expect(upload({ orders: [documentOrder] }, { token: valid })).rejects.toThrow()
    expect(sandbox.control.orders('wixtar').size).toBe(0)
    expect((await upload({ orders: [documentOrder] }, { token: valid })).status).toBe(200)
    expect(
      sandbox.control.log('wixtar').map((entry) => [entry.kind, entry.status, entry.fault]),
    ).toEqual([
      ['token', 200, undefined],
      ['api', 503, 'status'],
      ['api', undefined, 'drop'],
      ['api', 200, undefined],
    ])
  })
})
