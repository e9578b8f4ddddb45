import { type OrderInput, parseOrder, type RequestEvent, syncOrders } from '@ordersync/core'
import { createWechatSandboxModule, startSandbox } from '@ordersync/sandbox'
import { createWechat, toWechatOrder } from '@ordersync/wechat'
import { wechatDocumentOrder } from '@ordersync/wechat/fixtures'

const cny = (amount: number) => ({ amount, currency: 'CNY' }) as const

/**
 * The WeChat part of the demo: the document's order as shop/order/add wants it (real_price with
 * the discount in it), then the same order synced to the sandbox as it moves from awaiting payment
 * to completed, showing which calls each sync makes.
 */
export async function wechatWalkthrough(): Promise<string> {
  const order: OrderInput = {
    ...wechatDocumentOrder,
    platformOptions: {
      wechat: { scene: 1177, prepayId: '42526234625', prepayAt: '2020-03-25T14:04:25+08:00' },
    },
  }
  const { add } = toWechatOrder(parseOrder(order))
  const price = add.order_detail.price_info
  const out: string[] = [
    'WeChat: the shop/order/add example (10 × 1.00 yuan, freight 5.00, 1.00 off, tax 2.00), in fen',
    `  order_price ${price.order_price} · freight ${price.freight} · discounted_price ${price.discounted_price} · additional_price ${price.additional_price}`,
    `  real_price ${add.order_detail.product_infos.map((item) => item.real_price).join(', ')} (the page's example says 100, without the discount) · create_time ${add.create_time} (Beijing)`,
  ]

  const sandbox = await startSandbox({ modules: [createWechatSandboxModule()] })
  try {
    const requests: RequestEvent[] = []
    const wechat = createWechat({
      ...(sandbox.credentials.wechat as { appId: string; appSecret: string }),
      baseURL: sandbox.url,
      hooks: { onRequest: (event) => requests.push(event) },
    })
    const paid = {
      ...order,
      paidAmount: cny(1600),
      payments: [
        {
          method: 'wechat_pay',
          amount: cny(1600),
          transactionId: '4200000512202003251234567890',
          paidAt: '2020-03-25T14:10:00+08:00',
        },
      ],
      delivery: {
        ...order.delivery,
        packages: [
          {
            carrierCode: 'SF',
            trackingNumber: 'SF1234567890',
            shippedAt: '2020-03-26T09:30:00+08:00',
          },
        ],
      },
    }
    out.push('', 'WeChat: one order synced four times as it moves on')
    for (const version of [
      order,
      { ...paid, status: 'paid' as const },
      { ...paid, status: 'completed' as const },
      { ...paid, status: 'completed' as const },
    ]) {
      requests.length = 0
      const report = await syncOrders({ platform: wechat, orders: [version] })
      const result = report.results[0]
      const stored = sandbox.control.orders('wechat').get('xxxxx') as { status: number } | undefined
      const calls = requests
        .map((request) => new URL(request.url).pathname)
        .filter((path) => path.startsWith('/shop/'))
      out.push(
        `  ${version.status}: ${calls.join(' → ')} · WeChat status ${stored?.status} · ${result?.status}${result?.status === 'succeeded' && result.platformIds.order_id !== undefined ? ` · order_id ${result.platformIds.order_id}` : ''}`,
      )
    }
    const first = requests[0]
    if (first !== undefined)
      out.push(
        `  requests, as hooks see them: ${first.method} ${first.url.replace(/^http:\/\/[^/]+/, '')}`,
      )
  } finally {
    await sandbox.close()
  }
  return out.join('\n')
}
