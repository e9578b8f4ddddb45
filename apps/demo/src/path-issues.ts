import {
  formatIssuePath,
  type OrderSyncError,
  type SyncWarning,
  UnsupportedMappingError,
  ValidationError,
} from '@ordersync/core'
import type { PathIssue } from './demo-api-types.ts'

const article = (noun: string): string => (/^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`)

/**
 * A schema message in the words of the order's fields. The canonical schema's type errors read
 * "Invalid input: expected string, received undefined"; beside the path, the page says "is
 * required" (a field that is missing) or "must be a string, not a number". Other messages are the
 * SDK's own and already say what to do.
 *
 * @param message - The issue's message.
 * @returns The message to show after the path.
 */
export function friendlyIssueMessage(message: string): string {
  const typeError = /^Invalid input: expected (\w+), received (\w+)$/.exec(message)
  if (typeError === null) return message
  const [, expected = '', received = ''] = typeError
  if (received === 'undefined') return 'is required'
  return `must be ${article(expected)}, not ${received === 'null' ? 'null' : article(received)}`
}

/**
 * The problems of an error, each with its canonical path (`lines.0.quantity` as
 * `lines[0].quantity`); none for an error that names no path.
 *
 * @param error - What the SDK threw or reported.
 * @returns The problems.
 */
export function issuesOf(error: OrderSyncError): PathIssue[] {
  if (ValidationError.isInstance(error)) {
    return error.issues.map((issue) => ({
      path: formatIssuePath(issue.path),
      message: friendlyIssueMessage(issue.message),
      code: issue.code,
    }))
  }
  if (UnsupportedMappingError.isInstance(error)) {
    return [
      { path: formatIssuePath(error.path), message: error.reason, code: 'unsupported_mapping' },
    ]
  }
  return []
}

/**
 * The SDK's warnings with their canonical paths.
 *
 * @param warnings - A prepared payload's or a result's warnings.
 * @returns The warnings as the page shows them.
 */
export function warningsOf(warnings: readonly SyncWarning[]): PathIssue[] {
  return warnings.map((warning) => ({
    path: formatIssuePath(warning.path),
    message: warning.message,
    code: warning.code,
  }))
}
