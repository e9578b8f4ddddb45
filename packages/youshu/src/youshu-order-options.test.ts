import { parseOrder, ValidationError } from '@ordersync/core'
import { expect, it } from 'vitest'
import { toYoushuOrder } from './convert-to-youshu-order.ts'
import { youshuFaqOrder } from './youshu-document-order.ts'
import { youshuLineOptionsSchema } from './youshu-order-options.ts'

// toYoushuOrder skips the parse for a line without options: exact only while {} passes.
it('takes a line without options: {} passes the line options schema', () => {
  expect(youshuLineOptionsSchema.safeParse({})).toEqual({ success: true, data: {} })
})

it('still checks the options of a line that has them, at the canonical path', () => {
  const order = parseOrder({
    ...youshuFaqOrder,
    buyer: { platformUserId: 'o-openid' },
    lines: youshuFaqOrder.lines.map((line, index) =>
      index === 1 ? { ...line, platformOptions: { youshu: { weightGrams: -1 } } } : line,
    ),
  })
  let thrown: unknown
  try {
    toYoushuOrder(order)
  } catch (error) {
    thrown = error
  }
  expect(ValidationError.isInstance(thrown)).toBe(true)
  expect((thrown as ValidationError).issues.map((issue) => issue.path)).toEqual([
    ['lines', 1, 'platformOptions', 'youshu', 'weightGrams'],
  ])
})
