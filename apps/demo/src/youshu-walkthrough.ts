import { parseOrder, type RequestEvent, syncOrders } from '@ordersync/core'
import { createYoushuSandboxModule, startSandbox } from '@ordersync/sandbox'
import { createYoushu, toYoushuOrder } from '@ordersync/youshu'
import { youshuDocumentOrder, youshuFaqOrder } from '@ordersync/youshu/fixtures'

/**
 * The Youshu part of the demo: the FAQ order's amounts as Youshu wants them, then a sync of the
 * documents' orders to the sandbox over loopback HTTP, with the redacted request log.
 */
export async function youshuWalkthrough(): Promise<string> {
  const out: string[] = [
    'Youshu: the FAQ order (two goods at 20 and 30 yuan, two each, freight 10, 10 off over 100)',
  ]
  const [faq] = toYoushuOrder(
    parseOrder({ ...youshuFaqOrder, buyer: { platformUserId: 'o-demo-openid' } }),
  ).orders
  if (faq !== undefined) {
    out.push(
      `  goods_amount_total ${faq.goods_amount_total} · freight_amount ${faq.freight_amount} · order_amount ${faq.order_amount} · payable_amount ${faq.payable_amount} · payment_amount ${faq.payment_amount}`,
      `  goods payment_amount: ${faq.goods_info.map((goods) => goods.payment_amount).join(' and ')}`,
    )
  }

  const sandbox = await startSandbox({ modules: [createYoushuSandboxModule()] })
  try {
    const credentials = sandbox.credentials.youshu ?? {}
    const requests: RequestEvent[] = []
    const youshu = createYoushu({
      environment: 'test',
      baseURL: sandbox.url,
      appId: credentials.appId ?? '',
      appSecret: credentials.appSecret ?? '',
      merchantId: credentials.merchantId ?? '',
      hooks: { onRequest: (event) => requests.push(event) },
    })
    const report = await syncOrders({
      platform: youshu,
      orders: [
        { ...youshuFaqOrder, buyer: { platformUserId: 'o-demo-openid', phone: '13800138000' } },
        youshuDocumentOrder,
        { ...youshuFaqOrder, id: 'no-openid' },
      ],
    })
    out.push('', 'Youshu: syncing three orders to the sandbox')
    for (const result of report.results) {
      const detail =
        result.status === 'failed'
          ? result.error.message
          : result.warnings.length === 0
            ? 'no warnings'
            : `warnings: ${result.warnings.map((warning) => warning.message).join('; ')}`
      out.push(`  ${result.orderId}: ${result.status} — ${detail}`)
    }
    out.push(`  stored in the sandbox: ${[...sandbox.control.orders('youshu').keys()].join(', ')}`)
    out.push('  requests, as hooks see them (secrets, signatures and phones redacted):')
    for (const request of requests) {
      const url = new URL(request.url)
      // The nonce and timestamp change every run: shown as … so that the walk-through reads the same.
      const query = url.searchParams
        .toString()
        .replace(/timestamp=[^&]*/, 'timestamp=…')
        .replace(/nonce=[^&]*/, 'nonce=…')
      out.push(`    ${request.method} ${url.pathname}?${query}`)
    }
  } finally {
    await sandbox.close()
  }
  return out.join('\n')
}
