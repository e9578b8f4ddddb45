/**
 * The outcome of an order's last send, as the ledger records it: `in_flight` while a send is
 * claimed and not settled (or a run died with it), `succeeded` when the platform confirmed the
 * newest version and nothing older can land over it, `uncertain` when the platform may or may not
 * hold the newest version, `failed` when it does not.
 *
 * @example
 * ```ts
 * const outcome: LedgerOutcome = 'uncertain'
 * ```
 */
export type LedgerOutcome = 'in_flight' | 'succeeded' | 'failed' | 'uncertain'

/**
 * What the ledger knows of one order on one platform.
 *
 * @example
 * ```ts
 * const entry: LedgerEntry = {
 *   platform: 'youshu',
 *   orderId: 'order-1001',
 *   outcome: 'succeeded',
 *   delivered: { modifiedAt: 1716170700000, digest: 'pVbM…' },
 *   newestModifiedAt: 1716170700000,
 *   inFlight: 0,
 *   delivery: undefined,
 *   errorCode: undefined,
 *   errorMessage: undefined,
 *   updatedAt: 1716170701000,
 * }
 * ```
 */
export interface LedgerEntry {
  readonly platform: string
  readonly orderId: string
  readonly outcome: LedgerOutcome
  /**
   * The version the platform holds, when known: confirmed, with nothing older that may land over
   * it. Its `modifiedAt` and the digest of its content (when the writer gave one).
   */
  readonly delivered:
    | { readonly modifiedAt: number | undefined; readonly digest: string | undefined }
    | undefined
  /** The `modifiedAt` of the newest version claimed: an older one is never sent. */
  readonly newestModifiedAt: number | undefined
  /** How many sends of the order are in flight (claimed, not settled). */
  readonly inFlight: number
  /** Of a failure: `not_sent`, `rejected`, `uncertain` or `partial` (core's `SyncDelivery`). */
  readonly delivery: string | undefined
  /** Of a failure: the platform's code, or the kind of error. */
  readonly errorCode: string | undefined
  /** Of a failure: the error's message (redacted). */
  readonly errorMessage: string | undefined
  /** When the order's record last changed (epoch ms). */
  readonly updatedAt: number
}

/**
 * What a failed order's result says, for `Ledger.recordFailure`.
 *
 * @example
 * ```ts
 * const failure: LedgerFailure = { outcome: 'failed', delivery: 'rejected', errorCode: '1004', errorMessage: '[ordersync] [youshu] …' }
 * ```
 */
export interface LedgerFailure {
  /** `uncertain` when the platform may hold the order (delivery `uncertain` or `partial`). */
  readonly outcome: Extract<LedgerOutcome, 'failed' | 'uncertain'>
  readonly delivery: string
  readonly errorCode: string
  /** The error's message; keep it redacted (core's errors are). */
  readonly errorMessage: string
}
