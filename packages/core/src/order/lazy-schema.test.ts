import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { lazySchema } from './lazy-schema.ts'

// A lazy schema must be indistinguishable from the schema it builds: the same answers, issues,
// paths and messages, the same methods, shape and composition; and it must build nothing before
// it is used, and only once.

const build = () =>
  z.strictObject({
    id: z.string().min(1, 'must not be empty'),
    count: z.number().int().positive().optional(),
    tags: z.array(z.enum(['a', 'b'])).optional(),
  })

const inputs: unknown[] = [
  { id: 'x' },
  { id: 'x', count: 2, tags: ['a'] },
  { id: '' },
  { id: 'x', count: 0, tags: ['c'], extra: 1 },
  {},
  null,
  'text',
]

describe('lazySchema', () => {
  it('builds nothing until it is used, then builds once', () => {
    let builds = 0
    const lazy = lazySchema(() => {
      builds += 1
      return build()
    })
    expect(builds).toBe(0)
    lazy.safeParse({ id: 'x' })
    lazy.parse({ id: 'y' })
    expect(builds).toBe(1)
  })

  it('answers every input as the schema itself, issues and paths included', () => {
    const eager = build()
    const lazy = lazySchema(build)
    for (const input of inputs) {
      expect(lazy.safeParse(input), JSON.stringify(input)).toStrictEqual(eager.safeParse(input))
    }
    expect(() => lazy.parse({})).toThrow(z.ZodError)
  })

  it('is the schema for methods, shape, instanceof, composition and Standard Schema', () => {
    const eager = build()
    const lazy = lazySchema(build)
    expect(lazy).toBeInstanceOf(z.ZodObject)
    expect(Object.keys(lazy.shape)).toEqual(['id', 'count', 'tags'])
    expect(lazy.optional().safeParse(undefined)).toStrictEqual({ success: true, data: undefined })
    expect(lazy.safeParse).toBe(lazy.safeParse)
    const outer = z.strictObject({ inner: lazy, list: z.array(lazy).optional() })
    const eagerOuter = z.strictObject({ inner: eager, list: z.array(eager).optional() })
    for (const input of inputs) {
      const wrapped = { inner: input, list: [input] }
      expect(outer.safeParse(wrapped)).toStrictEqual(eagerOuter.safeParse(wrapped))
    }
    expect(lazy['~standard'].validate({ id: '' })).toStrictEqual(
      eager['~standard'].validate({ id: '' }),
    )
    expect(z.toJSONSchema(lazy)).toStrictEqual(z.toJSONSchema(eager))
    expect('shape' in lazy).toBe(true)
  })
})
