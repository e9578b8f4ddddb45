import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { apportionWechatLineShares, type WechatLineShare } from './apportion-wechat-line-shares.ts'

describe('apportionWechatLineShares', () => {
  it('leaves shares that divide by their quantities as they are', () => {
    expect(
      apportionWechatLineShares([
        { quantity: 10, share: 900, ceiling: 1000 },
        { quantity: 1, share: 185, ceiling: 200 },
      ]),
    ).toEqual([900, 185])
  })

  it('moves the odd fen to the line that can take it at the least cost', () => {
    expect(
      apportionWechatLineShares([
        { quantity: 10, share: 921, ceiling: 1000 },
        { quantity: 1, share: 184, ceiling: 200 },
      ]),
    ).toEqual([920, 185])
    // Two lines of 10 at 905: one up to 910, one down to 900.
    expect(
      apportionWechatLineShares([
        { quantity: 10, share: 905, ceiling: 1000 },
        { quantity: 10, share: 905, ceiling: 1000 },
      ]),
    ).toEqual([900, 910])
  })

  it('finds none for a single line that does not divide, or when the ceilings forbid it', () => {
    expect(apportionWechatLineShares([{ quantity: 10, share: 905, ceiling: 1000 }])).toBeUndefined()
    // The line of 1 has no order-level discount it could give back (ceiling = share), and the
    // line of 10 cannot go up to 910 either.
    expect(
      apportionWechatLineShares([
        { quantity: 10, share: 905, ceiling: 905 },
        { quantity: 1, share: 100, ceiling: 100 },
      ]),
    ).toBeUndefined()
  })

  it('finds the 32 fen that a line of 8 and a line of 9 units need, beyond the odd fen themselves', () => {
    // 1392 = 8 × 174 divides already, 1498 = 9 × 166 + 4 does not: no line of 1 can take the 4
    // fen, and no move of a few fen gives both a multiple; 1360 = 8 × 170 and 1530 = 9 × 170 do.
    expect(
      apportionWechatLineShares([
        { quantity: 8, share: 1392, ceiling: 1424 },
        { quantity: 9, share: 1498, ceiling: 1602 },
      ]),
    ).toEqual([1360, 1530])
  })

  const line = (maxQuantity: number, maxShare: number, maxRoom: number) =>
    fc
      .record({
        quantity: fc.integer({ min: 1, max: maxQuantity }),
        share: fc.nat(maxShare),
        room: fc.nat(maxRoom),
      })
      .map(({ quantity, share, room }) => ({ quantity, share, ceiling: share + room }))

  it.each([
    ['small orders', 4, 12, 400, 100],
    ['orders of up to 8 lines', 8, 30, 3000, 300],
  ])(
    'finds an apportionment exactly when one exists, by an exhaustive check over the totals (%s, property)',
    (_name, maxLines, maxQuantity, maxShare, maxRoom) => {
      fc.assert(
        fc.property(
          fc.array(line(maxQuantity, maxShare, maxRoom), { minLength: 1, maxLength: maxLines }),
          (lines) => {
            const shares = apportionWechatLineShares(lines)
            expect(shares !== undefined).toBe(apportionmentExists(lines))
            if (shares === undefined) return
            expect(shares.reduce((a, b) => a + b, 0)).toBe(lines.reduce((a, b) => a + b.share, 0))
            shares.forEach((share, index) => {
              const { quantity, ceiling } = lines[index] as (typeof lines)[number]
              expect(share % quantity).toBe(0)
              expect(share >= 0 && share <= ceiling).toBe(true)
            })
          },
        ),
        { numRuns: 500 },
      )
    },
  )
})

/**
 * Whether shares exist at all: every line a multiple of its quantity within 0 … its ceiling, the
 * same total. Exhaustive over the totals each line can add (sums of multiples), independent of the
 * search's moves and limits.
 */
function apportionmentExists(lines: readonly WechatLineShare[]): boolean {
  const total = lines.reduce((sum, line) => sum + line.share, 0)
  let reachable = new Uint8Array(total + 1)
  reachable[0] = 1
  for (const { quantity, ceiling } of lines) {
    // next[sum] when some reachable[sum − k × quantity] with 0 ≤ k ≤ most: a running count over
    // each residue class, so that the check stays fast.
    const most = Math.floor(ceiling / quantity)
    const next = new Uint8Array(total + 1)
    for (let residue = 0; residue < quantity; residue += 1) {
      let count = 0
      for (let sum = residue, step = 0; sum <= total; sum += quantity, step += 1) {
        count += reachable[sum] ?? 0
        if (step > most) count -= reachable[sum - (most + 1) * quantity] ?? 0
        if (count > 0) next[sum] = 1
      }
    }
    reachable = next
  }
  return reachable[total] === 1
}
