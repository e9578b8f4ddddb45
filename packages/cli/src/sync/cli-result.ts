import {
  ApiCallError,
  createRedactor,
  OrderSyncError,
  type OrderSyncResult,
  type SyncDelivery,
  UnsupportedMappingError,
  ValidationError,
} from '@ordersync/core'

/**
 * What became of one order in a run of `ordersync sync`: `prepared` only in a dry run (it would
 * have been sent).
 */
type CliOutcome = 'succeeded' | 'failed' | 'uncertain' | 'skipped' | 'prepared'

/** One order's line in `--out results.jsonl`. */
export interface CliResult {
  readonly platform: string
  /** Its line in a JSON Lines input (from 1). */
  readonly line?: number
  /** Its place in the input (from 0), blank lines not counted. */
  readonly position: number
  readonly id: string | null
  /** Its `modifiedAt` as the input gave it. */
  readonly version: string | number | null
  readonly outcome: CliOutcome
  /** Why it was skipped: `unchanged` (the ledger says the platform holds it), `stale_version`, `aborted`, `interrupted`. */
  readonly reason?: string
  /** Of a failure: core's `SyncDelivery`. */
  readonly delivery?: SyncDelivery
  readonly errorCode?: string
  /** Redacted, one line. */
  readonly errorMessage?: string
}

/** What the command knows of an order it handed to `syncOrders`. */
export interface TrackedOrder {
  readonly line: number | undefined
  readonly position: number
  readonly id: string | null
  readonly version: string | number | null
}

const redactor = createRedactor()

/** The error's code for people and scripts: the platform's code where there is one. */
function errorCodeOf(error: unknown): string {
  if (ApiCallError.isInstance(error)) {
    if (error.platformCode !== undefined) return String(error.platformCode)
    return error.httpStatus === undefined ? 'api_call_failed' : `http_${error.httpStatus}`
  }
  if (ValidationError.isInstance(error)) return 'invalid'
  if (UnsupportedMappingError.isInstance(error)) return 'unsupported'
  const name = error instanceof Error ? error.name : ''
  if (name === 'AuthenticationError') {
    const code = (error as { platformCode?: unknown }).platformCode
    return code === undefined ? 'authentication' : String(code)
  }
  if (name === 'InvalidArgumentError') return 'invalid_setting'
  return OrderSyncError.isInstance(error) ? 'error' : 'unexpected'
}

/** The error's message, one line, redacted once more (core's errors already are). */
function errorMessageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return redactor.text(message.replace(/\s*\n\s*/g, ' '))
}

/** The line of one order's result, from core's result and what the command tracked. */
export function cliResultOf(
  platform: string,
  result: OrderSyncResult,
  tracked: TrackedOrder,
  dryRun: boolean,
): CliResult {
  const id = result.orderId ?? tracked.id
  const { line, position, version } = tracked
  if (result.status === 'succeeded') {
    // One line per order of a backfill: made without spreading.
    const outcome = dryRun ? 'prepared' : 'succeeded'
    return line === undefined
      ? { platform, position, id, version, outcome }
      : { platform, line, position, id, version, outcome }
  }
  const base = { platform, ...(line === undefined ? {} : { line }), position, id, version }
  if (result.status === 'skipped') return { ...base, outcome: 'skipped', reason: result.reason }
  const uncertain = result.delivery === 'uncertain' || result.delivery === 'partial'
  return {
    ...base,
    outcome: uncertain ? 'uncertain' : 'failed',
    delivery: result.delivery,
    errorCode: errorCodeOf(result.error),
    errorMessage: errorMessageOf(result.error),
  }
}
