import type { TokenManager } from '../tokens/token-manager.ts'
import { type AttemptOutcome, failureMessage, recordOutcome } from './attempt-outcome.ts'
import { type CallRun, emitHook, failCall } from './call-run.ts'
import { tokenRejectedAgainError } from './transport-errors.ts'

/**
 * The token replay: the platform rejected the access token the attempt carried. The first time,
 * it expires exactly that token (a newer one another caller fetched meanwhile stays) and asks for
 * one more attempt at once, which fetches a new token as it is prepared; the second time, the
 * credentials are at fault, never a loop.
 *
 * @returns Once the token is expired: the caller retries without waiting.
 * @throws An `AuthenticationError` when the call has replayed a token already.
 */
export async function replayWithNewToken(
  run: CallRun,
  outcome: AttemptOutcome,
  manager: TokenManager,
  tokenUsed: string,
): Promise<void> {
  if (run.record.tokenReplayed) {
    recordOutcome(run.record, outcome, `token rejected again: ${failureMessage(outcome)}`, 0)
    throw failCall(run, tokenRejectedAgainError(run, outcome.classification.code))
  }
  run.record.noteTokenReplay()
  recordOutcome(run.record, outcome, `token rejected: ${failureMessage(outcome)}`, 0)
  await manager.expire(tokenUsed)
  emitHook(run.setup, 'onRetry', {
    platform: run.setup.platform,
    endpoint: run.endpoint,
    attempt: outcome.attempt,
    delayMs: 0,
    reason: 'access token rejected; replaying once with a new token',
  })
}
