import { describe, expect, it } from 'vitest'

// Guards the guard: the suite is meant to run once per host zone (vitest.shared.ts). If TZ did
// not take effect, every "host zone changes nothing" test would pass vacuously.
describe('host time zone', () => {
  it('is the zone this project runs under', () => {
    const zone = process.env.TZ
    const januaryOffset = new Date('2024-01-15T12:00:00Z').getTimezoneOffset()
    const expected: Record<string, number> = {
      UTC: 0,
      'America/Los_Angeles': 480,
      'Asia/Kolkata': -330,
    }
    expect(zone).toBeDefined()
    expect(januaryOffset).toBe(expected[zone ?? ''])
  })
})
