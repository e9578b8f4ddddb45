import type { OrderInput } from '@ordersync/core'
import type { Sandbox } from '@ordersync/sandbox'
import { platformDescriptor as youshu } from '@ordersync/youshu/testing'

/** Youshu's endpoint that orders are sent through. */
export const youshuAddOrder: string = youshu.syncEndpoint

/** Youshu order `index`, valid for the sandbox (`youshu-order-<index>`). */
export const youshuOrder = (index: number): OrderInput => youshu.makeOrder(index)

/** A JSON Lines text of orders. */
export const jsonLines = (orders: readonly (OrderInput | string)[]): string =>
  `${orders.map((order) => (typeof order === 'string' ? order : JSON.stringify(order))).join('\n')}\n`

/**
 * The order ids each Youshu `add_order` request the sandbox received carried, request by request
 * (from its request log; requests it dropped carried their orders too).
 */
export function sentOrderIds(sandbox: Sandbox<object>): string[][] {
  return sandbox.control
    .log('youshu')
    .filter((entry) => entry.endpoint === youshuAddOrder)
    .map((entry) => {
      const body = JSON.parse(entry.body) as { orders?: { external_order_id?: string }[] }
      return (body.orders ?? []).map((order) => order.external_order_id ?? '')
    })
}

/** How many times each order id was sent. */
export function sendsPerOrder(sandbox: Sandbox<object>): Map<string, number> {
  const sends = new Map<string, number>()
  for (const id of sentOrderIds(sandbox).flat()) sends.set(id, (sends.get(id) ?? 0) + 1)
  return sends
}
