import { describe, expect, it } from 'vitest'
import { isRetryableHttpStatus } from './is-retryable-http-status.ts'

describe('isRetryableHttpStatus', () => {
  it('is true for 408, 429 and every 5xx, and false for the rest', () => {
    const retryable = Array.from({ length: 500 }, (_, index) => 100 + index).filter(
      isRetryableHttpStatus,
    )
    expect(retryable).toEqual([408, 429, ...Array.from({ length: 100 }, (_, index) => 500 + index)])
  })
})
