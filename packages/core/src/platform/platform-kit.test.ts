import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ApiCallError } from '../errors/api-call-error.ts'
import { InvalidArgumentError } from '../errors/invalid-argument-error.ts'
import { ValidationError } from '../errors/validation-error.ts'
import { createTransport } from '../http/transport.ts'
import { parseOrder } from '../order/parse-order.ts'
import { richSampleOrder } from '../test/sample-orders.ts'
import { checkCallOptions } from './check-call-options.ts'
import { parsePlatformRequest } from './parse-platform-request.ts'
import { postJson } from './post-json.ts'
import { prepareWith, syncOneByOne } from './prepare-with.ts'
import { startConversion } from './start-conversion.ts'

const order = parseOrder(richSampleOrder)
const setup = {
  platform: 'example',
  platformName: 'Example',
  ruleCode: 'example_rule',
  optionSchemas: {
    order: z.strictObject({ scene: z.number().int().optional() }),
    line: z.strictObject({ path: z.string().optional() }),
  },
}

describe('startConversion', () => {
  it('returns the payload and every warning when nothing was refused', () => {
    const conversion = startConversion(order, setup)
    conversion.warn({ path: ['notes'], code: 'field_dropped', message: 'no field for notes' })
    expect(conversion.hasProblems()).toBe(false)
    expect(conversion.finish({ id: order.id })).toEqual({
      payload: { id: 'rich-1' },
      warnings: [{ path: ['notes'], code: 'field_dropped', message: 'no field for notes' }],
    })
  })

  it('throws one ValidationError with every problem, at their paths, with the rule code unless given', () => {
    const conversion = startConversion(order, setup)
    conversion.problem(['lines'], 'takes at most 1 line')
    conversion.problem(['buyer', 'phone'], 'is required', 'example_required')
    expect(conversion.hasProblems()).toBe(true)
    let error: ValidationError | undefined
    try {
      conversion.finish({})
    } catch (caught) {
      error = caught as ValidationError
    }
    if (error === undefined) expect.unreachable('finish did not throw')
    expect(ValidationError.isInstance(error)).toBe(true)
    expect(error.message).toBe(
      '[ordersync] [example] order "rich-1" for Example is invalid (2 problems): lines: takes at most 1 line; buyer.phone: is required',
    )
    expect(error.issues).toEqual([
      { path: ['lines'], message: 'takes at most 1 line', code: 'example_rule' },
      { path: ['buyer', 'phone'], message: 'is required', code: 'example_required' },
    ])
  })

  it("refuses at once an order whose platformOptions break the platform's schemas, order and lines", () => {
    const wrong = {
      ...order,
      platformOptions: { example: { scene: 'x' } },
      lines: order.lines.map((line, index) =>
        index === 1 ? { ...line, platformOptions: { example: { path: 7 } } } : line,
      ),
    }
    expect(() => startConversion(wrong, setup)).toThrow(ValidationError)
    try {
      startConversion(wrong, setup)
    } catch (caught) {
      expect((caught as ValidationError).issues.map((issue) => issue.path)).toEqual([
        ['platformOptions', 'example', 'scene'],
        ['lines', 1, 'platformOptions', 'example', 'path'],
      ])
    }
  })
})

describe('parsePlatformRequest', () => {
  const schema = z.strictObject({ out_order_id: z.string(), amount: z.number().int() })

  it('returns the parsed request', () => {
    expect(
      parsePlatformRequest(
        schema,
        { out_order_id: 'o-1', amount: 100 },
        {
          platform: 'example',
          subject: 'Example add request',
        },
      ),
    ).toEqual({ out_order_id: 'o-1', amount: 100 })
  })

  it('throws a ValidationError with every problem at its path', () => {
    try {
      parsePlatformRequest(
        schema,
        { amount: 1.5, extra: true },
        {
          platform: 'example',
          subject: 'Example add request',
        },
      )
      expect.unreachable()
    } catch (caught) {
      expect(ValidationError.isInstance(caught)).toBe(true)
      expect((caught as ValidationError).issues.map((issue) => issue.path)).toEqual([
        ['out_order_id'],
        ['amount'],
        [],
      ])
      expect((caught as ValidationError).message).toMatch(
        /^\[ordersync\] \[example\] Example add request is invalid \(3 problems\)/,
      )
    }
  })
})

describe('postJson', () => {
  it('sends the JSON text as the body with its content type, and passes the answer on', async () => {
    const sent: { method: string; url: string; type: string | null; body: string }[] = []
    const transport = createTransport({
      platform: 'example',
      baseURL: 'https://api.example.test',
      classify: (response) =>
        response.status === 200 ? { outcome: 'success' } : { outcome: 'failure' },
      fetch: async (input, init) => {
        const request = new Request(input as RequestInfo, init)
        sent.push({
          method: request.method,
          url: request.url,
          type: request.headers.get('content-type'),
          body: await request.text(),
        })
        return new Response('{"ok":true}', { status: 200 })
      },
    })
    const { data } = await postJson(transport, {
      endpoint: '/orders',
      query: { access: 'x' },
      json: { id: 'o-1', amount: 1990, note: '中文' },
      decode: t.type({ ok: t.boolean }),
      signal: undefined,
    })
    expect(data).toEqual({ ok: true })
    expect(sent).toEqual([
      {
        method: 'POST',
        url: 'https://api.example.test/orders?access=x',
        type: 'application/json',
        body: '{"id":"o-1","amount":1990,"note":"中文"}',
      },
    ])
  })

  it("keeps the caller's content type, in whatever letter case, instead of adding its own", async () => {
    const types: (string | null)[] = []
    const transport = createTransport({
      platform: 'example',
      baseURL: 'https://api.example.test',
      classify: () => ({ outcome: 'success' }),
      fetch: async (input, init) => {
        types.push(new Request(input as RequestInfo, init).headers.get('content-type'))
        return new Response('{}')
      },
    })
    await postJson(transport, {
      endpoint: '/orders',
      headers: { 'Content-Type': 'application/json; charset=UTF-8' },
      json: {},
      decode: t.unknown,
    })
    expect(types).toEqual(['application/json; charset=UTF-8'])
  })

  it('passes the signal on: an aborted call sends nothing', async () => {
    let calls = 0
    const transport = createTransport({
      platform: 'example',
      baseURL: 'https://api.example.test',
      classify: () => ({ outcome: 'success' }),
      fetch: async () => {
        calls += 1
        return new Response('{}')
      },
    })
    const error = await postJson(transport, {
      endpoint: '/orders',
      json: {},
      decode: t.unknown,
      signal: AbortSignal.abort(new Error('stop')),
    }).catch((caught: unknown) => caught)
    expect(ApiCallError.isInstance(error)).toBe(true)
    expect(calls).toBe(0)
  })
})

describe('prepareWith and syncOneByOne', () => {
  it("prepare's payload is the converter's result and its warnings are the result's", () => {
    const warning = { path: ['x'], code: 'field_dropped', message: 'x' }
    const prepare = prepareWith((input) => ({ id: input.id, warnings: [warning] }))
    expect(prepare(order)).toEqual({
      orderId: 'rich-1',
      payload: { id: 'rich-1', warnings: [warning] },
      warnings: [warning],
    })
  })

  it('sends one order at a time, in order, and returns their outcomes in order', async () => {
    const events: string[] = []
    const outcomes = await syncOneByOne(
      ['a', 'b', 'c'].map((id) => ({ orderId: id, payload: id, warnings: [] })),
      async (entry) => {
        events.push(`start ${entry.orderId}`)
        await new Promise((resolve) => setTimeout(resolve, entry.orderId === 'a' ? 5 : 0))
        events.push(`end ${entry.orderId}`)
        return { status: 'succeeded', platformIds: { id: entry.payload } }
      },
    )
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c'])
    expect(
      outcomes.map((outcome) => outcome.status === 'succeeded' && outcome.platformIds),
    ).toEqual([{ id: 'a' }, { id: 'b' }, { id: 'c' }])
  })
})

describe('checkCallOptions', () => {
  it('refuses options that are not an object, and a signal that is not an AbortSignal, naming them', () => {
    expect(checkCallOptions(undefined, 'example')).toEqual({ signal: undefined })
    const signal = AbortSignal.timeout(1_000)
    expect(checkCallOptions({ signal }, 'example')).toEqual({ signal })
    expect(() => checkCallOptions(null, 'example')).toThrow(
      new InvalidArgumentError({
        platform: 'example',
        argument: 'options',
        reason: 'must be an object such as { signal }, or left out; got null',
      }),
    )
    expect(() => checkCallOptions({ signal: { aborted: false } }, 'example')).toThrow(
      new InvalidArgumentError({
        platform: 'example',
        argument: 'options.signal',
        reason:
          'must be an AbortSignal (from an AbortController or AbortSignal.timeout), got an object',
      }),
    )
  })
})
