// The contract suite: what a hostile answer or order cannot do.
import {
  InvalidArgumentError,
  type OrderInput,
  type OrderSyncResult,
  syncOrders,
  UnsupportedMappingError,
  ValidationError,
} from '@ordersync/core'
import { expect, it } from 'vitest'
import type { ContractSuiteContext } from './contract-suite-context.ts'

/** Answers that echo the request back as JSON, HTML, plain text and header pairs leak nothing. */
export function testEchoedAnswers<Payload>(ctx: ContractSuiteContext<Payload>): void {
  const { client, endpoint, descriptor } = ctx
  it('redacts what it knows from answers that echo the request as JSON, HTML, plain text or header pairs', async () => {
    const order = withPersonalData(descriptor.makeOrder(0))
    const phones = [order.buyer?.phone, order.delivery?.address?.phone].filter(
      (value): value is string => value !== undefined,
    )
    expect(phones.length).toBeGreaterThan(0)
    const reformatted = phones.flatMap((phone) => {
      const digits = phone.replace(/\D/g, '')
      return [
        digits,
        `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`,
        `+86 ${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`,
      ]
    })
    const formats = [
      (request: Request, body: string) =>
        JSON.stringify({ url: request.url, headers: Object.fromEntries(request.headers), body }),
      (request: Request, body: string) =>
        `<html><body><p>${request.url.replace(/&/g, '&amp;')}</p><pre>${body.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')}</pre></body></html>`,
      (request: Request, body: string) =>
        `${[...request.headers].map(([key, value]) => `${key}: ${value}`).join('\n')}\n\n${body}\n${request.url}${
          // The order's phone numbers in other formats, where the request carried the order.
          new URL(request.url).pathname.endsWith(endpoint) ? `\n${reformatted.join(' / ')}` : ''
        }`,
    ]
    let echoed = 0
    const echoedTexts: string[] = []
    ctx.echo = async (request) => {
      const body = await request.clone().text()
      const text = formats[echoed % formats.length]?.(request, body) ?? ''
      echoed += 1
      echoedTexts.push(text)
      return new Response(text, { status: 500, headers: { 'content-type': 'text/plain' } })
    }
    const report = await syncOrders({ platform: client(), orders: [order] })
    ctx.echo = undefined
    expect(echoed).toBeGreaterThanOrEqual(3)
    const result = report.results[0]
    expect(result?.status).toBe('failed')
    const credentials = echoedTexts.flatMap((text) =>
      [...text.matchAll(/(?:access_token|signature)=([^&\s"<]+)/gi)].map(
        (match) => match[1] as string,
      ),
    )
    const text = JSON.stringify({
      events: ctx.events,
      result:
        result?.status === 'failed'
          ? { ...result, error: { ...result.error, message: result.error.message } }
          : result,
    })
    const leaked = [...ctx.secrets(), ...phones, ...reformatted, ...credentials].filter(
      (value) => value.length >= 6 && text.includes(value),
    )
    expect(leaked).toEqual([])
    // Names, addresses and emails the request carried (a platform carries some, or none).
    const personal = personalValuesOf(order).filter((value) =>
      echoedTexts.some((echo) => echo.includes(value)),
    )
    expect(personal.filter((value) => text.includes(value))).toEqual([])
  })
}

/**
 * The order with a buyer's name and email and a receiver's name and street, values found nowhere
 * else in a request, so that an echo of any of them is the order's personal data coming back.
 */
function withPersonalData(order: OrderInput): OrderInput {
  const address = order.delivery?.address
  return {
    ...order,
    buyer: { ...order.buyer, name: '陈静怡', email: 'jingyi.chen@example.cn' },
    ...(order.delivery === undefined || address === undefined
      ? {}
      : {
          delivery: {
            ...order.delivery,
            address: { ...address, name: 'Maria Dela Cruz', line1: '88 Ayala Avenue, Tower 2' },
          },
        }),
  }
}

function personalValuesOf(order: OrderInput): string[] {
  const address = order.delivery?.address
  return [order.buyer?.name, order.buyer?.email, address?.name, address?.line1].filter(
    (value): value is string => value !== undefined,
  )
}

/** Hostile inputs give typed errors only, and the good order beside them is sent. */
export function testHostileOrders<Payload>(ctx: ContractSuiteContext<Payload>): void {
  const { client, descriptor } = ctx
  it('survives hostile inputs: throwing getters, cycles, deep nesting, huge strings, wrong types', async () => {
    const base = descriptor.makeOrder(0)
    const throwing = { ...descriptor.makeOrder(1) }
    Object.defineProperty(throwing, 'lines', {
      enumerable: true,
      get() {
        throw new Error('lazy relation not loaded')
      },
    })
    const cyclic: Record<string, unknown> = { ...descriptor.makeOrder(2) }
    cyclic.buyer = { ...(base.buyer ?? {}), self: cyclic }
    let deep: Record<string, unknown> = {}
    for (let depth = 0; depth < 5000; depth += 1) deep = { nested: deep }
    const hostile: unknown[] = [
      throwing,
      cyclic,
      { ...descriptor.makeOrder(3), platformOptions: deep },
      { ...descriptor.makeOrder(4), id: 'x'.repeat(1024 * 1024) },
      { ...descriptor.makeOrder(5), title: 'y'.repeat(256 * 1024) },
      { ...descriptor.makeOrder(6), lines: 'lines' },
      { ...descriptor.makeOrder(7), createdAt: { toString: () => 'now' } },
      { ...descriptor.makeOrder(8), payableAmount: 19.9 },
      null,
      42,
      'order',
      [],
      new Proxy(
        {},
        {
          ownKeys: () => {
            throw new Error('trap')
          },
          get: () => {
            throw new Error('trap')
          },
        },
      ),
    ]
    const good = descriptor.makeOrder(9)
    const report = await syncOrders({
      platform: client(),
      orders: [...hostile, good] as OrderInput[],
    })
    expect(report.results).toHaveLength(hostile.length + 1)
    expect(report.results.at(-1)?.status).toBe('succeeded')
    const typed = (result: OrderSyncResult) =>
      result.status === 'failed' &&
      (ValidationError.isInstance(result.error) ||
        UnsupportedMappingError.isInstance(result.error) ||
        InvalidArgumentError.isInstance(result.error))
    const untyped = report.results
      .slice(0, -1)
      .filter((result) => result.status !== 'succeeded' && !typed(result))
    expect(
      untyped.map((result) => (result.status === 'failed' ? result.error.message : result.status)),
    ).toEqual([])
    for (const result of report.results) {
      if (result.status === 'failed') expect(result.error.message.length).toBeLessThan(4000)
    }
  }, 30_000)
}
