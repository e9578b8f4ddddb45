// The contract suite: an order's life under faults.
import { OrderSyncError, syncOrders } from '@ordersync/core'
import { expect, it } from 'vitest'
import type { FaultAction } from '../sandbox-types.ts'
import { type ContractSuiteContext, faultAnswering } from './contract-suite-context.ts'
import { soakRetry } from './contract-suite-options.ts'

/** The fault soak: many orders under random faults of every kind, none lost, every failure truthful, every failed order landing on a re-sync. */
export function testFaultSoak<Payload>(ctx: ContractSuiteContext<Payload>): void {
  const { client, endpoint, descriptor, platform, soakSize } = ctx
  it(`survives a fault soak of ${soakSize} orders with about 20% random faults: none lost, every failure truthful`, async () => {
    const { retryable, tokenInvalid } = descriptor.faults
    const kinds: FaultAction[] = [
      { type: 'status', status: 503 },
      { type: 'status', status: 502 },
      { type: 'drop' },
      { type: 'delay', ms: soakRetry.timeoutMs * 3 },
      faultAnswering(retryable),
      ...(tokenInvalid === undefined ? [] : [faultAnswering(tokenInvalid)]),
    ]
    for (const action of kinds) {
      ctx.sandbox.control.injectFault({
        platform,
        endpoint,
        action,
        times: Number.POSITIVE_INFINITY,
        probability: 0.2 / kinds.length,
      })
    }
    // A few definite rejections, so that `rejected` is tested against the store too.
    ctx.sandbox.control.injectFault({
      platform,
      endpoint,
      action: faultAnswering(descriptor.faults.nonRetryable),
      times: Number.POSITIVE_INFINITY,
      probability: 0.02,
    })
    const orders = Array.from({ length: soakSize }, (_, index) => descriptor.makeOrder(index))
    // The keys the sandbox module stores the orders under.
    const ids = orders.map((order) => descriptor.storeKey?.(order.id) ?? order.id)
    const report = await syncOrders({
      platform: client(soakRetry),
      orders,
      concurrency: 8,
    })
    ctx.sandbox.control.clearFaults(platform)
    if (process.env.ORDERSYNC_SOAK_REPORT !== undefined) {
      const reasons = new Map<string, number>()
      for (const result of report.results) {
        if (result.status !== 'failed') continue
        const reason = `${result.delivery}: ${result.error.message.slice(0, 160)}`
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1)
      }
      console.log(`[soak ${descriptor.id}] failures: ${JSON.stringify([...reasons].slice(0, 6))}`)
    }
    const stored = new Set(ctx.sandbox.control.orders(platform).keys())
    expect(report.read).toBe(soakSize)
    expect(report.results).toHaveLength(soakSize)
    const lies: string[] = []
    let storedThoughFailed = 0
    for (const result of report.results) {
      const id = ids[result.index] as string
      if (result.status === 'succeeded') {
        if (!stored.has(id)) lies.push(`${id}: succeeded but not stored`)
      } else if (result.status === 'failed') {
        expect(OrderSyncError.isInstance(result.error)).toBe(true)
        const certainlyNotStored = result.delivery === 'rejected' || result.delivery === 'not_sent'
        if (certainlyNotStored && stored.has(id)) lies.push(`${id}: ${result.delivery} but stored`)
        if (stored.has(id)) storedThoughFailed += 1
      } else {
        lies.push(`${id}: skipped without an abort`)
      }
    }
    expect(lies).toEqual([])
    expect(report.uncertain).toBe(
      report.results.filter(
        (result) =>
          result.status === 'failed' &&
          (result.delivery === 'uncertain' || result.delivery === 'partial'),
      ).length,
    )
    // Every failed order can be re-synced safely: without faults, all of them land.
    const failedIds = new Set(
      report.results.filter((result) => result.status === 'failed').map((result) => result.index),
    )
    const again = await syncOrders({
      platform: client(),
      orders: orders.filter((_, index) => failedIds.has(index)),
      concurrency: 8,
    })
    expect(again.failed).toBe(0)
    expect(ctx.sandbox.control.orders(platform).size).toBe(soakSize)
    if (process.env.ORDERSYNC_SOAK_REPORT !== undefined) {
      console.log(
        `[soak ${descriptor.id}] ${soakSize} orders: ${report.succeeded} succeeded, ${report.failed} failed (${report.uncertain} uncertain, ${storedThoughFailed} of the failed were stored), ${ctx.sandbox.control.log(platform).length} requests`,
      )
    }
  }, 180_000)
}
