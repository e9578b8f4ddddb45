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
    /** The ids held, the one accepted longest ago first. */
    ids: () => [...newest.keys()],
  }
}

type Window = ReturnType<typeof createVersionWindow>

/** Every id of `order-1` … `order-<count>` gives the same answer in both windows. */
function expectSameAnswers(
  ours: Window,
  reference: ReturnType<typeof referenceWindow>,
  count: number,
  label: string,
) {
  expect(ours.size(), label).toBe(reference.ids().length)
  for (let index = 1; index <= count; index += 1) {
    const id = `order-${index}`
    if (ours.get(id) !== reference.get(id)) {
      expect(ours.get(id), `${label}, ${id}`).toBe(reference.get(id))
    }
  }
}

describe('createVersionWindow', () => {
  it('forgets the id accepted longest ago, and an id accepted again becomes the newest', () => {
    const window = createVersionWindow(2)
    window.remember('a', 30)
    window.remember('b', 10)
    window.remember('a', 40)
    window.remember('c', 20)
    expect([window.get('a'), window.get('b'), window.get('c')]).toEqual([40, undefined, 20])
    expect(window.size()).toBe(2)
  })

  it('forgets by acceptance, not by modifiedAt', () => {
    const window = createVersionWindow(2)
    window.remember('late', 900)
    window.remember('early', 100)
    window.remember('next', 500)
    expect([window.get('late'), window.get('early'), window.get('next')]).toEqual([
      undefined,
      100,
      500,
    ])
  })

  it('holds one id with a capacity of 1', () => {
    const window = createVersionWindow(1)
    window.remember('a', 1)
    window.remember('a', 2)
    window.remember('b', 3)
    window.remember('a', 4)
    expect([window.get('a'), window.get('b'), window.size()]).toEqual([4, undefined, 1])
  })

  it('refuses a capacity below 1 or not an integer', () => {
    for (const capacity of [0, -1, 1.5, Number.NaN]) {
      expect(() => createVersionWindow(capacity), String(capacity)).toThrow(RangeError)
    }
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
          // modifiedAt in no order, so that forgetting by modifiedAt would be caught.
          const modifiedAt = random.integer(0, 1_000_000)
          ours.remember(id, modifiedAt)
          reference.remember(id, modifiedAt)
        }
      }
      expectSameAnswers(ours, reference, distinct, `seed ${seed}`)
    }
  })

  it('stays exact across long runs without an eviction followed by evictions', () => {
    // A full window accepting versions of ids it holds evicts nothing (its iterator is then
    // renewed); new ids afterwards must still evict the id accepted longest ago.
    const capacity = 1_000
    const ours = createVersionWindow(capacity)
    const reference = referenceWindow(capacity)
    const random = seededIntegers(99)
    let next = 1
    const accept = (id: string) => {
      const modifiedAt = random.integer(0, 1_000_000)
      ours.remember(id, modifiedAt)
      reference.remember(id, modifiedAt)
    }
    for (const idleRun of [5_000, 1, 2_000, 1_024, 1_300, 0, 10_000]) {
      // New ids: evictions once the window is full.
      for (let count = 0; count < 700; count += 1) accept(`order-${next++}`)
      // Versions of ids the window holds: no eviction.
      const held = reference.ids()
      for (let count = 0; count < idleRun; count += 1) {
        accept(held[random.integer(0, held.length - 1)] as string)
      }
      expectSameAnswers(ours, reference, next, `after an idle run of ${idleRun}`)
    }
    expect(ours.size()).toBe(capacity)
  })
})
