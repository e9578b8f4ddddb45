import {
  type Order,
  type OrderInput,
  parseOrder,
  UnsupportedMappingError,
  ValidationError,
} from '@ordersync/core'
import { arbitraryWideOrder, seededIntegers } from '@ordersync/core/fixtures'
import { expect, it } from 'vitest'

/**
 * A request body the conversion built, and the schema the platform's document gives it.
 *
 * @example
 * ```ts
 * import type { BuiltRequest } from '@ordersync/sandbox/testing'
 *
 * const request: BuiltRequest = {
 *   at: '/shop/order/add',
 *   schema: { '~standard': { validate: (value: unknown) => ({ value }) } },
 *   body: { out_order_id: 'o-1' },
 * }
 * request.at // '/shop/order/add'
 * ```
 */
export interface BuiltRequest {
  /** Where the body goes, for the failure message: `shop/order/add`, `(youshu order)`. */
  readonly at: string
  /** A Standard Schema (zod's schemas are) of the request. */
  readonly schema: { readonly '~standard': { validate(value: unknown): unknown } }
  readonly body: unknown
}

/**
 * What {@link testWideOrders} checks.
 *
 * @example
 * ```ts
 * import type { WideOrderOptions } from '@ordersync/sandbox/testing'
 *
 * const options: WideOrderOptions = {
 *   name: 'toEchoOrder',
 *   runs: 50,
 *   adapt: (input) => ({ ...input, status: 'completed' }),
 *   convert: (order) => [
 *     { at: '(echo)', schema: { '~standard': { validate: (value: unknown) => ({ value }) } }, body: order },
 *   ],
 * }
 * options.runs // 50
 * ```
 */
export interface WideOrderOptions {
  /** The conversion's name, for the test's title: `toYoushuOrder`. */
  readonly name: string
  /** Makes the random order one the platform can take at all (its required platform options). */
  readonly adapt?: (input: OrderInput, seed: number) => OrderInput
  /** Converts a valid order; returns every request body it built. */
  readonly convert: (order: Order) => readonly BuiltRequest[]
  /** How many seeds (300). */
  readonly runs?: number
}

const canonicalKeys = new Set([
  'id',
  'title',
  'type',
  'status',
  'statusChangedAt',
  'createdAt',
  'modifiedAt',
  'hidden',
  'channel',
  'buyer',
  'merchant',
  'lines',
  'charges',
  'payableAmount',
  'paidAmount',
  'payments',
  'cashOnDelivery',
  'delivery',
  'afterSales',
  'detailPageUrl',
  'platformOptions',
])

/**
 * Registers the property every conversion must have, on `arbitraryWideOrder`'s orders (texts of
 * every UTF-8 width and length, every optional part): it either builds request bodies that pass
 * the platform's request schemas, or refuses the order with a `ValidationError` or
 * `UnsupportedMappingError` whose every path starts at a canonical field. A conversion that checks
 * each platform limit as it builds may then skip validating its finished payload: this test
 * proves it never builds one the schema would refuse.
 *
 * Seeds run from 1 to `runs`; a failure names its seed, and `arbitraryWideOrder(seededIntegers(seed), …)`
 * rebuilds the order.
 *
 * @param options - The conversion and how to adapt the random order.
 * @example
 * ```ts
 * // type-checked only: it registers a test, so it runs inside a vitest suite
 * import { testWideOrders } from '@ordersync/sandbox/testing'
 * import { toYoushuOrder, youshuOrderSchema } from '@ordersync/youshu'
 *
 * testWideOrders({
 *   name: 'toYoushuOrder',
 *   convert: (order) => toYoushuOrder(order).orders.map((body) => ({ at: '(youshu order)', schema: youshuOrderSchema, body })),
 * })
 * ```
 */
export function testWideOrders(options: WideOrderOptions): void {
  const runs = options.runs ?? 300
  it(`${options.name} builds bodies its request schemas accept, or refuses naming a canonical path, on any valid order`, () => {
    let built = 0
    let refused = 0
    for (let seed = 1; seed <= runs; seed += 1) {
      const input = arbitraryWideOrder(seededIntegers(seed), `wide-${seed}`)
      const order = parseOrder(options.adapt === undefined ? input : options.adapt(input, seed))
      let requests: readonly BuiltRequest[]
      try {
        requests = options.convert(order)
      } catch (error) {
        refused += 1
        const typed = ValidationError.isInstance(error) || UnsupportedMappingError.isInstance(error)
        expect(typed, `seed ${seed}: ${String(error)}`).toBe(true)
        const paths = ValidationError.isInstance(error)
          ? error.issues.map((issue) => issue.path)
          : [(error as UnsupportedMappingError).path]
        for (const path of paths)
          expect(canonicalKeys.has(String(path[0])), `seed ${seed}: ${String(error)}`).toBe(true)
        continue
      }
      built += 1
      for (const request of requests) {
        const result = request.schema['~standard'].validate(request.body) as {
          readonly issues?: readonly {
            readonly message: string
            readonly path?: readonly unknown[]
          }[]
        }
        if (result instanceof Promise)
          throw new Error('an asynchronous schema cannot be checked here')
        const issues = (result.issues ?? []).map(
          (issue) => `${request.at} ${(issue.path ?? []).map(String).join('.')}: ${issue.message}`,
        )
        expect(issues, `seed ${seed}: the body built fails its schema`).toEqual([])
      }
    }
    // Neither side may be empty: a conversion that refuses everything proves nothing.
    expect(built, 'orders converted').toBeGreaterThan(runs / 10)
    expect(refused, 'orders refused').toBeGreaterThan(0)
  })
}
