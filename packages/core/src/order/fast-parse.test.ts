import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  arbitraryOrder,
  arbitraryWideOrder,
  type RandomIntegers,
  seededIntegers,
} from '../fixtures/index.ts'
import { richSampleOrder, sampleOrder } from '../test/sample-orders.ts'
import { compileFastParse, fastParseFailed } from './fast-parse.ts'
import { orderObject, orderSchema } from './order-schema.ts'
import { toValidationIssues, validateOrder } from './parse-order.ts'

// The fast path must return exactly what zod returns for every input it accepts, and give up on
// everything else; validateOrder must then answer exactly as orderSchema alone would. These tests
// hold the two against each other on valid orders and on orders broken in every way at random.

const fast = compileFastParse(orderObject)
const interpreted = compileFastParse(orderObject, { generateCode: false })

/** orderSchema alone, shaped as validateOrder answers. */
function zodAnswer(input: unknown) {
  const result = orderSchema.safeParse(input)
  return result.success
    ? { success: true, order: result.data }
    : { success: false, issues: toValidationIssues(result.error.issues) }
}

function validateAnswer(input: unknown) {
  const result = validateOrder(input)
  return result.success
    ? { success: true, order: result.order }
    : { success: false, issues: result.error.issues }
}

/** Deep equality, and the same keys in the same order everywhere (JSON shows the order). */
function expectSameAnswer(input: unknown, label: string): void {
  const expected = zodAnswer(input)
  const actual = validateAnswer(input)
  expect(actual, label).toStrictEqual(expected)
  expect(JSON.stringify(actual), label).toBe(JSON.stringify(expected))
}

type Node = Record<string | number, unknown>

/** Every object and array in the tree, with the path to it. */
function containers(value: unknown, path: (string | number)[] = []): [Node, string[]][] {
  if (typeof value !== 'object' || value === null || value instanceof Date) return []
  const found: [Node, string[]][] = [[value as Node, path.map(String)]]
  for (const [key, child] of Object.entries(value)) found.push(...containers(child, [...path, key]))
  return found
}

class Row {
  readonly amount = 1
  readonly currency = 'CNY'
}

const replacements: (() => unknown)[] = [
  () => undefined,
  () => null,
  () => '',
  () => 'x',
  () => '\ud800',
  () => '😀',
  () => 0,
  () => -0,
  () => -1,
  () => 1.5,
  () => Number.NaN,
  () => Number.POSITIVE_INFINITY,
  () => 2 ** 53,
  () => true,
  () => [],
  () => ({}),
  () => Object.create(null),
  () => new Row(),
  () => new Date(Number.NaN),
  () => new Date(0),
  () => 1_716_170_400_000,
  () => '2024-05-20T10:00:00',
  () => '2024-05-20T10:00:00Z',
  () => ({ amount: 1, currency: 'CNY' }),
  () => ({ amount: 1, currency: 'USD' }),
  () => 'CNY',
  () => 'paid',
  () => 'item',
]

/** Breaks `input` at random: a value replaced or deleted, a key added, a prototype changed. */
function mutate(input: unknown, random: RandomIntegers): unknown {
  const copy = structuredClone(input)
  const times = random.integer(1, 3)
  for (let done = 0; done < times; done += 1) {
    const all = containers(copy)
    const [target] = all[random.integer(0, all.length - 1)] ?? []
    if (target === undefined) continue
    const keys = Object.keys(target)
    const key = keys[random.integer(0, Math.max(0, keys.length - 1))] ?? 'id'
    const make = replacements[random.integer(0, replacements.length - 1)] ?? (() => null)
    switch (random.integer(0, 7)) {
      case 0:
        delete target[key]
        break
      case 1:
        target.extra = make()
        break
      case 2:
        // Not enumerable: zod reads a shape key held this way, and ignores an unknown one.
        Object.defineProperty(target, random.integer(0, 1) === 0 ? key : 'hidden', {
          value: make(),
          enumerable: false,
          writable: true,
          configurable: true,
        })
        break
      case 3:
        Object.setPrototypeOf(target, random.integer(0, 1) === 0 ? null : Row.prototype)
        break
      case 4:
        Object.defineProperty(target, '__proto__', {
          value: make(),
          enumerable: true,
          writable: true,
          configurable: true,
        })
        break
      default:
        target[key] = make()
    }
  }
  return copy
}

describe('validateOrder answers as orderSchema alone', () => {
  it('compiles the canonical order schema (else every order pays for zod)', () => {
    expect(fast).toBeTypeOf('function')
  })

  it('on the sample orders and on random valid ones, taking the fast path', () => {
    const refunded = {
      ...sampleOrder,
      id: 'refunded-1',
      status: 'refunded',
      afterSales: [
        {
          id: 'refund-1',
          type: 'refund_only',
          status: 'succeeded',
          createdAt: '2024-05-20T11:00:00+08:00',
          modifiedAt: '2024-05-20T11:30:00+08:00',
          refundAmount: { amount: 10000, currency: 'CNY' },
        },
      ],
    }
    const inputs: [string, unknown][] = Object.entries({ sampleOrder, richSampleOrder, refunded })
    for (let seed = 1; seed <= 200; seed += 1) {
      inputs.push([`arbitraryOrder ${seed}`, arbitraryOrder(seededIntegers(seed), `o-${seed}`)])
      inputs.push([
        `arbitraryWideOrder ${seed}`,
        arbitraryWideOrder(seededIntegers(seed), `w-${seed}`, seed % 2 === 0 ? 'USD' : 'KRW'),
      ])
    }
    for (const [label, input] of inputs) {
      expect(fast?.(input), label).not.toBe(fastParseFailed)
      expectSameAnswer(input, label)
    }
  })

  it('on 3,000 orders broken at random: the same order, or the same issues', () => {
    let accepted = 0
    for (let seed = 1; seed <= 3000; seed += 1) {
      const random = seededIntegers(seed)
      const input = mutate(arbitraryWideOrder(random, `m-${seed}`), random)
      const parsed = fast?.(input)
      // Without code generation (runtimes that forbid it), the same answer.
      expect(interpreted?.(input), `seed ${seed}`).toStrictEqual(parsed)
      if (parsed !== fastParseFailed) {
        accepted += 1
        const result = orderObject.safeParse(input)
        expect(result.success, `seed ${seed}`).toBe(true)
        expect(parsed, `seed ${seed}`).toStrictEqual(result.data)
      }
      expectSameAnswer(input, `seed ${seed}`)
    }
    // Some mutations keep the order valid (an optional field deleted, a value swapped for a valid
    // one): the fast path must have taken those.
    expect(accepted).toBeGreaterThan(100)
  })

  it('with Object.prototype written to, as zod reads it', () => {
    const input = arbitraryWideOrder(seededIntegers(3), 'polluted')
    const prototype = Object.prototype as Record<string, unknown>
    try {
      prototype.title = 'from the prototype'
      expectSameAnswer(input, 'title on Object.prototype')
    } finally {
      delete prototype.title
    }
  })

  it('on a getter that throws: the unreadable issue, from zod', () => {
    const input = {
      ...arbitraryOrder(seededIntegers(5), 'getter'),
      get title(): string {
        throw new Error('lazy relation not loaded')
      },
    }
    const result = validateOrder(input)
    expect(result.success ? [] : result.error.issues.map((issue) => issue.code)).toEqual([
      'unreadable',
    ])
  })
})

describe('compileFastParse, kind by kind, against zod', () => {
  const inputs: unknown[] = [
    undefined,
    null,
    '',
    'a',
    'ab',
    '😀',
    '\ud800',
    0,
    1,
    2,
    8,
    9,
    -1,
    1.5,
    2 ** 53,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    true,
    new Date(0),
    new Date(Number.NaN),
    [],
    [1, 2],
    ['a', ''],
    {},
    { a: 'x' },
    { a: 'x', b: 1 },
    { a: undefined },
    { b: 1 },
    Object.create(null),
    Object.assign(Object.create(null), { a: 'x' }),
    new Row(),
  ]
  const schemas: [string, unknown][] = [
    ['string', z.string()],
    ['string min 2 (code points)', z.string().min(2)],
    ['string regex', z.string().regex(/^\d+$/)],
    ['number', z.number()],
    ['int, positive', z.number().int().positive()],
    ['nonnegative', z.number().nonnegative()],
    ['refined', z.number().refine((value) => value !== 0)],
    ['boolean', z.boolean()],
    ['date', z.date()],
    ['enum', z.enum(['a', 'ab'])],
    ['optional', z.string().optional()],
    ['array min 1', z.array(z.number()).min(1)],
    ['strict object', z.strictObject({ a: z.string(), b: z.number().optional() })],
    ['stripping object', z.object({ a: z.string().optional() })],
    ['refined object', z.strictObject({ b: z.number() }).refine((value) => value.b > 0)],
    ['record', z.record(z.string(), z.number())],
    ['union', z.union([z.string(), z.number()])],
    ['pipe into transform', z.string().transform((value) => value.length)],
    ['int between 1 and 8', z.number().int().min(1).max(8)],
    ['less than', z.number().lt(2)],
    ['literal', z.literal([1, 2, 'a'])],
    ['union of literals', z.union([z.literal(0), z.literal(1)])],
    [
      'pipe into a schema',
      z
        .number()
        .int()
        .min(1)
        .max(8)
        .pipe(z.literal([1, 2, 9])),
    ],
  ]
  for (const [name, schema] of schemas) {
    it.each([true, false])(
      `${name}: zod's output where it vouches (generated code: %s)`,
      (generateCode) => {
        const parse = compileFastParse(schema, { generateCode })
        if (parse === undefined) throw new Error(`${name} did not compile`)
        inputs.forEach((input, index) => {
          const expected = (schema as z.ZodType).safeParse(input)
          const actual = parse(input)
          const label = `${name} on input ${index}`
          if (actual !== fastParseFailed) {
            expect(expected.success, label).toBe(true)
            expect(actual, label).toStrictEqual(expected.data)
          }
          // It may give up on anything, but valid plain data takes the fast path.
          const plain =
            !(input instanceof Row) && !(input instanceof Date && name.includes('object'))
          if (expected.success && plain) expect(actual, label).not.toBe(fastParseFailed)
        })
      },
    )
  }

  it('leaves what it does not mirror to zod', () => {
    expect(compileFastParse(z.string().default('x'))).toBeUndefined()
    expect(compileFastParse(z.lazy(() => z.string()))).toBeUndefined()
    expect(compileFastParse(z.string().max(3))).toBeUndefined()
    expect(compileFastParse(z.strictObject({}).superRefine(() => undefined))).toBeUndefined()
    expect(compileFastParse(z.looseObject({ a: z.string() }))).toBeUndefined()
    // A codec is a pipe with functions of its own between its two schemas.
    expect(
      compileFastParse(z.codec(z.string(), z.number(), { decode: Number, encode: String })),
    ).toBeUndefined()
    expect(compileFastParse(z.stringbool())).toBeUndefined()
  })
})
