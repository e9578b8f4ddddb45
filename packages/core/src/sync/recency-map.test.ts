import { describe, expect, it } from 'vitest'
import { createRecencyMap } from './recency-map.ts'

describe('createRecencyMap', () => {
  it('forgets the key touched longest ago, but keeps one still needed and looks at it again later', () => {
    const needed = new Set(['a'])
    const map = createRecencyMap<number>(2, (value) => !needed.has(String.fromCharCode(96 + value)))
    map.touch('a', 1)
    map.touch('b', 2)
    map.touch('c', 3)
    // 'a' is still needed: it went to the back, and 'b' was forgotten instead.
    expect([map.get('a'), map.get('b'), map.get('c'), map.size()]).toEqual([1, undefined, 3, 2])
    needed.clear()
    map.touch('d', 4)
    // 'c' was touched longest ago now ('a' moved behind it).
    expect([map.get('a'), map.get('c'), map.get('d'), map.size()]).toEqual([1, undefined, 4, 2])
  })

  it('holds more than its capacity while every key is still needed', () => {
    const map = createRecencyMap<number>(1, () => false)
    for (const [index, key] of ['a', 'b', 'c'].entries()) map.touch(key, index)
    expect(map.size()).toBe(3)
  })
})
