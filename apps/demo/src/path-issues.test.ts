import { expect, it } from 'vitest'
import { friendlyIssueMessage } from './path-issues.ts'

it.each([
  ['Invalid input: expected string, received undefined', 'is required'],
  ['Invalid input: expected object, received undefined', 'is required'],
  ['Invalid input: expected number, received string', 'must be a number, not a string'],
  ['Invalid input: expected array, received object', 'must be an array, not an object'],
  ['Invalid input: expected string, received null', 'must be a string, not null'],
  ['must not be empty', 'must not be empty'],
])('the schema message "%s" reads "%s" beside its path', (message, friendly) => {
  expect(friendlyIssueMessage(message)).toBe(friendly)
})
