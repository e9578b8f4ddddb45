import { defineTimeZoneConfig } from '../../vitest.shared.ts'

export default defineTimeZoneConfig('redis-token-store', {
  firstZoneOnly: ['src/shared-token-across-processes.test.ts'],
})
