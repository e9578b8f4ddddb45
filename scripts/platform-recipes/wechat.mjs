// How the repository's own checks (install-alone, runtimes) make a WeChat client against the
// sandbox and an order it accepts. Plain JavaScript with no Node modules: it also runs in the
// web-only runtime. Every platform package has one of these (scripts/platform-recipes/<folder>.mjs).

/** The sandbox module's platform name. */
export const sandboxPlatform = 'wechat'

/** A client of the package (`exports` are the package's exports) against a started sandbox. */
export function createClient(exports, sandbox) {
  const { appId, appSecret } = sandbox.credentials.wechat
  return exports.createWechat({ appId, appSecret, baseURL: sandbox.url })
}

/** An order the sandbox accepts (`fixtures` are @ordersync/core/fixtures' exports). */
export function makeOrder(fixtures, id) {
  return {
    ...fixtures.wechatDocumentOrder,
    id,
    buyer: { id: `buyer-${id}`, platformUserId: `o-openid-${id}` },
    delivery: { address: { name: '张三', phone: '13712345000', line1: '详细收货地址信息' } },
    platformOptions: {
      wechat: { scene: 1177, prepayId: `prepay-${id}`, prepayAt: '2020-03-25T14:04:25+08:00' },
    },
  }
}
