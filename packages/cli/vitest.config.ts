import { mergeConfig } from 'vitest/config'
import { defineTimeZoneConfig } from '../../vitest.shared.ts'

export default mergeConfig(defineTimeZoneConfig('cli'), {
  test: { globalSetup: ['src/test-support/build-cli-under-test.ts'] },
})
