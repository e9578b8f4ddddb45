import { describe, expect, it } from 'vitest'
import { seededIntegers } from '../fixtures/arbitrary-order.ts'
import { createVersionWindow } from './version-window.ts'

/** The plain form of the window: a Map in acceptance order, evicting its first key. */
function referenceWindow(capacity: number) {
  const newest = new Map<string, number>()
  return {
    get: (id: string) => newest.get(id),
    remember(id: string, modifiedAt: number) {
      newest.delete(id)
      newest.set(id, modifiedAt)
      if (newest.size > capacity) newest.delete(newest.keys().next().value as string)
    },
    ids: () => [...newest.keys()].sort(),
  }
}

describe('createVersionWindow', () => {
  it('forgets the id accepted longest ago, and an id accepted again becomes the newest', () => {
    const window = createVersionWindow(2)
    window.remember('a', 1)
    window.remember('b', 2)
    window.remember('a', 3)
    window.remember('c', 4)
    expect([window.get('a'), window.get('b'), window.get('c')]).toEqual([3, undefined, 4])
    expect(window.size()).toBe(2)
  })

  it('holds exactly what the plain Map form holds, over 200 random runs', () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      const random = seededIntegers(seed)
      const capacity = random.integer(1, 40)
      // Few distinct ids: many re-acceptances; many: long runs of evictions.
      const distinct = random.integer(1, 120)
      const ours = createVersionWindow(capacity)
      const reference = referenceWindow(capacity)
      for (let step = 0; step < 3_000; step += 1) {
        const id = `order-${random.integer(1, distinct)}`
        if (random.integer(0, 3) === 0) {
          expect(ours.get(id), `seed ${seed}, step ${step}`).toBe(reference.get(id))
        } else {
          ours.remember(id, step)
          reference.remember(id, step)
        }
      }
      const held = reference.ids()
      expect(ours.size(), `seed ${seed}`).toBe(held.length)
      for (let index = 1; index <= distinct; index += 1) {
        const id = `order-${index}`
        expect(ours.get(id), `seed ${seed}, ${id}`).toBe(reference.get(id))
      }
    }
  })

  it('stays exact when one id is accepted 50,000 times, then among 50,000 distinct ids', () => {
    const ours = createVersionWindow(1_000)
    const reference = referenceWindow(1_000)
    for (let step = 0; step < 50_000; step += 1) {
      ours.remember('hot', step)
      reference.remember('hot', step)
    }
    for (let step = 0; step < 50_000; step += 1) {
      const id = step % 7 === 0 ? 'hot' : `order-${step}`
      ours.remember(id, step)
      reference.remember(id, step)
    }
    expect(ours.size()).toBe(1_000)
    for (const id of ['hot', 'order-48999', 'order-49001', 'order-49999', 'order-1'])
      expect(ours.get(id), id).toBe(reference.get(id))
  })
})
