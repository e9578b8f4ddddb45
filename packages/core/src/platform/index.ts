// The platform kit: what every platform package builds its client and its converter from, so
// that a platform package holds only its endpoints, auth, classification and mapping.

export { type CallOptions, checkCallOptions } from './check-call-options.ts'
export { parsePlatformRequest } from './parse-platform-request.ts'
export type { PlatformClientSettings } from './platform-client-settings.ts'
export type {
  PlatformAnswer,
  PlatformClientOverrides,
  PlatformDescriptor,
  PlatformLoggedRequest,
  PlatformSample,
  PlatformSandbox,
  PlatformSelfCheck,
} from './platform-descriptor.ts'
export { type JsonCall, postJson } from './post-json.ts'
export { prepareWith, syncOneByOne } from './prepare-with.ts'
export {
  type Conversion,
  type ConversionSetup,
  startConversion,
} from './start-conversion.ts'
export {
  classifyWechatTokenResponse,
  fetchWechatAccessToken,
  type WechatTokenAuthOptions,
  type WechatTokenEndpoint,
  type WechatTokenRequest,
  wechatTokenAuth,
  wechatTokenKey,
  wechatTokenPaths,
} from './wechat-access-token.ts'
export {
  classifyWechatEnvelope,
  readWechatEnvelope,
  type WechatErrcode,
  waitingOutWechatMinuteQuota,
  withWechatMinuteQuotaWait,
} from './wechat-envelope.ts'
export type { WireShape } from './wire-shape.ts'
