import { defineTimeZoneConfig } from '../../vitest.shared.ts'

export default defineTimeZoneConfig('queue', {
  firstZoneOnly: [
    'src/sync-queue-across-workers.test.ts',
    'src/sync-queue-convergence.test.ts',
    'src/sync-queue-rate-limit.test.ts',
  ],
})
