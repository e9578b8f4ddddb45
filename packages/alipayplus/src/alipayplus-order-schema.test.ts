import { describe, expect, it } from 'vitest'
import { alipayPlusSyncOrderRequestSchema, alipayPlusWallets } from './alipayplus-order-schema.ts'
import { alipayPlusSampleRequest } from './test/alipayplus-sample-request.ts'

const sample = alipayPlusSampleRequest
const problems = (value: unknown) => {
  const result = alipayPlusSyncOrderRequestSchema.safeParse(value)
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
}
const biz = (info: Record<string, unknown>, orderType = 'PICK_UP') => ({
  ...sample,
  orderType,
  orderExtendBizInfo: JSON.stringify(info),
})

describe('the order/sync request schema', () => {
  it('accepts the raw sample (biz info as an object) and the same biz info as JSON text', () => {
    expect(problems(sample)).toEqual([])
    expect(
      problems({ ...sample, orderExtendBizInfo: JSON.stringify(sample.orderExtendBizInfo) }),
    ).toEqual([])
  })

  it('accepts every documented wallet and order type', () => {
    for (const wallet of alipayPlusWallets)
      expect(problems({ ...sample, customerBelongsTo: wallet })).toEqual([])
    expect(problems(biz({ orderBizStatus: 'READY', dineInCodeValue: 'A1' }, 'DINE_IN'))).toEqual([])
    expect(
      problems(
        biz(
          { orderBizStatus: 'DELIVERED', courierName: 'Lee', courierPhoneNo: '+85212345678' },
          'DELIVERY',
        ),
      ),
    ).toEqual([])
  })

  it.each([
    ['appId over 32', { appId: 'a'.repeat(33) }, 'appId: at most 32 characters'],
    ['customerId over 64', { customerId: 'c'.repeat(65) }, 'customerId: at most 64 characters'],
    [
      '@ in customerId',
      { customerId: 'a@b' },
      'customerId: customerId must not contain @, # or ? (document)',
    ],
    [
      'referenceOrderId over 64',
      { referenceOrderId: 'r'.repeat(65) },
      'referenceOrderId: at most 64 characters',
    ],
    [
      'orderLinkUrl over 1024',
      { orderLinkUrl: `pages/${'x'.repeat(1019)}` },
      'orderLinkUrl: at most 1024 characters',
    ],
    [
      'a time without offset',
      { orderCreateTime: '2022-04-20 10:38:09' },
      'orderCreateTime: must be ISO 8601 with an offset, e.g. 2022-04-20T10:38:09+08:00',
    ],
    [
      '31 promoDetails',
      { promoDetails: Array(31).fill(sample.promoDetails[0]) },
      'promoDetails: at most 30 promoDetails',
    ],
    ['31 refunds', { refunds: Array(31).fill(sample.refunds[0]) }, 'refunds: at most 30 refunds'],
    ['no goods', { goods: [] }, 'goods: at least one goods'],
    [
      'a fractional Amount',
      { orderAmount: { currency: 'USD', value: 12.5 } },
      'orderAmount.value: must be an integer in the smallest unit',
    ],
    [
      'a lowercase currency',
      { orderAmount: { currency: 'usd', value: 1 } },
      'orderAmount.currency: must be an ISO 4217 code',
    ],
    [
      'a numeric goodsQuantity',
      { goods: [{ ...sample.goods[0], goodsQuantity: 3 }] },
      'goods.0.goodsQuantity: Invalid input: expected string, received number',
    ],
  ])('refuses %s', (_name, change, problem) => {
    expect(problems({ ...sample, ...change })).toEqual([problem])
  })

  it.each([
    [
      'IN_DELIVERY on a pickup order',
      biz({ orderBizStatus: 'IN_DELIVERY' }),
      'orderExtendBizInfo.orderBizStatus: IN_DELIVERY exists only for DELIVERY orders',
    ],
    [
      'a courier on a pickup order',
      biz({ orderBizStatus: 'PAID', courierName: 'Lee' }),
      'orderExtendBizInfo.courierName: is not an extended field of PICK_UP orders',
    ],
    [
      'an unknown status',
      biz({ orderBizStatus: 'SHIPPED' }),
      'orderExtendBizInfo.orderBizStatus: Invalid option: expected one of "CREATED"|"WAIT_PAY"|"PAID"|"PENDING"|"ACCEPTED"|"PREPARING"|"READY"|"IN_DELIVERY"|"DELIVERED"|"COMPLETED"|"CANCELLED"|"PAY_FAILED"|"REJECTED"',
    ],
    [
      'a pickUpCodeName over 256',
      biz({ orderBizStatus: 'PAID', pickUpCodeName: 'n'.repeat(257) }),
      'orderExtendBizInfo.pickUpCodeName: at most 256 characters',
    ],
    [
      'a courierPhoneNo over 64',
      biz({ orderBizStatus: 'PAID', courierPhoneNo: '1'.repeat(65) }, 'DELIVERY'),
      'orderExtendBizInfo.courierPhoneNo: at most 64 characters',
    ],
    [
      '# in dineInCodeValue',
      biz({ orderBizStatus: 'PAID', dineInCodeValue: 'T#1' }, 'DINE_IN'),
      'orderExtendBizInfo: must not contain @, # or ?, as serialized (document)',
    ],
    [
      'biz info that is not JSON',
      { ...sample, orderExtendBizInfo: 'status=PAID' },
      'orderExtendBizInfo: must be JSON text of an object',
    ],
    [
      'biz info over 2048 characters',
      biz({
        orderBizStatus: 'PAID',
        pickUpCodeName: 'n'.repeat(250),
        pickUpStartTime: '2022-04-20T10:38:09+08:00',
        extra: 'x'.repeat(2000),
      }),
      'orderExtendBizInfo: at most 2048 characters, as serialized',
    ],
  ])('refuses %s', (_name, request, problem) => {
    expect(problems(request)).toContain(problem)
  })
})
