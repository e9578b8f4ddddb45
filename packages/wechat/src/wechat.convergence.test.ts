import type { OrderInput } from '@ordersync/core'
import { createWechatSandboxModule, startSandbox } from '@ordersync/sandbox'
import { testConvergence } from '@ordersync/sandbox/testing'
import { describe } from 'vitest'
import type { WechatPreparedOrder } from './convert-to-wechat-order.ts'
import { platformDescriptor } from './wechat-descriptor.ts'

const cny = (amount: number) => ({ amount, currency: 'CNY' }) as const
const lifecycle = ['awaiting_payment', 'paid', 'shipped', 'completed'] as const

/**
 * Version `version` of an order moves it along its life — awaiting payment, paid by WeChat Pay,
 * shipped, completed — so that a late `shop/order/add` of an earlier version would set WeChat's
 * copy back to status 10.
 */
function laterWechatVersion(order: OrderInput, version: number): OrderInput {
  const status = lifecycle[Math.min(version, lifecycle.length) - 1] ?? 'awaiting_payment'
  if (status === 'awaiting_payment') return order
  const paid: OrderInput = {
    ...order,
    status,
    paidAmount: cny(1600),
    payments: [
      {
        method: 'wechat_pay',
        amount: cny(1600),
        transactionId: `4200000512202003251234${String(order.id).replace(/\D/g, '').padStart(6, '0')}`,
        paidAt: '2020-03-25T14:10:00+08:00',
      },
    ],
  }
  if (status === 'paid') return paid
  const delivery = order.delivery as NonNullable<OrderInput['delivery']>
  return {
    ...paid,
    delivery: {
      ...delivery,
      packages: [
        {
          carrierCode: 'SF',
          trackingNumber: 'SF1234567890',
          shippedAt: '2020-03-26T09:30:00+08:00',
        },
      ],
    },
  }
}

describe('wechat: every order converges on its newest version', () => {
  testConvergence<WechatPreparedOrder>({
    name: 'wechat',
    sandboxPlatform: 'wechat',
    startSandbox: (seed) => startSandbox({ seed, modules: [createWechatSandboxModule()] }),
    createClient: (sandbox, overrides) => platformDescriptor.createClient(sandbox, overrides),
    makeOrder: (index) => platformDescriptor.makeOrder(index),
    makeVersion: laterWechatVersion,
    // The sandbox keeps the last add body and the status the later calls moved the order to.
    stored: (record) => {
      const { order, status } = record as { order: unknown; status: number }
      return { order, status }
    },
    expected: (prepared) => ({ order: prepared.payload.add, status: prepared.payload.status }),
    busy: platformDescriptor.faults.retryable,
  })
})
