import { md5 } from '@noble/hashes/legacy.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { hashYoushuPhone } from './youshu-wire-values.ts'

const phones = ['13800138000', ' 13800138000\n', '+86 138 0013 8000', '', '電話 13800138000', '😀']

/** The digest by @noble/hashes alone: the lowercase hex of the trimmed text's UTF-8 bytes. */
const byNoble = (value: string, algorithm: 'sha256' | 'md5'): string => {
  const input = utf8ToBytes(value.trim())
  return bytesToHex(algorithm === 'sha256' ? sha256(input) : md5(input))
}

describe('hashYoushuPhone', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.resetModules()
  })

  it('gives the lowercase hex SHA-256 or MD5 of the trimmed number', () => {
    expect(hashYoushuPhone(' 13800138000 ', 'sha256')).toBe(
      'a6942f9771d67f34034d2f1926988ed3fad3bf1b4e7cedb9a31f31398dea43bc',
    )
    expect(hashYoushuPhone('13800138000', 'md5')).toBe('7945bd83237335e5376ff44d62e4f0ae')
  })

  it('gives on Node (its own crypto) what @noble/hashes gives, for any text', () => {
    for (const phone of phones) {
      expect(hashYoushuPhone(phone, 'sha256')).toBe(byNoble(phone, 'sha256'))
      expect(hashYoushuPhone(phone, 'md5')).toBe(byNoble(phone, 'md5'))
    }
  })

  it('gives the same where the runtime has no node:crypto (browsers, edge runtimes)', async () => {
    vi.stubGlobal('process', { ...process, getBuiltinModule: undefined })
    vi.resetModules()
    const fresh = await import('./youshu-wire-values.ts')
    for (const phone of phones) {
      expect(fresh.hashYoushuPhone(phone, 'sha256')).toBe(byNoble(phone, 'sha256'))
      expect(fresh.hashYoushuPhone(phone, 'md5')).toBe(byNoble(phone, 'md5'))
    }
  })

  it('falls back to JavaScript for an algorithm the runtime refuses (MD5 under FIPS)', async () => {
    const refusing = vi.fn((algorithm: string, data: string, encoding: 'hex') => {
      if (algorithm === 'md5') throw new Error('Digest method not supported')
      return `native:${algorithm}:${data}:${encoding}`
    })
    vi.stubGlobal('process', {
      ...process,
      getBuiltinModule: (id: string) => (id === 'node:crypto' ? { hash: refusing } : undefined),
    })
    vi.resetModules()
    const fresh = await import('./youshu-wire-values.ts')
    expect(fresh.hashYoushuPhone('13800138000', 'md5')).toBe('7945bd83237335e5376ff44d62e4f0ae')
    expect(fresh.hashYoushuPhone(' 13800138000', 'sha256')).toBe('native:sha256:13800138000:hex')
    // The probe runs once per algorithm, not once per phone.
    fresh.hashYoushuPhone('13900000000', 'md5')
    expect(refusing.mock.calls.filter(([algorithm]) => algorithm === 'md5')).toHaveLength(1)
  })
})
