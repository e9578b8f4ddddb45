import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/invalid-argument-error.ts'
import { ValidationError } from '../errors/validation-error.ts'
import { sampleOrder } from '../test/sample-orders.ts'
import { parseOrder } from './parse-order.ts'
import { requireParsedOrder } from './require-parsed-order.ts'

describe('requireParsedOrder', () => {
  it('passes a parsed order through', () => {
    const order = parseOrder(sampleOrder)
    expect(requireParsedOrder(order, 'youshu')).toBe(order)
  })

  it('tells a caller who passed an unparsed order to call parseOrder first', () => {
    expect(() => requireParsedOrder(sampleOrder, 'youshu')).toThrow(
      new InvalidArgumentError({
        platform: 'youshu',
        argument: 'order',
        reason:
          'is not a parsed order (its createdAt is a string, not an instant): call parseOrder(order) first, which validates it and turns its times into instants',
      }),
    )
    expect(() =>
      requireParsedOrder({ ...parseOrder(sampleOrder), modifiedAt: new Date() }, 'youshu'),
    ).toThrow('its modifiedAt is a Date, not an instant')
    expect(() => requireParsedOrder(null, 'youshu')).toThrow(
      '[ordersync] [youshu] invalid order: must be an order returned by parseOrder(...), got null',
    )
  })

  it('validates again an order-shaped value that parseOrder did not return', () => {
    const copy = { ...parseOrder(sampleOrder), payableAmount: 19.9 }
    expect(() => requireParsedOrder(copy, 'youshu')).toThrow(ValidationError)
    const valid = { ...parseOrder(sampleOrder) }
    expect(requireParsedOrder(valid, 'youshu')).toEqual(valid)
  })
})
