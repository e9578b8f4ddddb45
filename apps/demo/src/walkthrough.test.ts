import { expect, it } from 'vitest'
import { walkthrough } from './walkthrough.ts'

// One snapshot for every host zone (the suite runs under three): the demo's text, wire times
// included, may not change with the host's TZ.
it('prints the same walk-through under every host time zone', () => {
  expect(walkthrough()).toMatchSnapshot()
})
