import { createMemoryVersionStore, syncOrders } from '@ordersync/core'
import { createWechatSandboxModule, startSandbox } from '@ordersync/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { shipped } from './test/fake-wechat.ts'
import { platformDescriptor } from './wechat-descriptor.ts'

// With a version store shared between runs, a later version of an order WeChat is known to hold
// goes without the read of shop/order/get; without it, every sync reads first.

let sandbox: Awaited<ReturnType<typeof startSandbox>>
beforeAll(async () => {
  sandbox = await startSandbox({ modules: [createWechatSandboxModule()] })
})
afterAll(async () => {
  await sandbox.close()
})

const apiPaths = () =>
  sandbox.control
    .log('wechat')
    .filter((entry) => entry.kind === 'api')
    .map((entry) => entry.endpoint)

describe('wechat and the version store', () => {
  it('skips the read before add for a version the store knows WeChat holds', async () => {
    sandbox.control.reset()
    const wechat = platformDescriptor.createClient(sandbox)
    const awaiting = platformDescriptor.makeOrder(1)
    const paidLater = {
      ...shipped,
      id: awaiting.id,
      buyer: awaiting.buyer,
      platformOptions: awaiting.platformOptions,
      status: 'paid' as const,
      delivery: awaiting.delivery,
      modifiedAt: '2020-03-25T14:20:00+08:00',
    }
    const versionStore = createMemoryVersionStore()
    const first = await syncOrders({ platform: wechat, orders: [awaiting], versionStore })
    const second = await syncOrders({ platform: wechat, orders: [paidLater], versionStore })
    expect([first.succeeded, second.succeeded]).toEqual([1, 1])
    // The second run re-adds the unpaid order (as it would after a read) and pays it: no read.
    expect(apiPaths()).toEqual([
      '/shop/order/get',
      '/shop/order/add',
      '/shop/order/add',
      '/shop/order/pay',
    ])
    expect(
      (sandbox.control.orders('wechat').get(awaiting.id as string) as { status: number }).status,
    ).toBe(20)
  })

  it('reads before add in every run that does not share a store', async () => {
    sandbox.control.reset()
    const wechat = platformDescriptor.createClient(sandbox)
    const order = platformDescriptor.makeOrder(2)
    await syncOrders({ platform: wechat, orders: [order] })
    await syncOrders({
      platform: wechat,
      orders: [{ ...order, modifiedAt: '2020-03-25T14:30:00+08:00' }],
    })
    expect(apiPaths()).toEqual([
      '/shop/order/get',
      '/shop/order/add',
      '/shop/order/get',
      '/shop/order/add',
    ])
  })
})
