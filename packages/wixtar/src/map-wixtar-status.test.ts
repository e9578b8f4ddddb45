import { orderStatuses } from '@ordersync/core'
import { describe, expect, it } from 'vitest'
import { mapWixtarStatus } from './map-wixtar-status.ts'
import { WixtarNotReportableError } from './wixtar-not-reportable-error.ts'

describe('mapWixtarStatus', () => {
  it('maps every canonical status: finished ones to a state, open ones to not reportable yet', () => {
    const table = Object.fromEntries(
      orderStatuses.map((status) => {
        try {
          const { state, warnings } = mapWixtarStatus(status)
          return [status, warnings.length === 0 ? state : `${state} (folded)`]
        } catch (error) {
          if (!WixtarNotReportableError.isInstance(error)) throw error
          expect(error.status).toBe(status)
          expect(error.code).toBe('not_reportable_yet')
          expect(error.path).toEqual(['status'])
          return [status, 'not reportable yet']
        }
      }),
    )
    expect(table).toEqual({
      created: 'not reportable yet',
      awaiting_payment: 'not reportable yet',
      payment_failed: 'not reportable yet',
      paid: 'not reportable yet',
      pending_acceptance: 'not reportable yet',
      accepted: 'not reportable yet',
      rejected: 'CANCELLED (folded)',
      preparing: 'not reportable yet',
      ready: 'not reportable yet',
      shipped: 'not reportable yet',
      delivered: 'not reportable yet',
      completed: 'COMPLETED',
      cancelled_before_payment: 'CANCELLED',
      cancelled_after_payment: 'CANCELLED',
      refunding: 'not reportable yet',
      refunded: 'CANCELLED (folded)',
      voided: 'CANCELLED (folded)',
    })
  })

  it('says what was folded', () => {
    expect(mapWixtarStatus('refunded').warnings).toEqual([
      {
        path: ['status'],
        code: 'status_folded',
        message: 'Wixtar has only COMPLETED and CANCELLED: refunded is reported as CANCELLED',
      },
    ])
  })

  it('is recognised across copies by its marker, and is an UnsupportedMappingError', async () => {
    const { UnsupportedMappingError } = await import('@ordersync/core')
    const error = new WixtarNotReportableError('paid')
    expect(UnsupportedMappingError.isInstance(error)).toBe(true)
    expect(WixtarNotReportableError.isInstance(error)).toBe(true)
    expect(
      WixtarNotReportableError.isInstance(new UnsupportedMappingError({ path: [], reason: 'x' })),
    ).toBe(false)
  })
})
