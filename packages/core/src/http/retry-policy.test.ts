import { describe, expect, it } from 'vitest'
import { backoffDelay, defaultRetryPolicy, parseRetryAfter, planRetry } from './retry-policy.ts'

const half = () => 0.5

describe('planRetry', () => {
  it('waits full-jitter backoff: a random share of min(maxDelayMs, initialDelayMs × 2^(n−1))', () => {
    const policy = { ...defaultRetryPolicy, maxAttempts: 10 }
    const delays = [1, 2, 3, 4, 5, 6, 7].map(
      (attempt) => planRetry(policy, { attempt, elapsedMs: 0 }, half) as { delayMs: number },
    )
    expect(delays.map((plan) => plan.delayMs)).toEqual([125, 250, 500, 1000, 2000, 4000, 4000])
    expect(planRetry(policy, { attempt: 3, elapsedMs: 0 }, () => 0.999)).toEqual({
      delayMs: backoffDelay(policy, 3, () => 0.999),
    })
  })

  it("waits the platform's Retry-After exactly, without jitter", () => {
    expect(
      planRetry(defaultRetryPolicy, { attempt: 1, elapsedMs: 0, retryAfterMs: 1000 }, half),
    ).toEqual({ delayMs: 1000 })
  })

  it('stops at retry.maxAttempts, at a Retry-After beyond retry.maxRetryAfterMs, and at the budget', () => {
    expect(planRetry(defaultRetryPolicy, { attempt: 4, elapsedMs: 0 }, half)).toEqual({
      stopReason: 'gave up after 4 attempts (retry.maxAttempts)',
    })
    expect(
      planRetry(defaultRetryPolicy, { attempt: 1, elapsedMs: 0, retryAfterMs: 30_001 }, half),
    ).toEqual({
      stopReason: 'the platform asked to wait 30001 ms, more than retry.maxRetryAfterMs',
    })
    // A wait that ends exactly at the budget starts; one that ends past it does not.
    expect(planRetry(defaultRetryPolicy, { attempt: 1, elapsedMs: 59_875 }, half)).toEqual({
      delayMs: 125,
    })
    expect(planRetry(defaultRetryPolicy, { attempt: 1, elapsedMs: 59_876 }, half)).toEqual({
      stopReason: 'waiting 125 ms more would exceed retry.maxElapsedMs (60000 ms)',
    })
  })
})

describe('parseRetryAfter', () => {
  it('reads delay-seconds and an HTTP date, and nothing else', () => {
    const now = Date.parse('2024-05-20T02:00:00Z')
    expect(parseRetryAfter('2', now)).toBe(2000)
    expect(parseRetryAfter('Mon, 20 May 2024 02:00:30 GMT', now)).toBe(30_000)
    expect(parseRetryAfter('Mon, 20 May 2024 01:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(null, now)).toBeUndefined()
  })
})
