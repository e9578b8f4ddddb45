export {
  type ApiCallAttempt,
  type ApiCallDelivery,
  ApiCallError,
  type ApiCallErrorOptions,
  type FailureConcerns,
} from './api-call-error.ts'
export { AuthenticationError, type AuthenticationErrorOptions } from './authentication-error.ts'
export { InvalidArgumentError, type InvalidArgumentErrorOptions } from './invalid-argument-error.ts'
export { OrderSyncError, type OrderSyncErrorOptions } from './order-sync-error.ts'
export { quoteValue } from './quote-value.ts'
export {
  UnsupportedMappingError,
  type UnsupportedMappingErrorOptions,
} from './unsupported-mapping-error.ts'
export {
  formatIssuePath,
  ValidationError,
  type ValidationErrorOptions,
  type ValidationIssue,
} from './validation-error.ts'
