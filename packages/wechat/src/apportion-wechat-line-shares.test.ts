import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { apportionWechatLineShares } from './apportion-wechat-line-shares.ts'

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

  it('keeps the total, each share within 0 … ceiling, and every found share divisible (property)', () => {
    const line = fc
      .record({ quantity: fc.integer({ min: 1, max: 30 }), share: fc.nat(3000), room: fc.nat(300) })
      .map(({ quantity, share, room }) => ({ quantity, share, ceiling: share + room }))
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), (lines) => {
        const shares = apportionWechatLineShares(lines)
        if (shares === undefined) return
        expect(shares.reduce((a, b) => a + b, 0)).toBe(lines.reduce((a, b) => a + b.share, 0))
        shares.forEach((share, index) => {
          const { quantity, ceiling } = lines[index] as (typeof lines)[number]
          expect(share % quantity).toBe(0)
          expect(share >= 0 && share <= ceiling).toBe(true)
        })
      }),
      { numRuns: 300 },
    )
  })
})
