// A fast path for zod schemas on valid plain data.
//
// zod reports every problem at once, with its path and message; that costs a payload object, an
// issue list and a run of checks per node, which is most of the time of validating a canonical
// order (about 40 µs for ten lines, six times JSON.stringify of it). Nearly every order a merchant
// sends is valid. This module compiles a zod schema, once, into a plain function that answers only
// the question "is this input valid, and what does zod make of it?" for plain data (objects whose
// prototype is Object.prototype or null, arrays, primitives, Dates), and gives up (`fastParseFailed`)
// at the first doubt: any issue, any unusual object, any schema feature it does not know. The caller
// then runs zod itself, which reports the problems as before; so what zod says of an invalid order
// never changes, and a valid one comes out equal to zod's output (the same keys in the same order,
// the same values). A differential test holds the two against each other on valid, wide and mutated
// orders.
//
// It reads zod's schema definitions (`schema._zod.def`, zod's documented introspection surface), and
// mirrors zod 4's parse rules for the kinds the canonical order and the platforms' options use:
// string (min length in code points, regex), number (finite; safe integer, greater or less than,
// refinements), boolean, undefined, never, unknown, date, enum, literal, optional, array (min
// length), object (strict or stripping, object refinements), record with string keys, union (first
// option that passes) and pipe (into a transform or another schema). Anything else makes compilation return `undefined`, and zod runs alone.

/** What a compiled parser returns when it cannot vouch for the input. */
export const fastParseFailed: unique symbol = Symbol('ordersync.fast-parse-failed')

/** A compiled parser: zod's output for valid plain data, or {@link fastParseFailed}. */
export type FastParse = (value: unknown) => unknown

type Def = Readonly<Record<string, unknown>> & { readonly type: string }
type Schema = {
  readonly _zod: { readonly def: Def; readonly optin?: string; readonly optout?: string }
}
type Check = (value: never) => boolean

class Unsupported extends Error {}

const failed = fastParseFailed
const defOf = (schema: unknown): Def => (schema as Schema)._zod.def

/** Code points, as zod's min-length check counts a string (a surrogate pair is one). */
function codePoints(text: string): number {
  let count = text.length
  for (let index = 0; index < text.length - 1; index += 1) {
    if (
      (text.charCodeAt(index) & 0xfc00) === 0xd800 &&
      (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00
    ) {
      count -= 1
      index += 1
    }
  }
  return count
}

function isPlain(value: object): boolean {
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

function compileChecks(checks: unknown, kind: 'string' | 'number' | 'array' | 'object'): Check[] {
  if (checks === undefined) return []
  if (!Array.isArray(checks)) throw new Unsupported()
  return checks.map((check): Check => {
    const def = defOf(check) as Def & { readonly check?: string }
    switch (def.check) {
      case 'min_length': {
        const minimum = def.minimum
        if (typeof minimum !== 'number' || (kind !== 'string' && kind !== 'array'))
          throw new Unsupported()
        return kind === 'string'
          ? // zod counts code points where the two counts could part ways, UTF-16 units beyond
            (value: string) =>
              value.length >= minimum &&
              (value.length >= minimum * 2 || codePoints(value) >= minimum)
          : (value: unknown[]) => value.length >= minimum
      }
      case 'string_format': {
        const pattern = def.pattern
        if (kind !== 'string' || def.format !== 'regex' || !(pattern instanceof RegExp))
          throw new Unsupported()
        return (value: string) => {
          pattern.lastIndex = 0
          return pattern.test(value)
        }
      }
      case 'number_format':
        if (kind !== 'number' || def.format !== 'safeint') throw new Unsupported()
        return (value: number) => Number.isSafeInteger(value)
      case 'greater_than': {
        const bound = def.value
        if (kind !== 'number' || typeof bound !== 'number') throw new Unsupported()
        return def.inclusive === true
          ? (value: number) => value >= bound
          : (value: number) => value > bound
      }
      case 'less_than': {
        const bound = def.value
        if (kind !== 'number' || typeof bound !== 'number') throw new Unsupported()
        return def.inclusive === true
          ? (value: number) => value <= bound
          : (value: number) => value < bound
      }
      case 'custom': {
        // A refinement (`.refine(fn)`): zod fails the value when fn returns a falsy value. A
        // superRefine, a conditional (`when`) or an asynchronous check is not compiled.
        const fn = def.fn
        if (def.type !== 'custom' || def.when !== undefined || typeof fn !== 'function')
          throw new Unsupported()
        return (value: never) => {
          const result: unknown = fn(value)
          if (result instanceof Promise) throw new Unsupported()
          return Boolean(result)
        }
      }
      default:
        throw new Unsupported()
    }
  })
}

function passes(checks: readonly Check[], value: unknown): boolean {
  for (const check of checks) if (!check(value as never)) return false
  return true
}

interface Compilation {
  readonly parsers: Map<unknown, FastParse>
  readonly generateCode: boolean
}

function compileNode(schema: unknown, compiled: Compilation): FastParse {
  const known = compiled.parsers.get(schema)
  if (known !== undefined) return known
  const def = defOf(schema)
  if (def.coerce === true) throw new Unsupported()
  const noChecks = () => {
    if (def.checks !== undefined && (def.checks as unknown[]).length > 0) throw new Unsupported()
  }
  let parse: FastParse
  switch (def.type) {
    case 'string': {
      const checks = compileChecks(def.checks, 'string')
      parse = (value) => (typeof value === 'string' && passes(checks, value) ? value : failed)
      break
    }
    case 'number': {
      const checks = compileChecks(def.checks, 'number')
      parse = (value) =>
        typeof value === 'number' && Number.isFinite(value) && passes(checks, value)
          ? value
          : failed
      break
    }
    case 'boolean':
      noChecks()
      parse = (value) => (typeof value === 'boolean' ? value : failed)
      break
    case 'undefined':
      noChecks()
      parse = (value) => (value === undefined ? value : failed)
      break
    case 'never':
      parse = () => failed
      break
    case 'unknown':
      noChecks()
      parse = (value) => value
      break
    case 'date':
      noChecks()
      parse = (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value : failed)
      break
    case 'enum': {
      noChecks()
      const entries = def.entries as Record<string, unknown>
      const values = Object.values(entries)
      // A plain string enum (z.enum([...])): every entry is its own key.
      if (!Object.entries(entries).every(([key, value]) => key === value)) throw new Unsupported()
      const allowed = new Set(values)
      parse = (value) => (allowed.has(value) ? value : failed)
      break
    }
    case 'literal': {
      noChecks()
      // zod accepts a value its set of literals has (SameValueZero, as Set.has).
      const allowed = new Set(def.values as unknown[])
      parse = (value) => (allowed.has(value) ? value : failed)
      break
    }
    case 'optional': {
      const inner = def.innerType as Schema
      if (defOf(inner).type === 'default' || inner._zod.optin === 'defaulted')
        throw new Unsupported()
      const parseInner = compileNode(inner, compiled)
      parse = (value) => (value === undefined ? undefined : parseInner(value))
      break
    }
    case 'array': {
      const checks = compileChecks(def.checks, 'array')
      const element = compileNode(def.element, compiled)
      parse = (value) => {
        if (!Array.isArray(value)) return failed
        const output = new Array(value.length)
        for (let index = 0; index < value.length; index += 1) {
          const item = element(value[index])
          if (item === failed) return failed
          output[index] = item
        }
        return passes(checks, output) ? output : failed
      }
      break
    }
    case 'object':
      parse = compileObject(def, compiled)
      break
    case 'record': {
      noChecks()
      const keyDef = defOf(def.keyType)
      if (keyDef.type !== 'string' || (keyDef.checks as unknown[] | undefined)?.length)
        throw new Unsupported()
      const valueParse = compileNode(def.valueType, compiled)
      parse = (value) => {
        if (typeof value !== 'object' || value === null || Array.isArray(value) || !isPlain(value))
          return failed
        const output: Record<string, unknown> = {}
        for (const key of Reflect.ownKeys(value)) {
          if (
            typeof key !== 'string' ||
            key === '__proto__' ||
            !Object.prototype.propertyIsEnumerable.call(value, key)
          )
            return failed
          const entry = valueParse((value as Record<string, unknown>)[key])
          if (entry === failed) return failed
          output[key] = entry
        }
        return output
      }
      break
    }
    case 'union': {
      noChecks()
      const options = (def.options as unknown[]).map((option) => compileNode(option, compiled))
      parse = (value) => {
        for (const option of options) {
          const result = option(value)
          if (result !== failed) return result
        }
        return failed
      }
      break
    }
    case 'pipe':
      noChecks()
      parse = compilePipe(def, compiled)
      break
    default:
      throw new Unsupported()
  }
  compiled.parsers.set(schema, parse)
  return parse
}

/**
 * A pipe: its input schema, then either a transform (what `.transform()` makes) or another schema
 * run on the input's result (`.pipe(schema)`), as zod runs them forward.
 */
function compilePipe(def: Def, compiled: Compilation): FastParse {
  // A codec (z.codec, z.stringbool) is a pipe with functions of its own between the two schemas.
  if (def.transform !== undefined || def.reverseTransform !== undefined) throw new Unsupported()
  const input = compileNode(def.in, compiled)
  const outDef = defOf(def.out)
  if (outDef.type !== 'transform') {
    const output = compileNode(def.out, compiled)
    return (value) => {
      const middle = input(value)
      return middle === failed ? failed : output(middle)
    }
  }
  if (typeof outDef.transform !== 'function') throw new Unsupported()
  const transform = outDef.transform as (value: unknown, context: unknown) => unknown
  return (value) => {
    const middle = input(value)
    if (middle === failed) return failed
    let refused = false
    const context = {
      value: middle,
      issues: [] as unknown[],
      addIssue: () => {
        refused = true
      },
    }
    const result = transform(middle, context)
    if (result instanceof Promise) throw new Unsupported()
    return refused || context.issues.length > 0 ? failed : result
  }
}

function compileObject(def: Def, compiled: Compilation): FastParse {
  const shape = def.shape as Record<string, Schema>
  if (Object.getOwnPropertySymbols(shape).length > 0) throw new Unsupported()
  const catchall = def.catchall === undefined ? undefined : defOf(def.catchall).type
  if (catchall !== undefined && catchall !== 'never') throw new Unsupported()
  const strict = catchall === 'never'
  const keys = Object.keys(shape).filter((key) => key !== '__proto__')
  const fields = keys.map((key): Field => {
    const field = shape[key] as Schema
    const optin = field._zod.optin
    const optout = field._zod.optout
    if (optin !== undefined && !(optin === 'optional' && optout === 'optional'))
      throw new Unsupported()
    return { key, optional: optin === 'optional', parse: compileNode(field, compiled) }
  })
  const checks = compileChecks(def.checks, 'object')
  const keySet = new Set(Object.keys(shape))
  return (
    generateObjectParse(fields, strict, keySet, checks) ??
    interpretObjectParse(fields, strict, keySet, checks)
  )
}

interface Field {
  readonly key: string
  readonly optional: boolean
  readonly parse: FastParse
}

/**
 * The object parser as a loop over the fields, by zod's rules: a shape key is read when `in` finds
 * it (own or inherited, enumerable or not), an absent optional key is left out, a present one is
 * written even when `undefined`, and a strict object fails on any key `for...in` lists that the
 * shape lacks.
 */
function interpretObjectParse(
  fields: readonly Field[],
  strict: boolean,
  keySet: ReadonlySet<string>,
  checks: readonly Check[],
): FastParse {
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !isPlain(value))
      return failed
    const input = value as Record<string, unknown>
    if (strict) for (const key in input) if (!keySet.has(key)) return failed
    const output: Record<string, unknown> = {}
    for (const field of fields) {
      if (!(field.key in input)) {
        if (field.optional) continue
        return failed
      }
      const result = field.parse(input[field.key])
      if (result === failed) return failed
      output[field.key] = result
    }
    return passes(checks, output) ? output : failed
  }
}

// Whether this runtime compiles code from strings; some edge runtimes forbid it, and then the loop
// above serves.
let evalAllowed: boolean | undefined
function allowsEval(): boolean {
  if (evalAllowed === undefined) {
    try {
      evalAllowed = new Function('return true')() === true
    } catch {
      evalAllowed = false
    }
  }
  return evalAllowed
}

/**
 * The same parser as {@link interpretObjectParse}, written out for this shape as code (as zod's
 * own JIT does): every key a constant, so that the engine's inline caches make each read and
 * write a known slot. Several times faster than the loop. The keys go in as JSON string literals.
 */
function generateObjectParse(
  fields: readonly Field[],
  strict: boolean,
  keySet: ReadonlySet<string>,
  checks: readonly Check[],
): FastParse | undefined {
  if (!allowsEval()) return undefined
  const lines = [
    `if (typeof value !== 'object' || value === null || Array.isArray(value)) return failed`,
    'const prototype = Object.getPrototypeOf(value)',
    'if (prototype !== Object.prototype && prototype !== null) return failed',
  ]
  if (strict) lines.push('for (const key in value) if (!keySet.has(key)) return failed')
  lines.push('const output = {}', 'let result')
  fields.forEach((field, index) => {
    const key = JSON.stringify(field.key)
    lines.push(
      `if (${key} in value) {`,
      `  result = parsers[${index}](value[${key}])`,
      '  if (result === failed) return failed',
      `  output[${key}] = result`,
      field.optional ? '}' : '} else return failed',
    )
  })
  lines.push('return passes(checks, output) ? output : failed')
  const factory = new Function(
    'failed',
    'keySet',
    'parsers',
    'checks',
    'passes',
    `return (value) => {\n${lines.join('\n')}\n}`,
  ) as (...args: unknown[]) => FastParse
  return factory(
    failed,
    keySet,
    fields.map((field) => field.parse),
    checks,
    passes,
  )
}

/**
 * Compiles `schema` into a {@link FastParse}, or returns `undefined` when it uses a feature the
 * fast path does not mirror (then zod alone must run).
 *
 * @param schema - A zod 4 schema.
 * @param options - `generateCode: false` keeps to the loop that runtimes without `new Function`
 *   use (for tests of both).
 * @returns The compiled parser, or `undefined`.
 */
export function compileFastParse(
  schema: unknown,
  options: { readonly generateCode?: boolean } = {},
): FastParse | undefined {
  try {
    const parse = compileNode(schema, {
      parsers: new Map(),
      generateCode: options.generateCode ?? true,
    })
    return (value) => {
      try {
        return parse(value)
      } catch {
        // A throwing getter, a Proxy, an unsupported result: zod reads the input again and says
        // what is wrong.
        return failed
      }
    }
  } catch (error) {
    if (error instanceof Unsupported) return undefined
    throw error
  }
}
