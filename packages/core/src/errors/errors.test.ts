import { describe, expect, it, vi } from 'vitest'
import { ApiCallError } from './api-call-error.ts'
import { AuthenticationError } from './authentication-error.ts'
import { InvalidArgumentError } from './invalid-argument-error.ts'
import { OrderSyncError } from './order-sync-error.ts'
import { UnsupportedMappingError } from './unsupported-mapping-error.ts'
import { formatIssuePath, ValidationError } from './validation-error.ts'

type ErrorsModule = typeof import('./index.ts')

async function loadFreshCopy(): Promise<ErrorsModule> {
  vi.resetModules()
  return import('./index.ts')
}

describe('errors', () => {
  it('are recognised across two copies of core loaded side by side', async () => {
    const first = await loadFreshCopy()
    const second = await loadFreshCopy()
    expect(first.OrderSyncError).not.toBe(second.OrderSyncError)

    const fromFirst = new first.ValidationError({
      subject: 'order',
      issues: [{ path: ['id'], message: 'x', code: 'c' }],
    })
    expect(fromFirst instanceof second.OrderSyncError).toBe(false)
    expect(second.OrderSyncError.isInstance(fromFirst)).toBe(true)
    expect(second.ValidationError.isInstance(fromFirst)).toBe(true)
    expect(second.ApiCallError.isInstance(fromFirst)).toBe(false)

    const apiError = new second.ApiCallError({
      platform: 'wechat',
      endpoint: '/shop/order/add',
      reason: 'x',
      retryable: true,
    })
    expect(first.ApiCallError.isInstance(apiError)).toBe(true)
    expect(first.OrderSyncError.isInstance(apiError)).toBe(true)
    expect(first.AuthenticationError.isInstance(apiError)).toBe(false)
  })

  it('tells each subclass apart, and plain values from errors', () => {
    const errors = [
      new InvalidArgumentError({ argument: 'text', reason: 'r' }),
      new ValidationError({ subject: 'order', issues: [] }),
      new ApiCallError({ platform: 'youshu', endpoint: '/e', reason: 'r', retryable: false }),
      new AuthenticationError({ platform: 'baidu', reason: 'r' }),
      new UnsupportedMappingError({ platform: 'alipayplus', path: ['status'], reason: 'r' }),
    ]
    const guards = [
      InvalidArgumentError,
      ValidationError,
      ApiCallError,
      AuthenticationError,
      UnsupportedMappingError,
    ]
    errors.forEach((error, index) => {
      expect(OrderSyncError.isInstance(error)).toBe(true)
      expect(error).toBeInstanceOf(Error)
      guards.forEach((guard, guardIndex) => {
        expect(guard.isInstance(error)).toBe(index === guardIndex)
      })
    })
    for (const value of [new Error('x'), null, undefined, 'error', { name: 'OrderSyncError' }]) {
      expect(OrderSyncError.isInstance(value)).toBe(false)
    }
  })

  it('start their messages with [ordersync] [platform] and keep the cause', () => {
    const cause = new Error('socket hang up')
    const error = new ApiCallError({
      platform: 'wechat',
      endpoint: '/shop/order/add',
      reason: 'system busy',
      platformCode: -1,
      retryable: true,
      cause,
      attempts: [
        { attempt: 1, httpStatus: 200, platformCode: -1, failure: 'errcode -1', delayMs: 200 },
        { attempt: 2, failure: 'connection reset', delayMs: 400 },
        { attempt: 3, httpStatus: 200, platformCode: -1, failure: 'errcode -1', delayMs: 0 },
      ],
    })
    expect(error.message).toBe(
      '[ordersync] [wechat] /shop/order/add: system busy (-1) after 3 attempts',
    )
    expect(error.cause).toBe(cause)
    expect(error.totalDelayMs).toBe(600)
    expect(error.name).toBe('ApiCallError')
    expect(
      new InvalidArgumentError({ argument: 'retry.maxAttempts', reason: 'must be at least 1' })
        .message,
    ).toBe('[ordersync] [core] invalid retry.maxAttempts: must be at least 1')
    expect(
      new UnsupportedMappingError({ platform: 'alipayplus', path: ['status'], reason: 'r' })
        .message,
    ).toBe('[ordersync] [alipayplus] status: r')
  })

  it('formats issue paths', () => {
    expect(formatIssuePath(['lines', 0, 'unitPrice', 'amount'])).toBe('lines[0].unitPrice.amount')
    expect(formatIssuePath([])).toBe('(root)')
    expect(
      new ValidationError({
        subject: 'order',
        issues: [
          { path: ['lines', 1, 'quantity'], message: 'must be positive', code: 'too_small' },
        ],
      }).message,
    ).toBe('[ordersync] [core] order is invalid (1 problem): lines[1].quantity: must be positive')
  })
})
