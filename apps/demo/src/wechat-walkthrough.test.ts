import { expect, it } from 'vitest'
import { wechatWalkthrough } from './wechat-walkthrough.ts'

it('shows the WeChat prices in fen and each sync’s calls to the sandbox, the same under every host zone', async () => {
  const text = await wechatWalkthrough()
  expect(text).toContain(
    'order_price 1600 · freight 500 · discounted_price 100 · additional_price 200',
  )
  expect(text).toContain('real_price 90')
  expect(text).toContain(
    'completed: /shop/order/get → /shop/delivery/send → /shop/delivery/recieve · WeChat status 100',
  )
  expect(text).not.toContain('13800138000')
  expect(text).toMatchSnapshot()
})
