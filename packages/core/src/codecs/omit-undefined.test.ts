import fc from 'fast-check'
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

it('keeps the same keys in the same order as filtering the entries would, "__proto__" as a key', () => {
  const reference = (value: object) =>
    Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined))
  fc.assert(
    fc.property(
      fc.dictionary(
        fc.oneof(fc.string(), fc.constantFrom('__proto__', '0', '10', 'constructor')),
        fc.oneof(fc.constant(undefined), fc.integer(), fc.string(), fc.constant(null)),
      ),
      (value) => {
        const result = omitUndefined(value)
        expect(Object.entries(result)).toEqual(Object.entries(reference(value)))
        expect(Object.getPrototypeOf(result)).toBe(Object.prototype)
      },
    ),
  )
  const parsed = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as object
  expect(Object.keys(omitUndefined(parsed))).toEqual(['__proto__', 'a'])
  expect((omitUndefined(parsed) as { polluted?: boolean }).polluted).toBeUndefined()
})
