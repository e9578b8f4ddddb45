import { expect, it } from 'vitest'
import { youshuWalkthrough } from './youshu-walkthrough.ts'

it('shows the Youshu FAQ amounts and a sync to the sandbox, the same under every host zone', async () => {
  const text = await youshuWalkthrough()
  expect(text).toContain(
    'goods_amount_total 100 · freight_amount 10 · order_amount 110 · payable_amount 100 · payment_amount 100',
  )
  expect(text).toContain('goods payment_amount: 36 and 54')
  expect(text).not.toContain('13800138000')
  expect(text).not.toContain('youshu-sandbox-secret')
  expect(text).toMatchSnapshot()
})
