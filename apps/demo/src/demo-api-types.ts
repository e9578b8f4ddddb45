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

/** Where a platform's documentation lives: its guide and its API reference. */
export interface PlatformDocs {
  /** The guide's page on the documentation site, when the repository has the guide. */
  readonly guide?: {
    readonly title: string
    readonly url: string
    /** The guide's file in the repository, e.g. `docs/platforms/youshu.md`. */
    readonly repositoryPath: string
  }
  /** The package's page of the API reference on the documentation site. */
  readonly apiUrl: string
}

export interface PlatformInfo {
  readonly id: string
  readonly label: string
  readonly packageName: string
  readonly docs: PlatformDocs
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

/**
 * The one state of a sync's result, derived from the SDK's `status`, `accepted` and `delivery`:
 * - `synced` — succeeded: the platform stored the order;
 * - `accepted_for_processing` — succeeded with `accepted: true`: the platform took the order to
 *   process later (Alipay+'s resultStatus A, where S is stored at once);
 * - `not_sent`, `rejected`, `uncertain`, `partial` — failed, by its `delivery`;
 * - `not_reportable_yet` — failed with an error that only says "not yet" (see {@link PlatformPreview});
 * - `skipped` — read but never sent.
 */
export type SyncState =
  | 'synced'
  | 'accepted_for_processing'
  | 'not_sent'
  | 'rejected'
  | 'uncertain'
  | 'partial'
  | 'not_reportable_yet'
  | 'skipped'

/** A field of the SDK's result, its value and what that value means. */
export interface ResultField {
  readonly name: string
  readonly value: string
  readonly meaning: string
}

export interface SyncResultView {
  /** The SDK's `status`. */
  readonly status: 'succeeded' | 'failed' | 'skipped'
  /** For a failure, the SDK's `delivery`: `not_sent`, `rejected`, `uncertain` or `partial`. */
  readonly delivery?: string
  readonly state: SyncState
  /** The state in a few words, for the badge. */
  readonly badge: string
  /** What the state means for the platform's copy of the order, in a sentence. */
  readonly summary: string
  /**
   * Why a failure happened: the SDK's error message, when the failure has no canonical paths
   * (those are in `errors`) and is not a "not yet".
   */
  readonly failure?: string
  /** The SDK result's fields that the state is derived from, with their meaning. */
  readonly fields: readonly ResultField[]
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

/** Where one value of the canonical order went in a platform's payload. */
export interface MappingRow {
  /** The canonical path, e.g. `lines[0].unitPrice`. */
  readonly path: string
  /** The canonical value, as text (money as `50.00 CNY`). */
  readonly value: string
  /**
   * How the destinations were found:
   * - `traced` — changing this value (and nothing else) changed exactly these payload fields;
   * - `same_value` — an amount whose change would break the order's sums: the payload fields
   *   that hold the same amount, in minor or major units;
   * - `not_carried` — the platform has no field for it (its warning says so);
   * - `not_traced` — no other value of it makes an order the platform takes, and no payload
   *   field holds it as it is.
   */
  readonly how: 'traced' | 'same_value' | 'not_carried' | 'not_traced'
  readonly destinations: readonly { readonly path: string; readonly value: string }[]
  /** For `not_carried`: the platform's warning. */
  readonly note?: string
}

export type MappingResponse =
  | { readonly state: 'ready'; readonly rows: readonly MappingRow[] }
  | { readonly state: 'unavailable'; readonly reason: string }

export interface ErrorResponse {
  readonly error: string
}
