/**
 * `T` with every key whose value may be `undefined` made optional, and never `undefined`: the type
 * of an object after {@link omitUndefined}.
 *
 * @example
 * ```ts
 * type Wire = WithoutUndefined<{ id: string; note: string | undefined }> // { id: string; note?: string }
 * ```
 */
export type WithoutUndefined<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>
}

/**
 * Drops the keys whose value is `undefined`, one level deep. Platforms want optional fields
 * omitted, never sent empty (Alipay+: "instead of passing empty strings, arrays, or objects";
 * Youshu likewise), and `JSON.stringify` already omits `undefined` — this makes the payload object
 * itself say so, for snapshots, schemas and `in` checks.
 *
 * @param value - An object literal built field by field.
 * @returns A copy without the `undefined` keys.
 * @example
 * ```ts
 * omitUndefined({ id: 'o-1', note: undefined }) // { id: 'o-1' }
 * ```
 */
export function omitUndefined<T extends object>(value: T): WithoutUndefined<T> {
  // A loop rather than Object.fromEntries(Object.entries(…).filter(…)): it runs for every object
  // of every payload, and builds no intermediate arrays. Same keys, same order.
  const result: Record<string, unknown> = {}
  const record = value as Record<string, unknown>
  for (const key of Object.keys(record)) {
    const item = record[key]
    if (item === undefined) continue
    // An own "__proto__" key (JSON.parse makes them) stays a key, as Object.fromEntries keeps it.
    if (key === '__proto__')
      Object.defineProperty(result, key, {
        value: item,
        enumerable: true,
        writable: true,
        configurable: true,
      })
    else result[key] = item
  }
  return result as WithoutUndefined<T>
}
