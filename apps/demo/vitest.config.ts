import { defineConfig, mergeConfig } from 'vitest/config'
import { defineTimeZoneConfig } from '../../vitest.shared.ts'

// The unit tests under the three host zones, and the browser test once (it drives a real
// Chromium over the whole demo, whose output the zone-independent unit tests already pin).
const zones = defineTimeZoneConfig('demo')

export default mergeConfig(
  zones,
  defineConfig({
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: 'demo (browser)',
            include: ['test/**/*.browser.test.ts'],
            env: { TZ: 'UTC' },
            testTimeout: 240_000,
            hookTimeout: 120_000,
          },
        },
      ],
    },
  }),
)
