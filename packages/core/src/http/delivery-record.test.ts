import { describe, expect, it, vi } from 'vitest'
import { createRedactor } from '../ground/redact.ts'
import { DeliveryRecord } from './delivery-record.ts'

describe('DeliveryRecord', () => {
  it('says not_sent until an answer came, rejected after one, uncertain once an attempt may have been stored', () => {
    const record = new DeliveryRecord(true)
    expect(record.delivery).toBe('not_sent')
    record.noteAnswered()
    expect(record.delivery).toBe('rejected')
    record.noteMayBeStored()
    expect(record.delivery).toBe('uncertain')
  })

  it('says not_sent, whatever happened, for a call that does not carry the order', () => {
    const record = new DeliveryRecord(false)
    record.noteAnswered()
    record.noteMayBeStored()
    expect(record.delivery).toBe('not_sent')
  })

  it('gives back the delay after each attempt, and redacts only the failure texts that are not its own', () => {
    const record = new DeliveryRecord(true)
    record.add({ attempt: 1, failure: 'echo 13812345678', delayMs: 125 }, false)
    record.add({ attempt: 2, failure: 'HTTP 503', delayMs: 250 }, true)
    expect([record.delayAfter(1), record.delayAfter(2), record.delayAfter(3)]).toEqual([
      125, 250, 0,
    ])
    const redactor = vi.fn(() => createRedactor())
    expect(record.attempts(redactor).map((entry) => entry.failure)).toEqual([
      'echo [redacted]',
      'HTTP 503',
    ])
    expect(redactor).toHaveBeenCalledTimes(1)
  })
})
