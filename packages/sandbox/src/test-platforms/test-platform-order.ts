import type { OrderInput } from '@ordersync/core'
import { arbitraryOrder, seededIntegers } from '@ordersync/core/fixtures'

/**
 * A valid canonical order for the tests that run against the test platforms (the sandbox's, the
 * queue's, the Redis token store's): a seeded `arbitraryOrder`, the same on every run, with a buyer
 * phone. Spread it with an id of your own; no platform package is needed.
 */
export const testPlatformOrder: OrderInput = arbitraryOrder(seededIntegers(2024), 'test-order')
