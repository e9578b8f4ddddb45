// How the repository's own checks (install-alone, runtimes) make a Baidu client against the
// sandbox and an order it accepts. Plain JavaScript with no Node modules: it also runs in the
// web-only runtime. Every platform package has one of these (scripts/platform-recipes/<folder>.mjs).

/** The sandbox module's platform name. */
export const sandboxPlatform = 'baidu'

/** A client of the package (`exports` are the package's exports) against a started sandbox. */
export function createClient(exports, sandbox) {
  const { appKey, appSecret, paymentAppKey } = sandbox.credentials.baidu
  return exports.createBaidu({ appKey, appSecret, paymentAppKey, baseURL: sandbox.url })
}

/** An order the sandbox accepts (`fixtures` are @ordersync/core/fixtures' exports). */
export function makeOrder(fixtures, id) {
  return {
    ...fixtures.baiduDocumentOrder,
    id,
    buyer: { platformUserId: `openid-${id}` },
    payments: [
      {
        method: 'online',
        amount: { amount: 2390, currency: 'CNY' },
        paidAt: 1_233_212_343_000,
        transactionId: `cashier-${id}`,
      },
    ],
  }
}
