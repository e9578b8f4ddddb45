// How the repository's own checks (install-alone, runtimes) make a Youshu client against the
// sandbox and an order it accepts. Plain JavaScript with no Node modules: it also runs in the
// web-only runtime. Every platform package has one of these (scripts/platform-recipes/<folder>.mjs).

/** The sandbox module's platform name. */
export const sandboxPlatform = 'youshu'

/** A client of the package (`exports` are the package's exports) against a started sandbox. */
export function createClient(exports, sandbox) {
  const { appId, appSecret, merchantId } = sandbox.credentials.youshu
  return exports.createYoushu({
    environment: 'test',
    baseURL: sandbox.url,
    appId,
    appSecret,
    merchantId,
  })
}

/** An order the sandbox accepts (`fixtures` are @ordersync/core/fixtures' exports). */
export function makeOrder(fixtures, id) {
  return { ...fixtures.youshuFaqOrder, id, buyer: { platformUserId: `o-openid-${id}` } }
}

/** Checks of what the package computes itself, run in the web-only runtime too. */
export async function selfChecks(exports) {
  return [
    {
      what: 'HMAC-SHA256 query signature (the worked example of Youshu\u2019s developer access page)',
      actual: await exports.signYoushuQuery({
        appId: 'abc',
        appSecret: '123',
        nonce: '407313d23c3f7',
        timestamp: 1542951251,
      }),
      expected: '25d5806d0aadc93129879874227c348c33f8e29d70cdcb3094c6909fadb3007b',
    },
  ]
}
