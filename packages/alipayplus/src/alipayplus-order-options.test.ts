import { parseOrder, ValidationError } from '@ordersync/core'
import { expect, it } from 'vitest'
import { alipayPlusDocumentOrder } from './alipayplus-document-order.ts'
import { alipayPlusLineOptionsSchema } from './alipayplus-order-options.ts'
import { toAlipayPlusOrder } from './convert-to-alipayplus-order.ts'

// toAlipayPlusOrder skips the parse for a line without options: exact only while {} passes.
it('takes a line without options: {} passes the line options schema', () => {
  expect(alipayPlusLineOptionsSchema.safeParse({})).toEqual({ success: true, data: {} })
})

it('still checks the options of a line that has them, at the canonical path', () => {
  const order = parseOrder({
    ...alipayPlusDocumentOrder,
    lines: alipayPlusDocumentOrder.lines.map((line) => ({
      ...line,
      platformOptions: { alipayplus: { extendInfo: 42 } },
    })),
  })
  let thrown: unknown
  try {
    toAlipayPlusOrder(order, { appId: 'app-1' })
  } catch (error) {
    thrown = error
  }
  expect(ValidationError.isInstance(thrown)).toBe(true)
  expect((thrown as ValidationError).issues.map((issue) => issue.path)).toEqual([
    ['lines', 0, 'platformOptions', 'alipayplus', 'extendInfo'],
  ])
})
