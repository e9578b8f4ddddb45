import { describe, expectTypeOf, it } from 'vitest'
import type { z } from 'zod'
import type { Instant, InstantInput } from '../time/instant.ts'
import { toInstant } from '../time/instant.ts'
import type { orderSchema } from './order-schema.ts'
import type {
  ModifierGroup,
  ModifierItem,
  Order,
  OrderInput,
  PlatformOptions,
} from './order-types.ts'

declare module './order-types.ts' {
  interface PlatformOptionsRegistry {
    testplatform: { readonly scene: number }
  }
}

describe('order types', () => {
  it('orderSchema reads an OrderInput and returns an Order', () => {
    expectTypeOf<z.input<typeof orderSchema>>().toEqualTypeOf<OrderInput>()
    expectTypeOf<z.output<typeof orderSchema>>().toEqualTypeOf<Order>()
    expectTypeOf<Order['createdAt']>().toEqualTypeOf<Instant>()
    expectTypeOf<OrderInput['createdAt']>().toEqualTypeOf<InstantInput>()
  })

  it('keeps instants apart from plain numbers', () => {
    // @ts-expect-error: seconds, milliseconds or wall-clock numbers are not instants until checked
    const unchecked: Instant = 1572395131
    expectTypeOf(toInstant(1572395131732)).toEqualTypeOf<Instant>()
    expectTypeOf(unchecked).toBeNumber()
  })

  it('types platformOptions by the registry that platform packages augment', () => {
    const options: PlatformOptions = { testplatform: { scene: 1177 } }
    expectTypeOf(options.testplatform).toEqualTypeOf<{ readonly scene: number } | undefined>()
    // @ts-expect-error: a registered platform's options must have its declared shape
    const wrong: PlatformOptions = { testplatform: { scene: '1177' } }
    expectTypeOf(wrong).not.toBeAny()
  })

  it('nests modifier groups: a choice carries groups of its own', () => {
    expectTypeOf<ModifierItem['modifiers']>().toEqualTypeOf<readonly ModifierGroup[] | undefined>()
    expectTypeOf<ModifierGroup['selected'][number]>().toEqualTypeOf<ModifierItem>()
    const tea: ModifierItem = {
      name: 'black tea',
      quantity: 1,
      modifiers: [{ name: 'sugar', selected: [{ name: 'half sugar', quantity: 1 }] }],
    }
    // @ts-expect-error: a nested group needs its selected choices
    const wrong: ModifierItem = { name: 'black tea', quantity: 1, modifiers: [{ name: 'sugar' }] }
    expectTypeOf(tea).not.toBeAny()
    expectTypeOf(wrong).not.toBeAny()
  })
})
