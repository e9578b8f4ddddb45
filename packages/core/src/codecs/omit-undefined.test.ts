import { expect, it } from 'vitest'
import { omitUndefined } from './omit-undefined.ts'

it('drops undefined keys and keeps every other value, falsy ones included', () => {
  expect(omitUndefined({ a: 1, b: undefined, c: 0, d: '', e: null, f: false })).toEqual({
    a: 1,
    c: 0,
    d: '',
    e: null,
    f: false,
  })
  expect('b' in omitUndefined({ b: undefined })).toBe(false)
})
