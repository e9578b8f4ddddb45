export { checkBaseURL } from './check-base-url.ts'
export { requireSetting } from './require-setting.ts'
export {
  backoffDelay,
  defaultRetryPolicy,
  parseRetryAfter,
  planRetry,
  type RetryOptions,
  type RetryPlan,
  type RetryPolicy,
  resolveRetryPolicy,
} from './retry-policy.ts'
export {
  createTransport,
  type Transport,
  type TransportCall,
  type TransportOptions,
  type TransportResult,
  type TransportTokenAuth,
} from './transport.ts'
export type {
  ErrorEvent,
  IncomingResponse,
  OutgoingRequest,
  RequestEvent,
  ResponseClassification,
  ResponseEvent,
  RetryEvent,
  TransportHooks,
} from './transport-types.ts'
