import { ApiCallError, AuthenticationError, ValidationError } from '@ordersync/core'
import { describe, expect, it } from 'vitest'
import {
  afterSalesErasedWarning,
  afterSalesLeftOutWarning,
  createBaiduAfterSaleLedger,
  overwriteResultOfFailure,
} from './baidu-after-sale-ledger.ts'

/** Announces and stores a version of `id` with `subOrderIds`; returns what its announcement named. */
function store(
  ledger: ReturnType<typeof createBaiduAfterSaleLedger>,
  id: string,
  subOrderIds: string[],
) {
  const version = {}
  const announced = ledger.announce(id, subOrderIds, version)
  const erased = ledger.settle(id, subOrderIds, version, 'stored')
  return { announced, erased }
}

describe('createBaiduAfterSaleLedger', () => {
  it('names what a version leaves out of the one stored before it, before it is sent', () => {
    const ledger = createBaiduAfterSaleLedger(10)
    expect(store(ledger, 'o1', ['r1', 'r2'])).toEqual({ announced: [], erased: [] })
    expect(ledger.announce('o1', ['r1'], {})).toEqual(['r2'])
  })

  it('names every after-sale order of a version that goes to zero, and then forgets the order', () => {
    const ledger = createBaiduAfterSaleLedger(10)
    store(ledger, 'o1', ['r1', 'r2'])
    expect(store(ledger, 'o1', [])).toEqual({ announced: ['r1', 'r2'], erased: [] })
    // Nothing left to lose: the order takes no room, and a next empty version names nothing.
    expect(ledger.heldFor('o1')).toBeUndefined()
    expect(ledger.size()).toBe(0)
    expect(ledger.announce('o1', [], {})).toEqual([])
  })

  it('re-stores a remembered order in place: its new after-sale orders, one entry', () => {
    const ledger = createBaiduAfterSaleLedger(10)
    store(ledger, 'o1', ['r1'])
    expect(store(ledger, 'o1', ['r1', 'r2'])).toEqual({ announced: [], erased: [] })
    expect(ledger.heldFor('o1')).toEqual(['r1', 'r2'])
    expect(ledger.size()).toBe(1)
    expect(ledger.announce('o1', ['r2'], {})).toEqual(['r1'])
  })

  it('gives no room to an order without after-sale orders', () => {
    const ledger = createBaiduAfterSaleLedger(1)
    store(ledger, 'o1', ['r1'])
    store(ledger, 'o2', [])
    expect(ledger.size()).toBe(1)
    expect(ledger.heldFor('o1')).toEqual(['r1'])
  })

  it('forgets the order used longest ago past its capacity, not the one stored first', () => {
    const ledger = createBaiduAfterSaleLedger(2)
    store(ledger, 'o1', ['r1'])
    store(ledger, 'o2', ['r2'])
    // o1 is updated again: now o2 is the one used longest ago.
    store(ledger, 'o1', ['r1', 'r1b'])
    store(ledger, 'o3', ['r3'])
    expect(ledger.size()).toBe(2)
    expect(ledger.heldFor('o2')).toBeUndefined()
    expect(ledger.heldFor('o1')).toEqual(['r1', 'r1b'])
    expect(ledger.heldFor('o3')).toEqual(['r3'])
    // A forgotten order is not compared: its next version names nothing.
    expect(ledger.announce('o2', [], {})).toEqual([])
    expect(ledger.announce('o1', [], {})).toEqual(['r1', 'r1b'])
  })

  it('keeps a frequently updated order among 10,000 others', () => {
    const ledger = createBaiduAfterSaleLedger(10_000)
    store(ledger, 'busy', ['r0'])
    for (let index = 0; index < 20_000; index += 1) {
      store(ledger, `other-${index}`, ['r'])
      if (index % 1_000 === 0) store(ledger, 'busy', ['r0'])
    }
    expect(ledger.size()).toBe(10_000)
    expect(ledger.heldFor('busy')).toEqual(['r0'])
    expect(ledger.heldFor('other-0')).toBeUndefined()
  })

  it('compares each version with the one announced before it while both are in flight', () => {
    const ledger = createBaiduAfterSaleLedger(10)
    const [v1, v2, v3] = [{}, {}, {}]
    expect(ledger.announce('o1', ['r1', 'r2'], v1)).toEqual([])
    expect(ledger.announce('o1', ['r1'], v2)).toEqual(['r2'])
    expect(ledger.announce('o1', ['r1'], v3)).toEqual([])
    expect(ledger.settle('o1', ['r1', 'r2'], v1, 'stored')).toEqual([])
    expect(ledger.settle('o1', ['r1'], v2, 'stored')).toEqual([])
    expect(ledger.settle('o1', ['r1'], v3, 'stored')).toEqual([])
    expect(ledger.heldFor('o1')).toEqual(['r1'])
  })

  it('names on its answer what a stored version erased that its announcement could not: the version before it was not stored', () => {
    const ledger = createBaiduAfterSaleLedger(10)
    store(ledger, 'o1', ['r1', 'r2'])
    const [v2, v3] = [{}, {}]
    expect(ledger.announce('o1', ['r1'], v2)).toEqual(['r2'])
    expect(ledger.announce('o1', ['r1'], v3)).toEqual([])
    expect(ledger.settle('o1', ['r1'], v2, 'not_stored')).toEqual([])
    expect(ledger.heldFor('o1')).toEqual(['r1', 'r2'])
    expect(ledger.settle('o1', ['r1'], v3, 'stored')).toEqual(['r2'])
  })

  it('counts the after-sale orders of an uncertain delivery as possibly held', () => {
    const ledger = createBaiduAfterSaleLedger(10)
    store(ledger, 'o1', ['r1'])
    const uncertain = {}
    ledger.announce('o1', ['r1', 'r2'], uncertain)
    expect(ledger.settle('o1', ['r1', 'r2'], uncertain, 'uncertain')).toEqual([])
    expect(ledger.heldFor('o1')).toEqual(['r1', 'r2'])
    expect(ledger.announce('o1', ['r1'], {})).toEqual(['r2'])
  })

  it('counts after-sale orders appended or updated through the after-sale endpoints', () => {
    const ledger = createBaiduAfterSaleLedger(10)
    store(ledger, 'o1', ['r1'])
    ledger.append('o1', ['r2'])
    ledger.append('never-stored', ['x1'])
    expect(ledger.heldFor('o1')).toEqual(['r1', 'r2'])
    expect(ledger.announce('o1', ['r1'], {})).toEqual(['r2'])
    expect(ledger.announce('never-stored', [], {})).toEqual(['x1'])
  })

  it('refuses a capacity below 1', () => {
    expect(() => createBaiduAfterSaleLedger(0)).toThrow(
      'the after-sale ledger holds at least 1 order, got 0',
    )
  })
})

describe('after_sales_erased warnings', () => {
  it('name at most five ids and count the rest, and nothing for nothing erased', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g']
    expect(afterSalesLeftOutWarning('o1', 0, ids, ['afterSales'])).toEqual([
      {
        path: ['afterSales'],
        code: 'after_sales_erased',
        message:
          'lists 0 after-sale order(s) and leaves out "a", "b", "c", "d", "e" and 2 more, which Baidu holds or will hold for order "o1" from an earlier version this client sent: add/main/info overwrites the whole record (全量覆盖), so storing this version erases them — send every version of an order with its whole after-sale history',
      },
    ])
    expect(afterSalesErasedWarning('o1', ['r2'], ['afterSales'])).toEqual([
      {
        path: ['afterSales'],
        code: 'after_sales_erased',
        message:
          'was stored, and add/main/info overwrites the whole record (全量覆盖): Baidu no longer holds "r2" for order "o1", after-sale orders an earlier call of this client had it store, known only once this version was prepared — send every version of an order with its whole after-sale history',
      },
    ])
    expect(afterSalesLeftOutWarning('o1', 1, [], ['afterSales'])).toEqual([])
    expect(afterSalesErasedWarning('o1', [], ['afterSales'])).toEqual([])
  })
})

describe('overwriteResultOfFailure', () => {
  it('reads a failure as core reads its delivery', () => {
    const apiError = (delivery: 'not_sent' | 'rejected' | 'uncertain') =>
      new ApiCallError({
        platform: 'baidu',
        endpoint: '/x',
        reason: 'r',
        retryable: false,
        delivery,
      })
    expect(overwriteResultOfFailure(apiError('uncertain'))).toBe('uncertain')
    expect(overwriteResultOfFailure(apiError('not_sent'))).toBe('not_stored')
    expect(overwriteResultOfFailure(apiError('rejected'))).toBe('not_stored')
    expect(
      overwriteResultOfFailure(new AuthenticationError({ platform: 'baidu', reason: 'no' })),
    ).toBe('not_stored')
    expect(
      overwriteResultOfFailure(
        new ValidationError({ platform: 'baidu', subject: 's', issues: [] }),
      ),
    ).toBe('not_stored')
    expect(overwriteResultOfFailure(new TypeError('fetch failed'))).toBe('uncertain')
  })
})
