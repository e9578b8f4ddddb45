// The ground layer of core: small runtime helpers that every other layer may use and that use
// nothing of core themselves — waiting that an abort signal cuts short, work shared by callers
// that may each give up, and the redaction of secrets and personal values.
export { isRetryableHttpStatus } from './is-retryable-http-status.ts'
export {
  createRedactor,
  type PersonalDataKeys,
  type Redactor,
  redacted,
  sensitiveKeyPattern,
} from './redact.ts'
export { createSharedWork, type SharedWork, waitUnlessAborted } from './wait-unless-aborted.ts'
