import { describe, expect, it } from 'vitest'
import { requireSetting } from './require-setting.ts'

describe('requireSetting', () => {
  it('returns a present setting and names a missing one without echoing values', () => {
    expect(requireSetting({ appId: 'bi123' }, 'appId', 'youshu')).toBe('bi123')
    expect(() => requireSetting({}, 'appSecret', 'youshu')).toThrow(
      '[ordersync] [youshu] invalid appSecret: is required and must be a non-empty string (got nothing)',
    )
    expect(() => requireSetting({ appSecret: '  ' }, 'appSecret', 'youshu')).toThrow(
      '(got a blank string)',
    )
    expect(() => requireSetting({ appSecret: 42 }, 'appSecret', 'youshu')).toThrow('(got number)')
  })
})
