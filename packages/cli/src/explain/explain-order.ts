import {
  formatIssuePath,
  formatMoney,
  type Order,
  OrderSyncError,
  type OrderSyncPlatformV1,
  type SyncWarning,
  UnsupportedMappingError,
  ValidationError,
  validateOrder,
} from '@ordersync/core'
import { firstLine } from '../cli-error.ts'

/** A problem with a canonical path: a validation issue, a refusal's cause or a warning. */
interface PathProblem {
  /** The canonical path, as `lines[0].quantity`. */
  readonly path: string
  readonly code: string
  readonly message: string
}

/** What one platform would make of the order. */
export interface PlatformExplanation {
  readonly platform: string
  /** Whose settings made the client: the configuration's, or the sandbox's (no configuration). */
  readonly settings: 'config' | 'sandbox'
  /** `sends`: it would send `payload`; `refuses`: its `prepare` refused the order. */
  readonly verdict: 'sends' | 'refuses'
  readonly payload?: unknown
  /** What it cannot carry exactly, each with the canonical path. */
  readonly warnings: readonly PathProblem[]
  /** Why it refuses: the error's message and each problem with its path. */
  readonly refusal?: { readonly message: string; readonly problems: readonly PathProblem[] }
}

/** The order checked against the canonical model, then each platform's verdict. */
export interface OrderExplanation {
  readonly orderId: string | undefined
  readonly valid: boolean
  /** Every problem of the canonical order, each with its path (empty when valid). */
  readonly problems: readonly PathProblem[]
  /** A few words about a valid order: status, type, lines, payable. */
  readonly summary: string | undefined
  /** Each platform's verdict; none when the order is not valid. */
  readonly platforms: readonly PlatformExplanation[]
}

const warningOf = (warning: SyncWarning): PathProblem => ({
  path: formatIssuePath(warning.path),
  code: warning.code,
  message: warning.message,
})

function refusalOf(error: unknown): PlatformExplanation['refusal'] {
  const message = firstLine(error).replace(/^\[ordersync\] \[[^\]]+\] /, '')
  if (ValidationError.isInstance(error)) {
    return {
      message: `${error.subject} is invalid`,
      problems: error.issues.map((issue) => ({
        path: formatIssuePath(issue.path),
        code: issue.code,
        message: issue.message,
      })),
    }
  }
  if (UnsupportedMappingError.isInstance(error)) {
    return {
      message,
      problems: [{ path: formatIssuePath(error.path), code: 'unsupported', message: error.reason }],
    }
  }
  return {
    message: OrderSyncError.isInstance(error) ? message : `prepare failed: ${message}`,
    problems: [],
  }
}

/** The payload without the platform's copy of the warnings, which are shown apart. */
function withoutWarnings(payload: unknown): unknown {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return payload
  if (!('warnings' in payload)) return payload
  const { warnings: _warnings, ...rest } = payload as Record<string, unknown>
  return rest
}

function summaryOf(order: Order): string {
  const lines = order.lines.length
  return `${order.status}, ${order.type}, ${lines} ${lines === 1 ? 'line' : 'lines'}, payable ${formatMoney(order.payableAmount)} ${order.payableAmount.currency}`
}

/**
 * Explains an order: validates it against the canonical model (every problem with its path) and,
 * when it is valid, asks each platform's client what it would send (`prepare`: pure, no network)
 * — its payload and warnings, or why it refuses.
 */
export function explainOrder(
  input: unknown,
  clients: readonly {
    readonly client: OrderSyncPlatformV1<unknown>
    readonly settings: 'config' | 'sandbox'
  }[],
): OrderExplanation {
  const id = (input as { id?: unknown } | null)?.id
  const orderId = typeof id === 'string' ? id : undefined
  const validation = validateOrder(input)
  if (!validation.success) {
    return {
      orderId,
      valid: false,
      problems: validation.error.issues.map((issue) => ({
        path: formatIssuePath(issue.path),
        code: issue.code,
        message: issue.message,
      })),
      summary: undefined,
      platforms: [],
    }
  }
  const order = validation.order
  const platforms = clients.map(({ client, settings }): PlatformExplanation => {
    try {
      const prepared = client.prepare(order)
      return {
        platform: client.platform,
        settings,
        verdict: 'sends',
        payload: withoutWarnings(prepared.payload),
        warnings: prepared.warnings.map(warningOf),
      }
    } catch (error) {
      const refusal = refusalOf(error)
      return {
        platform: client.platform,
        settings,
        verdict: 'refuses',
        warnings: [],
        ...(refusal === undefined ? {} : { refusal }),
      }
    }
  })
  return { orderId: order.id, valid: true, problems: [], summary: summaryOf(order), platforms }
}
