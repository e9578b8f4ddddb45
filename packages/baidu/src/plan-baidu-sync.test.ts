import { type OrderInput, parseOrder } from '@ordersync/core'
import { describe, expect, it } from 'vitest'
import { baiduDocumentOrder } from './baidu-document-order.ts'
import { toBaiduOrder } from './convert-to-baidu-order.ts'
import { planBaiduSync } from './plan-baidu-sync.ts'

const appKey = 'a392qXwK8L5GDUWhFoC01cKwoy7tmehg'
const order: OrderInput = {
  ...baiduDocumentOrder,
  buyer: { platformUserId: 'k5nF3wqL9' },
  platformOptions: { baidu: { sceneId: '15925907919' } },
}
const [refund] = baiduDocumentOrder.afterSales ?? []
const second = {
  id: 'r2',
  type: 'return_and_refund',
  status: 'requested',
  createdAt: 1_571_100_000_000,
  modifiedAt: 1_571_100_000_000,
  refundAmount: { amount: 0, currency: 'CNY' },
} as const

const prepare = (input: OrderInput) => toBaiduOrder(parseOrder(input), { appKey })
/** The plan's endpoints, or `add` and its reason. */
function planOf(held: OrderInput, next: OrderInput): string[] {
  const plan = planBaiduSync(prepare(held), prepare(next))
  return plan.kind === 'add' ? [`add: ${plan.reason}`] : plan.calls.map((call) => call.name)
}

describe('planBaiduSync', () => {
  it('adds when what Baidu holds is unknown', () => {
    expect(planBaiduSync(undefined, prepare(order))).toEqual({ kind: 'add', reason: 'not_held' })
  })

  it('adds when the category or the query changed', () => {
    expect(planOf(order, { ...order, type: 'virtual' })).toEqual(['add: order_key_changed'])
    expect(
      planOf(order, { ...order, platformOptions: { baidu: { sceneId: 'another-cashier-order' } } }),
    ).toEqual(['add: query_changed'])
  })

  it('adds when the after-sale orders held are not the first ones, in their order', () => {
    expect(planOf({ ...order, afterSales: [refund, second] } as OrderInput, order)).toEqual([
      'add: after_sales_removed',
    ])
    expect(
      planOf(
        { ...order, afterSales: [refund, second] } as OrderInput,
        { ...order, afterSales: [second, refund] } as OrderInput,
      ),
    ).toEqual(['add: after_sales_removed'])
  })

  it('appends to an order that had no after-sale orders', () => {
    expect(planOf({ ...order, afterSales: undefined }, order)).toEqual(['appendSubInfo'])
  })

  it('updates every after-sale order held when only the summary status changed, to carry it', () => {
    const plan = planBaiduSync(
      prepare(order),
      prepare({
        ...order,
        platformOptions: { baidu: { sceneId: '15925907919', afterSaleStatus: 401 } },
      }),
    )
    expect(plan.kind === 'update' && plan.calls).toEqual([
      {
        name: 'updateSubInfo',
        request: {
          query: { open_id: 'k5nF3wqL9', scene_id: '15925907919', scene_type: 2 },
          body: {
            Data: [
              {
                CateID: 1,
                BizAPPID: appKey,
                ResourceID: '2221554346520',
                EXT: {
                  SubsOrder: {
                    Status: 401,
                    Items: prepare(order).body.Data[0].EXT.SubsOrder?.Items,
                  },
                },
              },
            ],
          },
        },
      },
    ])
  })

  it('sends the main order, then the after-sale orders appended, then those changed', () => {
    expect(
      planOf(order, {
        ...order,
        modifiedAt: 1_571_200_000_000,
        afterSales: [{ ...refund, status: 'closed' }, second],
      } as OrderInput),
    ).toEqual(['updateMainInfo', 'appendSubInfo', 'updateSubInfo'])
  })

  it('sends the update calls without swan_id, which Baidu documents on add/main/info alone', () => {
    const withSwanId = {
      ...order,
      platformOptions: { baidu: { sceneId: '15925907919', swanId: 'swan-4f1c' } },
    }
    const plan = planBaiduSync(prepare(withSwanId), prepare({ ...withSwanId, status: 'shipped' }))
    expect(plan.kind === 'update' && plan.calls.map((call) => call.request.query)).toEqual([
      { open_id: 'k5nF3wqL9', scene_id: '15925907919', scene_type: 2 },
    ])
  })
})
