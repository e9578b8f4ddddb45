// Why schemas are built lazily: a zod schema costs its construction — objects, closures, checks —
// when the module that declares it is evaluated. core and each platform package declare hundreds
// (the canonical order, every platform's wire and options), so building them at import made a
// cold start pay for all of them, even in a program that validates nothing yet, or only with one
// platform. A schema made with `lazySchema` is built the first time anything reads it; until then
// it costs one small object.

/**
 * A lazy schema's state, which is also the proxy's target: the builder, the schema once built,
 * and the built schema's methods bound to it, by name, each with the function it was bound from.
 * The target's own keys are all configurable, so the traps may answer for the built schema.
 */
interface LazyState {
  readonly build: () => object
  built: object | undefined
  bound: Map<PropertyKey, readonly [from: unknown, method: unknown]> | undefined
}

function schemaOf(state: LazyState): object {
  if (state.built === undefined) state.built = state.build()
  return state.built
}

/**
 * A property of the built schema; a method comes bound to it, so that `this` inside zod is always
 * the schema itself (what `.optional()`, `.refine()` or `.safeParse()` wraps or reads is the built
 * schema, never the stand-in), and is the same function each time it is read.
 */
function readProperty(state: LazyState, key: PropertyKey): unknown {
  const schema = schemaOf(state)
  const value: unknown = Reflect.get(schema, key, schema)
  if (typeof value !== 'function' || key === 'constructor') return value
  state.bound ??= new Map()
  const known = state.bound.get(key)
  if (known !== undefined && known[0] === value) return known[1]
  const method: unknown = value.bind(schema)
  state.bound.set(key, [value, method])
  return method
}

// One handler for every lazy schema: each trap answers with the built schema's own.
const lazyHandler: ProxyHandler<LazyState> = {
  get: readProperty,
  set: (state, key, value) => Reflect.set(schemaOf(state), key, value, schemaOf(state)),
  has: (state, key) => Reflect.has(schemaOf(state), key),
  deleteProperty: (state, key) => Reflect.deleteProperty(schemaOf(state), key),
  ownKeys: (state) => Reflect.ownKeys(schemaOf(state)),
  getOwnPropertyDescriptor: (state, key) => {
    const descriptor = Reflect.getOwnPropertyDescriptor(schemaOf(state), key)
    // Reported as configurable: a proxy may not report a property its target lacks as fixed.
    return descriptor === undefined ? undefined : { ...descriptor, configurable: true }
  },
  defineProperty: (state, key, descriptor) =>
    Reflect.defineProperty(schemaOf(state), key, descriptor),
  getPrototypeOf: (state) => Reflect.getPrototypeOf(schemaOf(state)),
}

/**
 * A zod schema (or any object) built the first time it is used rather than when its module is
 * imported: a stand-in that builds the schema on its first read and then answers every read,
 * write and method call with the built schema's own. `safeParse`, `parse`, `optional()`,
 * `refine()`, `shape`, `instanceof`, composition into other schemas and Standard Schema's
 * `~standard` behave as on the schema itself, and every result — data, issues, paths, messages —
 * is the schema's.
 *
 * core and the platform packages declare their schemas this way, so that importing a package
 * builds none of them and a program pays only for the schemas it validates with.
 *
 * @param build - Makes the schema; called once, on first use.
 * @returns The stand-in, typed as the schema.
 * @example
 * ```ts
 * import { lazySchema } from '@ordersync/core'
 * import { z } from 'zod'
 *
 * const pointSchema = lazySchema(() => z.strictObject({ x: z.number(), y: z.number() }))
 * pointSchema.safeParse({ x: 1, y: 2 }).success // true: built now, on first use
 * pointSchema.safeParse({ x: 1 }).error?.issues[0]?.path // ['y']
 * ```
 */
// Calls without side effects: a bundler drops the lazy schemas a program never reads.
/* @__NO_SIDE_EFFECTS__ */
export function lazySchema<Schema extends object>(build: () => Schema): Schema {
  const state: LazyState = { build, built: undefined, bound: undefined }
  return new Proxy(state, lazyHandler) as object as Schema
}
