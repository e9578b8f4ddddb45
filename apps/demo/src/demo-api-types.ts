// The JSON the demo server and the page exchange. Types only: the page imports them without
// bundling any server code.

/** A problem with its canonical path (`lines.0.quantity`). */
export interface PathIssue {
  readonly path: string
  readonly message: string
  readonly code: string
}

/** The fault switches of a platform. */
export type FaultId = 'token_expired' | 'busy' | 'timeout' | 'drop'

export interface FaultInfo {
  readonly id: FaultId
  readonly label: string
  /** What the switch does to the next sync. */
  readonly description: string
  /** Why the switch cannot be used on this platform, when it cannot. */
  readonly unavailable?: string
}

export interface PlatformInfo {
  readonly id: string
  readonly label: string
  readonly auth: 'token' | 'signature'
  readonly syncEndpoint: string
  /** The path the fault switches act on (the first call of every sync). */
  readonly faultEndpoint: string
  /** The path of the platform's access-token endpoint, for a token platform. */
  readonly tokenEndpoint?: string
  readonly faults: readonly FaultInfo[]
  /** The switches that are on. */
  readonly activeFaults: readonly FaultId[]
}

interface SampleInfo {
  readonly id: string
  readonly label: string
  readonly description: string
  readonly order: unknown
}

export interface BootstrapResponse {
  readonly platforms: readonly PlatformInfo[]
  readonly samples: readonly SampleInfo[]
}

/** What one platform makes of the order. */
export type PlatformPreview =
  | {
      readonly platform: string
      readonly state: 'ready'
      readonly keyFields: readonly { readonly path: string; readonly value: string }[]
      /** The payload the package builds, the order's phone numbers redacted. */
      readonly payload: unknown
      readonly warnings: readonly PathIssue[]
    }
  | {
      readonly platform: string
      /** The platform refuses the order before anything is sent. */
      readonly state: 'refused'
      readonly message: string
      readonly errors: readonly PathIssue[]
    }
  | {
      readonly platform: string
      /**
       * The platform takes only finished orders and this one is still open: nothing is sent now;
       * the order can be synced once it is completed or cancelled.
       */
      readonly state: 'not_reportable_yet'
      readonly message: string
      readonly errors: readonly PathIssue[]
    }

export type PreviewResponse =
  | { readonly valid: true; readonly platforms: readonly PlatformPreview[] }
  | { readonly valid: false; readonly issues: readonly PathIssue[] }

/** One entry of the HTTP exchange, as the SDK's hooks report it (redacted). */
export type ExchangeEntry =
  | {
      readonly kind: 'request'
      readonly endpoint: string
      readonly attempt: number
      readonly method: string
      readonly url: string
      readonly headers: Readonly<Record<string, string>>
      readonly body: string | undefined
    }
  | {
      readonly kind: 'response'
      readonly endpoint: string
      readonly attempt: number
      readonly status: number
      readonly outcome: string
      readonly durationMs: number
      readonly body: string
    }
  | {
      readonly kind: 'retry'
      readonly endpoint: string
      readonly attempt: number
      readonly delayMs: number
      readonly reason: string
    }
  | { readonly kind: 'error'; readonly endpoint: string; readonly message: string }
  | {
      /** A fault switch acting on this sync through the sandbox's control API. */
      readonly kind: 'fault'
      readonly fault: FaultId
      readonly description: string
    }

export interface SyncResultView {
  /** `not_reportable_yet`: a failure that only says "not yet" (see {@link PlatformPreview}). */
  readonly status: 'succeeded' | 'failed' | 'not_reportable_yet' | 'skipped'
  readonly message: string
  /** For a failure: `not_sent`, `rejected`, `uncertain` or `partial`. */
  readonly delivery?: string
  readonly platformIds: Readonly<Record<string, string>>
  readonly warnings: readonly PathIssue[]
  readonly errors: readonly PathIssue[]
}

export interface SyncResponse {
  readonly platform: string
  readonly orderId: string | undefined
  readonly result: SyncResultView
  readonly exchange: readonly ExchangeEntry[]
  /**
   * The order as the sandbox stored it (the order's phone numbers redacted), or `null` when it
   * holds none under this id.
   */
  readonly stored: unknown
}

export interface BatchStatus {
  readonly id: string
  readonly platform: string
  readonly total: number
  /** Whether the first call of the batch met an outage (every attempt dropped). */
  readonly outage: boolean
  readonly done: number
  readonly succeeded: number
  readonly failed: number
  readonly uncertain: number
  readonly finished: boolean
  /** The first few failures, with their reasons. */
  readonly failures: readonly {
    readonly orderId: string | undefined
    /** `not_sent`, `rejected`, `uncertain` or `partial`. */
    readonly delivery: string | undefined
    readonly message: string
  }[]
}

export interface ErrorResponse {
  readonly error: string
}
