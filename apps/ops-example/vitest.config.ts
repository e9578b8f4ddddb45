import { defineTimeZoneConfig } from '../../vitest.shared.ts'

// The service's end-to-end test, once (under the first host zone: nothing it checks depends on the
// host's time zone), against the redis-server of the `test` script.
export default defineTimeZoneConfig('ops-example')
