import { parseOrder, type RequestEvent, syncOrders } from '@ordersync/core'
import { createWixtarSandboxModule, startSandbox } from '@ordersync/sandbox'
import { createWixtar, toWixtarOrder } from '@ordersync/wixtar'
import { wixtarDocumentOrder } from '@ordersync/wixtar/fixtures'

/**
 * The Wixtar part of the demo: the document's order as Wixtar's Money, then a sync to the sandbox
 * of that order and of one still open (which Wixtar does not take yet), with the redacted requests.
 */
export async function wixtarWalkthrough(): Promise<string> {
  const out: string[] = [
    "Wixtar: the document's order (2 × 400 + 200 TWD, a 100 service charge, 100 off), in the example's units",
  ]
  // The client's default units are the example's own (charges and payments in whole dollars, item
  // prices in cents), and the sandbox reads the same by default.
  const { order } = toWixtarOrder(parseOrder(wixtarDocumentOrder))
  const money = (value: { amount?: number | undefined; formatted_amount?: string | undefined }) =>
    `${value.amount} ("${value.formatted_amount}")`
  out.push(
    `  charges: total ${money(order.charges.total)} · sub_total ${money(order.charges.sub_total)} · discount ${money(order.charges.discount)} · total_fee ${money(order.charges.total_fee)}`,
    `  items: ${order.cart.items.map((item) => `${item.title} × ${item.quantity} at ${money(item.price?.unit_price ?? {})}`).join('; ')}`,
    `  placed_at ${order.placed_at} · current_state ${order.current_state}`,
  )

  const sandbox = await startSandbox({ modules: [createWixtarSandboxModule()] })
  try {
    const requests: RequestEvent[] = []
    const wixtar = createWixtar({
      clientId: sandbox.credentials.wixtar?.clientId ?? '',
      clientSecret: sandbox.credentials.wixtar?.clientSecret ?? '',
      baseURL: sandbox.url,
      tokenURL: `${sandbox.url}/oauth/v1/token`,
      hooks: { onRequest: (event) => requests.push(event) },
    })
    const report = await syncOrders({
      platform: wixtar,
      orders: [wixtarDocumentOrder, { ...wixtarDocumentOrder, id: 'still-open', status: 'paid' }],
    })
    out.push('', 'Wixtar: syncing a completed and an open order to the sandbox')
    for (const result of report.results) {
      const detail =
        result.status === 'failed'
          ? result.error.message
          : `${result.warnings.length} warnings: ${result.warnings.map((warning) => warning.message).join('; ')}`
      out.push(`  ${result.orderId}: ${result.status} — ${detail}`)
    }
    out.push(`  stored in the sandbox: ${[...sandbox.control.orders('wixtar').keys()].join(', ')}`)
    out.push('  requests, as hooks see them (the secret, the token and the phone redacted):')
    for (const request of requests) {
      const url = new URL(request.url)
      const authorization = request.headers.authorization
      out.push(
        `    ${request.method} ${url.pathname}${authorization === undefined ? '' : ` — authorization: ${authorization}`}`,
      )
    }
  } finally {
    await sandbox.close()
  }
  return out.join('\n')
}
