import type { ApiCallAttempt, ApiCallDelivery } from '../errors/api-call-error.ts'
import type { Redactor } from '../ground/redact.ts'
import type { DoubtListener } from './in-doubt-listener.ts'

/**
 * The delivery bookkeeping of one call: every attempt, and what together they say about the
 * order — whether some attempt may have reached the platform and been stored, and whether any
 * answer came back at all. A failure text that may quote a value (a platform's message, a socket
 * error) is kept as it came and redacted only when an error is built or the caller reads the
 * attempts, so a call that succeeds without hooks redacts nothing.
 */
export class DeliveryRecord {
  readonly #carriesOrder: boolean
  readonly #attempts: ApiCallAttempt[] = []
  readonly #ownText: boolean[] = []
  #mayBeStored = false
  #answered = false
  #tokenReplayed = false

  readonly #listener: DoubtListener | undefined

  /**
   * @param carriesOrder - `false` for a call made before the order (a lookup): never more than `not_sent`.
   * @param listener - told, with this record as the call's identity, when an attempt that carries
   *   the order starts and when one may still reach the platform.
   */
  constructor(carriesOrder: boolean, listener?: DoubtListener) {
    this.#carriesOrder = carriesOrder
    this.#listener = listener
  }

  /** An attempt is about to be sent. */
  noteSending(): void {
    if (this.#carriesOrder) this.#listener?.sending(this)
  }

  /** Adds an attempt; `ownText` when its failure text is the transport's own and needs no redaction. */
  add(entry: ApiCallAttempt, ownText: boolean): void {
    this.#attempts.push(entry)
    this.#ownText.push(ownText)
  }

  /** An attempt may have reached the platform: a timeout, a reset, a retryable 5xx, an abort in flight. */
  noteMayBeStored(): void {
    this.#mayBeStored = true
    if (this.#carriesOrder) this.#listener?.inDoubt(this)
  }

  /** An answer came back: the platform saw the request. */
  noteAnswered(): void {
    this.#answered = true
  }

  /** The one token replay a call is allowed has been made. */
  noteTokenReplay(): void {
    this.#tokenReplayed = true
  }

  /** How many attempts the call has made so far. */
  get attemptCount(): number {
    return this.#attempts.length
  }

  /** Whether the call has replayed a rejected token already. */
  get tokenReplayed(): boolean {
    return this.#tokenReplayed
  }

  /** What the attempts so far say about the order. */
  get delivery(): ApiCallDelivery {
    if (!this.#carriesOrder) return 'not_sent'
    if (this.#mayBeStored) return 'uncertain'
    return this.#answered ? 'rejected' : 'not_sent'
  }

  /** The delay recorded after attempt `attempt`: what ky waits before the next one. */
  delayAfter(attempt: number): number {
    return this.#attempts.find((entry) => entry.attempt === attempt)?.delayMs ?? 0
  }

  /** Every attempt so far, each failure text that is not the transport's own redacted. */
  attempts(redactor: () => Redactor): ApiCallAttempt[] {
    return this.#attempts.map((entry, index) =>
      this.#ownText[index] === true ? entry : { ...entry, failure: redactor().text(entry.failure) },
    )
  }
}
