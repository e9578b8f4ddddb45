import { describe, expect, it } from 'vitest'
import { CliError } from '../cli-error.ts'
import { findInstalledPlatforms, knownPlatformIds, requireInstalled } from './find-platforms.ts'

describe('the platforms the command finds', () => {
  it('knows the platform packages it may be installed beside (its optional peers)', () => {
    expect(knownPlatformIds()).toEqual([
      'alipayplus',
      'baidu',
      'wechat',
      'wechat-shipping',
      'wixtar',
      'youshu',
    ])
  })

  it('finds the platform packages installed where Node would, and no other package', () => {
    const installed = findInstalledPlatforms(process.cwd())
    expect([...installed.keys()]).toEqual(expect.arrayContaining(knownPlatformIds()))
    for (const name of ['core', 'sandbox', 'cli', 'queue', 'redis-token-store'])
      expect(installed.has(name)).toBe(false)
    expect(installed.get('youshu')).toMatchObject({
      id: 'youshu',
      packageName: '@ordersync/youshu',
    })
  })

  it('says which package to install when a platform it knows is missing', () => {
    expect(() => requireInstalled('baidu', new Map())).toThrow(
      new CliError(
        'the platform baidu is not installed: npm install @ordersync/baidu (beside @ordersync/cli)',
      ),
    )
    expect(() => requireInstalled('baido', new Map())).toThrow(
      new CliError(
        'unknown platform "baido": ordersync knows alipayplus, baidu, wechat, wechat-shipping, wixtar, youshu',
      ),
    )
  })
})
