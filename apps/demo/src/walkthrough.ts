import { alipayPlusDocumentOrder } from '@ordersync/alipayplus/fixtures'
import { baiduDocumentOrder } from '@ordersync/baidu/fixtures'
import {
  allocateOrderDiscounts,
  formatBeijingWallClock,
  formatEpochMillisString,
  formatIsoInstant,
  formatMoney,
  type OrderInput,
  parseMoney,
  toUnixSeconds,
  validateOrder,
} from '@ordersync/core'
import { wechatDocumentOrder } from '@ordersync/wechat/fixtures'
import { wixtarDocumentOrder } from '@ordersync/wixtar/fixtures'
import { youshuDocumentOrder, youshuFaqOrder } from '@ordersync/youshu/fixtures'

// The documents' orders the walk-through tells of: a tour of core, not a list of the platforms
// (the page lists every platform from its descriptor).
const documentOrders: Readonly<Record<string, OrderInput>> = {
  alipayPlusDocumentOrder,
  baiduDocumentOrder,
  wechatDocumentOrder,
  wixtarDocumentOrder,
  youshuDocumentOrder,
  youshuFaqOrder,
}

/**
 * The demo's text: what core does with money, time and the platform documents' orders. Pure, so
 * that the test pins it under every host time zone.
 */
export function walkthrough(): string {
  const out: string[] = []
  out.push('ordersync — core walk-through', '')

  out.push('Money: decimal text to integer fen, exactly')
  for (const text of ['9.8', '19.90', '19.9', '1.67', '0.03', '0.07']) {
    const float = Number(text) * 100
    const exact = parseMoney(text, 'CNY').amount
    out.push(
      `  ${text.padEnd(6)} yuan → ${String(exact).padStart(4)} fen   (float × 100 gives ${float})`,
    )
  }
  for (const [text, currency] of [
    ['1.005', 'CNY'],
    ['1.5', 'JPY'],
    ['1e3', 'CNY'],
  ] as const) {
    try {
      parseMoney(text, currency)
    } catch (error) {
      out.push(`  ${text} ${currency} → ${(error as Error).message}`)
    }
  }
  out.push('')

  out.push('The platform documents’ example orders, canonically')
  for (const [name, input] of Object.entries(documentOrders)) {
    const result = validateOrder(input)
    if (!result.success) {
      out.push(`  ${name}: ${result.error.message}`)
      continue
    }
    const order = result.order
    const currency = order.payableAmount.currency
    out.push(
      `  ${name}: ${order.id} · ${order.status} · payable ${formatMoney(order.payableAmount)} ${currency} · paid ${formatMoney(order.paidAmount)} ${currency}`,
    )
    out.push(
      `    created  ISO +08:00 ${formatIsoInstant(order.createdAt, '+08:00')} · UTC ${formatIsoInstant(order.createdAt, 'Z')}`,
    )
    out.push(
      `             Beijing ${formatBeijingWallClock(order.createdAt)} · seconds ${toUnixSeconds(order.createdAt)} · ms ${formatEpochMillisString(order.createdAt)}`,
    )
    const shares = allocateOrderDiscounts(order).lines.map(
      (line) => `${line.lineId} ${formatMoney(line.payable)}`,
    )
    out.push(`    lines after discounts: ${shares.join(', ')}`)
  }
  out.push('')

  out.push('Validation reports every problem at once, each with its path')
  const broken: OrderInput = {
    ...youshuFaqOrder,
    id: '',
    modifiedAt: '2024-05-20T09:00:00+08:00',
    paidAmount: { amount: 12000, currency: 'CNY' },
  }
  const result = validateOrder(broken)
  if (!result.success) {
    for (const issue of result.error.issues) {
      out.push(`  ${issue.path.join('.')}: ${issue.message} [${issue.code}]`)
    }
  }
  return out.join('\n')
}
