import { ApiCallError, type OrderSyncResult, ValidationError } from '@ordersync/core'
import { describe, expect, it } from 'vitest'
import { describeSyncResult } from './describe-sync-result.ts'

// The states the browser test cannot make the sandbox produce (an Alipay+ "accepted", a partial
// delivery, a skip), and the rule that "may have stored" belongs to uncertain and partial only.
const succeeded = (accepted: boolean): OrderSyncResult => ({
  index: 0,
  orderId: 'o-1',
  status: 'succeeded',
  platformIds: {},
  warnings: [],
  accepted,
})
const failed = (delivery: 'not_sent' | 'rejected' | 'uncertain' | 'partial'): OrderSyncResult => ({
  index: 0,
  orderId: 'o-1',
  status: 'failed',
  delivery,
  warnings: [],
  error: new ApiCallError({
    platform: 'alipayplus',
    endpoint: '/sync',
    reason: 'no answer',
    retryable: true,
    delivery: delivery === 'partial' ? 'uncertain' : delivery,
  }),
})

describe('describeSyncResult', () => {
  it('names an Alipay+ "accepted" (resultStatus A) for what it is, and a plain success "stored"', () => {
    expect(describeSyncResult('Alipay+', succeeded(true), false)).toMatchObject({
      state: 'accepted_for_processing',
      badge: 'Synced · accepted for processing',
      summary:
        'Alipay+ accepted the order for processing: it answered “accepted” (Alipay+’s resultStatus A) rather than “stored” (S).',
      fields: [
        { name: 'status', value: 'succeeded' },
        {
          name: 'accepted',
          value: 'true',
          meaning: 'taken for later processing (Alipay+’s resultStatus A), not stored at once',
        },
      ],
    })
    expect(describeSyncResult('Alipay+', succeeded(false), false)).toMatchObject({
      state: 'synced',
      badge: 'Synced',
      summary: 'Alipay+ stored the order.',
    })
  })

  it.each([
    ['not_sent', 'Not sent', false],
    ['rejected', 'Rejected', false],
    ['uncertain', 'Uncertain', true],
    ['partial', 'Partly stored', true],
  ] as const)('a %s failure is "%s"; it says "may have stored": %s', (delivery, badge, mayHold) => {
    const view = describeSyncResult('Alipay+', failed(delivery), false)
    expect([view.state, view.badge, view.delivery]).toEqual([delivery, badge, delivery])
    expect(view.summary.includes('may have stored')).toBe(mayHold)
    expect(view.failure).toMatch(/^\[ordersync\] \[alipayplus\] \/sync: no answer/)
  })

  it('keeps a refusal to its paths: no failure line that repeats them', () => {
    const error = new ValidationError({
      subject: 'order "o-1" for Alipay+',
      issues: [{ path: ['merchant'], message: 'is required', code: 'alipayplus_rule' }],
    })
    const view = describeSyncResult(
      'Alipay+',
      { index: 0, orderId: 'o-1', status: 'failed', delivery: 'not_sent', warnings: [], error },
      false,
    )
    expect(view.failure).toBeUndefined()
    expect(view.errors).toEqual([
      { path: 'merchant', message: 'is required', code: 'alipayplus_rule' },
    ])
  })

  it('says "not yet" once, in the summary, pointing to the platform\'s own reason', () => {
    const view = describeSyncResult('Wixtar', failed('not_sent'), true)
    expect([view.state, view.badge, view.failure]).toEqual([
      'not_reportable_yet',
      'Not reportable yet',
      undefined,
    ])
    expect(view.summary).toBe(
      'Nothing was sent: Wixtar cannot take this order yet (the reason is below). Sync it again once that has changed.',
    )
  })

  it('says a skipped order was never sent, and why', () => {
    const view = describeSyncResult(
      'Baidu',
      { index: 0, orderId: 'o-1', status: 'skipped', reason: 'stale_version', warnings: [] },
      false,
    )
    expect([view.state, view.badge, view.summary]).toEqual([
      'skipped',
      'Skipped',
      'Nothing was sent: the SDK skipped the order.',
    ])
    expect(view.fields[1]).toEqual({
      name: 'reason',
      value: 'stale_version',
      meaning: 'why the SDK did not send it',
    })
  })
})
