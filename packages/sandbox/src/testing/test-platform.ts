import type { PlatformDescriptor } from '@ordersync/core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { testFaultSoak } from './contract-fault-soak.ts'
import { testEchoedAnswers, testHostileOrders } from './contract-hostile-inputs.ts'
import { testAbort, testFailFast, testNoLeaks, testUnreadableAnswers } from './contract-stops.ts'
import { createContractSuiteContext } from './contract-suite-context.ts'
import type { ContractSuiteOptions } from './contract-suite-options.ts'
import { testAuthentication, testSyncAndRetries } from './contract-sync-and-retries.ts'

/**
 * The contract suite every platform package runs against its sandbox module (unstorage's
 * `testDriver` pattern), so every platform package is held to the same behaviour: retries on 5xx,
 * timeouts and dropped connections; no retry on definite errors; for token platforms one token
 * request for many concurrent calls and a single replay on rejection; for signing platforms a
 * fresh signature on every attempt; batching to the platform's limit; abort; progress; and no
 * secret, token, signature or phone number in any error or hook event.
 *
 * It also holds every platform to what an outside review did by hand:
 * - a **fault soak** (500 orders, or `ORDERSYNC_SOAK_ORDERS`; about 20% random faults of every
 *   kind the sandbox injects, the platform's retryable and token codes included): no order lost,
 *   no `rejected` or `not_sent` order stored, no success unstored, and every failed order lands
 *   on a re-sync (`ORDERSYNC_SOAK_REPORT=1` prints the figures);
 * - an **echo scan**: answers that echo the request back as JSON, HTML, plain text and header
 *   pairs, with the order's phone numbers in other formats, show no secret, token, signature,
 *   phone number, or buyer's or receiver's name, address or email in hooks, errors or results;
 * - **hostile inputs** (throwing getters, cycles, deep nesting, huge strings, wrong types): only
 *   typed errors, no crash, no hang, and the good order beside them is sent;
 * - **abort**: nothing reaches the sandbox once `syncOrders` has settled;
 * - **fail-fast**: a wrong credential costs a bounded number of requests, and every order fails
 *   with the same typed error — for token platforms an `AuthenticationError` with nothing sent,
 *   since the token endpoint refused the app id and secret; so does a 404 on every call (a wrong
 *   path prefix);
 * - **unreadable answers**: a 2xx the client cannot read leaves the order `uncertain`;
 * - **no unhandled rejection** in any test of the suite.
 *
 * Call it at the top level of a test file, with the platform's descriptor (the `platformDescriptor`
 * its package exports from `@ordersync/<platform>/testing`) and how to start a sandbox that serves
 * its module; it registers a `describe` block.
 *
 * @param descriptor - What the suite needs to know about the platform: its client, orders, faults
 *   and secrets.
 * @param options - How to start the suite's sandbox.
 * @example
 * ```ts
 * // type-checked only: the suite runs inside vitest, in a file such as src/wechat.contract.test.ts
 * import { testPlatform } from '@ordersync/sandbox/testing'
 * import { platformDescriptor } from '@ordersync/wechat/testing'
 *
 * testPlatform(platformDescriptor, {
 *   startSandbox: () => startSandbox({ modules: [createWechatSandboxModule()] }),
 * })
 * ```
 */
export function testPlatform<Payload>(
  descriptor: PlatformDescriptor<Payload>,
  options: ContractSuiteOptions,
): void {
  const ctx = createContractSuiteContext(descriptor, options)
  describe(`${descriptor.id}: the ordersync platform contract`, () => {
    // No promise of ordersync's may reject unhandled, in any test of the suite: under Node's
    // default settings that ends the process.
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason)
    }
    beforeAll(async () => {
      process.on('unhandledRejection', onUnhandled)
      await ctx.start()
    })
    afterAll(async () => {
      process.off('unhandledRejection', onUnhandled)
      await ctx.close()
    })
    beforeEach(() => ctx.reset())
    testSyncAndRetries(ctx)
    testAuthentication(ctx)
    testFaultSoak(ctx)
    testEchoedAnswers(ctx)
    testHostileOrders(ctx)
    testAbort(ctx)
    testFailFast(ctx)
    testNoLeaks(ctx)
    testUnreadableAnswers(ctx)
    it('left no promise rejected unhandled in any test above', async () => {
      // Give a late rejection (a token refresh, a lookup) time to surface.
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(unhandled.map((reason) => String(reason))).toEqual([])
    })
  })
}
