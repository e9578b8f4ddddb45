import type { OrderSyncError } from '../errors/order-sync-error.ts'
import { type PersonalDataKeys, personalValuesIn, type Redactor } from '../ground/redact.ts'
import { type CallRedaction, createCallRedaction } from './call-redaction.ts'
import { DeliveryRecord } from './delivery-record.ts'
import { doubtListenerOf } from './in-doubt-listener.ts'
import type { RetryPolicy } from './retry-policy.ts'
import type {
  IncomingResponse,
  ResponseClassification,
  TransportCall,
  TransportHooks,
  TransportOptions,
} from './transport-types.ts'

/** ky's module, loaded on the first request. */
export type KyModule = typeof import('ky')

/** What one transport holds for all its calls: its checked settings and its seams. */
export interface TransportSetup {
  readonly platform: string
  readonly baseURL: string
  readonly policy: RetryPolicy
  readonly redactor: Redactor
  /** The platform's personal keys, unless personal data beyond phone numbers is not redacted. */
  readonly personalData: PersonalDataKeys | undefined
  readonly userAgent: string | undefined
  readonly options: TransportOptions
  readonly random: () => number
  readonly now: () => number
  /** Loads ky, once. */
  readonly loadKy: () => Promise<KyModule>
}

/** One call in progress: what every unit of the transport needs to know about it. */
export interface CallRun {
  readonly setup: TransportSetup
  readonly call: TransportCall<unknown>
  readonly endpoint: string
  readonly classify: (response: IncomingResponse) => ResponseClassification
  readonly authenticate: boolean
  readonly startedAt: number
  readonly record: DeliveryRecord
  readonly redaction: CallRedaction
}

const noPersonalValues: readonly string[] = []

/** Starts a call: its classifier, its bookkeeping and its redaction. */
export function startCall(setup: TransportSetup, call: TransportCall<unknown>): CallRun {
  return {
    setup,
    call,
    endpoint: call.endpoint,
    classify: call.classify ?? setup.options.classify,
    authenticate: call.authenticate ?? true,
    startedAt: setup.now(),
    record: new DeliveryRecord(call.carriesOrder ?? true, doubtListenerOf(call.signal)),
    redaction: createCallRedaction(setup.redactor, () => [
      ...(call.sensitive ?? noPersonalValues),
      ...(call.body === undefined
        ? noPersonalValues
        : personalValuesIn(call.body, setup.personalData)),
    ]),
  }
}

/** Hands a hook its event; a hook that throws is ignored, it never breaks a call. */
export function emitHook<K extends keyof TransportHooks>(
  setup: TransportSetup,
  name: K,
  event: Parameters<NonNullable<TransportHooks[K]>>[0],
): void {
  try {
    ;(setup.options.hooks?.[name] as ((value: typeof event) => void) | undefined)?.(event)
  } catch {
    // A hook must never break a call.
  }
}

/** Tells `onError` about the call's error, and returns it to be thrown. */
export function failCall<E extends OrderSyncError>(run: CallRun, error: E): E {
  emitHook(run.setup, 'onError', { platform: run.setup.platform, endpoint: run.endpoint, error })
  return error
}
