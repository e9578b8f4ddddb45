/**
 * A small, fast, seeded random source (mulberry32), so that probabilistic faults repeat exactly
 * from run to run.
 *
 * @param seed - Any 32-bit integer.
 * @returns A function giving numbers in [0, 1).
 * @example
 * ```ts
 * const random = createSeededRandom(42)
 * random() === createSeededRandom(42)() // true
 * ```
 */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let value = state
    value = Math.imul(value ^ (value >>> 15), value | 1)
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61)
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296
  }
}
