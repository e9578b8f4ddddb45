import { defineConfig } from 'vitest/config'

/**
 * The host time zones every test suite runs under. Nothing ordersync puts on the wire may depend
 * on the host's `TZ`, so each package's tests run once per zone, in separate workers, and must
 * give identical results: UTC, a zone west of UTC with daylight saving, and a half-hour zone east.
 */
export const hostTimeZones = ['UTC', 'America/Los_Angeles', 'Asia/Kolkata'] as const

export function defineTimeZoneConfig(name: string) {
  return defineConfig({
    test: {
      projects: hostTimeZones.map((zone) => ({
        extends: true,
        test: {
          name: `${name} (TZ=${zone})`,
          env: { TZ: zone },
          include: ['src/**/*.test.ts'],
          typecheck: { enabled: true, include: ['src/**/*.test-d.ts'] },
        },
      })),
    },
  })
}
