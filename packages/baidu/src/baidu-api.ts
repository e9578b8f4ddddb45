import {
  type CallOptions,
  checkCallOptions,
  parsePlatformRequest,
  type SyncWarning,
  ValidationError,
} from '@ordersync/core'
import type { z } from 'zod'
import {
  afterSalesErasedWarning,
  afterSalesLeftOutWarning,
  type BaiduAfterSaleLedger,
  type BaiduOverwriteResult,
  overwriteResultOfFailure,
} from './baidu-after-sale-ledger.ts'
import {
  type BaiduAddMainInfoRequest,
  type BaiduAppendSubInfoRequest,
  type BaiduMainOrder,
  type BaiduOrderQuery,
  type BaiduSubsOrder,
  type BaiduUpdateMainInfoRequest,
  type BaiduUpdateMainLogisticsRequest,
  type BaiduUpdateMainStatusRequest,
  type BaiduUpdateSubInfoRequest,
  type BaiduUpdateSubStatusRequest,
  baiduAddMainInfoRequestSchema,
  baiduAppendSubInfoRequestSchema,
  baiduUpdateMainInfoRequestSchema,
  baiduUpdateMainLogisticsRequestSchema,
  baiduUpdateMainStatusRequestSchema,
  baiduUpdateSubInfoRequestSchema,
  baiduUpdateSubStatusRequestSchema,
} from './baidu-order-schema.ts'
import {
  type BaiduResponse,
  type BaiduResponseRow,
  findBaiduRow,
  isRejectedRow,
} from './baidu-response.ts'
import type { BaiduSend } from './baidu-transport.ts'
import { checkBaiduMainOrder, checkBaiduSubsOrder } from './check-baidu-order-consistency.ts'

/**
 * A `ResourceID` an `api` call sent that Baidu's answer has no row for: whether Baidu applied it
 * is unknown. `answerRows` says how many rows came back (none of them this order's).
 *
 * @example
 * ```ts
 * const missing: BaiduMissingRow = { ResourceID: '3221554346520', answerRows: 1 }
 * ```
 */
export interface BaiduMissingRow {
  /** The `ResourceID` sent. */
  readonly ResourceID: string
  /** How many rows Baidu's answer held, none of them for this `ResourceID`. */
  readonly answerRows: number
}

/**
 * What an `api` call returns. Every `ResourceID` sent is accounted for: its row applied it, or its
 * row is in `rejected` (`rows_affected` "0": Baidu did not apply it, although `errno` is 0), or it
 * is in `missing` (no row for it: Baidu may or may not have applied it — send it again, and if
 * that repeats, show Baidu the answer). `warnings` are about the request (the document's
 * identities it breaks, a `swan_id` where the document has only `open_id`, after-sale orders an
 * `add/main/info` erases).
 *
 * @example
 * ```ts
 * await syncOrders({ platform: baidu, orders: [rest] }) // Baidu now has order 2221554346520
 * const { rejected, missing } = await baidu.api.updateMainStatus({
 *   query: { open_id: 'openid-2221554346520', scene_id: '15925907919' },
 *   body: {
 *     Data: [
 *       { CateID: 1, BizAPPID: appKey, ResourceID: '2221554346520', Status: 6 },
 *       { CateID: 1, BizAPPID: appKey, ResourceID: 'not-sent-yet', Status: 6 },
 *     ],
 *   },
 * })
 * rejected.map((row) => row.resource_id) // ['not-sent-yet'] — the orders Baidu did not update
 * missing // [] — every order sent has its row
 * ```
 */
export interface BaiduCallResult {
  readonly response: BaiduResponse
  readonly rejected: readonly BaiduResponseRow[]
  readonly missing: readonly BaiduMissingRow[]
  readonly warnings: readonly SyncWarning[]
}

/**
 * The order-center endpoints as typed methods (`BaiduClient.api`). The update endpoints need an
 * order Baidu already has (ResourceID, and SubOrderID for the after-sale ones). Each method checks
 * its `options` first: `null`, or a `signal` that is not an `AbortSignal`, is refused with
 * `InvalidArgumentError` (naming `options` or `options.signal`) before the request is checked or
 * a token fetched.
 *
 * @example
 * ```ts
 * const api: BaiduApi = baidu.api
 * ```
 */
export interface BaiduApi {
  /** `add/main/info`: imports one order, or overwrites it with its after-sale data (全量覆盖). */
  addMainInfo(request: BaiduAddMainInfoRequest, options?: CallOptions): Promise<BaiduCallResult>
  /** `update/main/info`: updates existing orders' main information. */
  updateMainInfo(
    request: BaiduUpdateMainInfoRequest,
    options?: CallOptions,
  ): Promise<BaiduCallResult>
  /** `update/main/status`: updates existing orders' status. */
  updateMainStatus(
    request: BaiduUpdateMainStatusRequest,
    options?: CallOptions,
  ): Promise<BaiduCallResult>
  /** `update/main/logistics`: reports parcels of existing orders. */
  updateMainLogistics(
    request: BaiduUpdateMainLogisticsRequest,
    options?: CallOptions,
  ): Promise<BaiduCallResult>
  /** `append/sub/info`: adds after-sale orders to an existing order. */
  appendSubInfo(request: BaiduAppendSubInfoRequest, options?: CallOptions): Promise<BaiduCallResult>
  /** `update/sub/info`: replaces existing after-sale orders (全量覆盖). */
  updateSubInfo(request: BaiduUpdateSubInfoRequest, options?: CallOptions): Promise<BaiduCallResult>
  /** `update/sub/status`: updates existing after-sale orders' status. */
  updateSubStatus(
    request: BaiduUpdateSubStatusRequest,
    options?: CallOptions,
  ): Promise<BaiduCallResult>
}

/** What the `api` methods share: the transport, the after-sale ledger, the paths, the Data shape. */
export interface BaiduApiContext {
  readonly send: BaiduSend
  readonly ledger: BaiduAfterSaleLedger
  /** The path of each method (`updateSubStatus`: the client's `updateSubStatusPath`). */
  readonly paths: Readonly<Record<keyof BaiduApi, string>>
  readonly afterSaleData: 'list' | 'object'
}

/** One entry of any request's `Data`, as far as the answer rows and the ledger read it. */
interface DataEntry {
  readonly ResourceID: string
  readonly EXT?:
    | {
        /**
         * Not read: listed so that a main-order entry's `EXT`, which has no `SubsOrder`, is one of
         * these (the compiler wants a type of optional keys only to share one of them).
         */
        readonly MainOrder?: unknown
        readonly SubsOrder?:
          | { readonly Items: readonly { readonly SubOrderID: string }[] }
          | undefined
      }
    | undefined
}

/** What a call does to the after-sale orders Baidu holds. */
type LedgerEffect = 'overwrite' | 'append' | 'none'

/** The request the `api` method `Name` takes. */
type RequestOf<Name extends keyof BaiduApi> = Parameters<BaiduApi[Name]>[0]

/** One endpoint: its name on the page, its request schema, its warnings, and its effects. */
interface Endpoint<Request> {
  readonly label: string
  readonly schema: z.ZodType<Request>
  readonly warnings: (request: Request) => SyncWarning[]
  /** `Data` as a list, or in the shape of the afterSaleData setting. */
  readonly data: 'list' | 'afterSale'
  readonly ledger: LedgerEffect
}

/** Whether `Data` is a list (several orders) rather than one order. */
function isList<T>(value: T | readonly T[]): value is readonly T[] {
  return Array.isArray(value)
}

const asList = <T>(value: T | readonly T[]): readonly T[] => (isList(value) ? value : [value])

/** The `SubOrderID`s of an entry's `EXT.SubsOrder`, if it has one. */
export function subOrderIdsOf(entry: DataEntry): readonly string[] {
  return entry.EXT?.SubsOrder?.Items.map((item) => item.SubOrderID) ?? []
}

/** The document's identities a main-order request breaks (`add/main/info`, `update/main/info`). */
function mainOrderWarnings(request: {
  readonly body: {
    readonly Data: readonly {
      readonly EXT: {
        readonly MainOrder: BaiduMainOrder
        readonly SubsOrder?: BaiduSubsOrder | undefined
      }
    }[]
  }
}): SyncWarning[] {
  return request.body.Data.flatMap((entry, index) => [
    ...checkBaiduMainOrder(entry.EXT.MainOrder, ['body', 'Data', index, 'EXT', 'MainOrder']),
    ...(entry.EXT.SubsOrder === undefined
      ? []
      : checkBaiduSubsOrder(entry.EXT.SubsOrder, ['body', 'Data', index, 'EXT', 'SubsOrder'])),
  ])
}

/** One order of an after-sale request, as far as {@link checkBaiduSubsOrder} reads it. */
interface AfterSaleEntry {
  readonly EXT: { readonly SubsOrder: Parameters<typeof checkBaiduSubsOrder>[0] }
}

/** The document's rules an after-sale request breaks, at `Data`'s own shape (object or list). */
function subsOrderWarnings(request: {
  readonly body: { readonly Data: AfterSaleEntry | readonly AfterSaleEntry[] }
}): SyncWarning[] {
  const single = !isList(request.body.Data)
  return asList(request.body.Data).flatMap((entry, index) =>
    checkBaiduSubsOrder(entry.EXT.SubsOrder, [
      'body',
      'Data',
      ...(single ? [] : [index]),
      'EXT',
      'SubsOrder',
    ]),
  )
}

const none = (): SyncWarning[] => []

// The main-order endpoints take Data as a list, as every example of the page and Baidu's SDKs
// write it; the after-sale ones in the shape of the afterSaleData setting.
const endpoints: { readonly [Name in keyof BaiduApi]: Endpoint<RequestOf<Name>> } = {
  addMainInfo: {
    label: 'add/main/info',
    schema: baiduAddMainInfoRequestSchema,
    warnings: mainOrderWarnings,
    data: 'list',
    ledger: 'overwrite',
  },
  updateMainInfo: {
    label: 'update/main/info',
    schema: baiduUpdateMainInfoRequestSchema,
    warnings: mainOrderWarnings,
    data: 'list',
    ledger: 'none',
  },
  updateMainStatus: {
    label: 'update/main/status',
    schema: baiduUpdateMainStatusRequestSchema,
    warnings: none,
    data: 'list',
    ledger: 'none',
  },
  updateMainLogistics: {
    label: 'update/main/logistics',
    schema: baiduUpdateMainLogisticsRequestSchema,
    warnings: none,
    data: 'list',
    ledger: 'none',
  },
  appendSubInfo: {
    label: 'append/sub/info',
    schema: baiduAppendSubInfoRequestSchema,
    warnings: subsOrderWarnings,
    data: 'afterSale',
    ledger: 'append',
  },
  updateSubInfo: {
    label: 'update/sub/info',
    schema: baiduUpdateSubInfoRequestSchema,
    warnings: subsOrderWarnings,
    data: 'afterSale',
    ledger: 'append',
  },
  updateSubStatus: {
    label: 'update/sub/status',
    schema: baiduUpdateSubStatusRequestSchema,
    warnings: subsOrderWarnings,
    data: 'afterSale',
    ledger: 'append',
  },
}

/**
 * `Data` of an after-sale request in the chosen shape: a list, or the one order as an object (the
 * page's shape), refusing several orders, which that shape cannot carry.
 */
function shapeAfterSaleData(
  data: readonly DataEntry[],
  shape: 'list' | 'object',
  subject: string,
): unknown {
  if (shape === 'list') return data
  if (data.length === 1) return data[0]
  throw new ValidationError({
    platform: 'baidu',
    subject,
    issues: [
      {
        path: ['body', 'Data'],
        code: 'baidu_rule',
        message: `holds ${data.length} orders, but afterSaleData is 'object' (Baidu's page: one order per call, its after-sale orders in EXT.SubsOrder.Items): send one call per order, or set afterSaleData: 'list'`,
      },
    ],
  })
}

/**
 * `swan_id` where Baidu documents only `open_id`: the page lists `open_id` alone on every endpoint,
 * and Baidu's Go SDK sends `swan_id` on `add/main/info` only (`openapi/addOrderInfo.go`; its
 * update, logistics and after-sale requests carry `open_id` alone). Sent as given — it may be the
 * only id of a buyer not logged in — with a warning.
 */
function swanIdWarnings(name: keyof BaiduApi, query: BaiduOrderQuery): SyncWarning[] {
  if (name === 'addMainInfo' || query.swan_id === undefined) return []
  return [
    {
      path: ['query', 'swan_id'],
      code: 'undocumented_parameter',
      message: `is sent as given, but for ${endpoints[name].label} Baidu's page lists only open_id, and Baidu's Go SDK sends swan_id on add/main/info alone (openapi/addOrderInfo.go): Baidu may not take it here — give the buyer's open_id`,
    },
  ]
}

/**
 * The warnings of a request before it is sent: the document's rules it breaks, a `swan_id` where
 * Baidu documents only `open_id`, and, for an overwrite, the after-sale orders it erases (each
 * version announced to the ledger).
 */
function requestWarnings<Name extends keyof BaiduApi>(
  context: BaiduApiContext,
  name: Name,
  request: RequestOf<Name>,
  data: readonly DataEntry[],
): SyncWarning[] {
  const endpoint: Endpoint<RequestOf<Name>> = endpoints[name]
  return [
    ...endpoint.warnings(request),
    ...swanIdWarnings(name, request.query),
    ...(endpoint.ledger === 'overwrite'
      ? data.flatMap((entry, index) =>
          afterSalesLeftOutWarning(
            entry.ResourceID,
            subOrderIdsOf(entry).length,
            context.ledger.announce(entry.ResourceID, subOrderIdsOf(entry), request),
            ['body', 'Data', index, 'EXT', 'SubsOrder'],
          ),
        )
      : []),
  ]
}

/** The `ResourceID`s sent that the answer has no row for, each once. */
function missingRows(
  data: readonly DataEntry[],
  rows: readonly BaiduResponseRow[],
): BaiduMissingRow[] {
  const ids = [...new Set(data.map((entry) => entry.ResourceID))]
  return ids
    .filter((id) => findBaiduRow(id, rows).kind === 'missing')
    .map((id) => ({ ResourceID: id, answerRows: rows.length }))
}

const overwriteResults = {
  applied: 'stored',
  rejected: 'not_stored',
  missing: 'uncertain',
} as const satisfies Record<string, BaiduOverwriteResult>

/**
 * Tells the ledger what the answer says of each entry: an overwrite is stored, not stored or
 * uncertain by its row; after-sale orders appended or updated are (possibly) held unless their
 * row is "0". Returns the warnings of a stored overwrite that erased more than was announced.
 */
function recordAnswer(
  ledger: BaiduAfterSaleLedger,
  effect: LedgerEffect,
  data: readonly DataEntry[],
  version: object,
  rows: readonly BaiduResponseRow[],
): SyncWarning[] {
  if (effect === 'none') return []
  return data.flatMap((entry, index) => {
    const verdict = findBaiduRow(entry.ResourceID, rows).kind
    if (effect === 'append') {
      if (verdict !== 'rejected') ledger.append(entry.ResourceID, subOrderIdsOf(entry))
      return []
    }
    const erased = ledger.settle(
      entry.ResourceID,
      subOrderIdsOf(entry),
      version,
      overwriteResults[verdict],
    )
    return afterSalesErasedWarning(entry.ResourceID, erased, [
      'body',
      'Data',
      index,
      'EXT',
      'SubsOrder',
    ])
  })
}

/** Tells the ledger about a call that threw: what it carried may be held if it may have arrived. */
function recordFailure(
  ledger: BaiduAfterSaleLedger,
  effect: LedgerEffect,
  data: readonly DataEntry[],
  version: object,
  error: unknown,
): void {
  const result = overwriteResultOfFailure(error)
  for (const entry of data) {
    if (effect === 'overwrite') {
      ledger.settle(entry.ResourceID, subOrderIdsOf(entry), version, result)
    } else if (effect === 'append' && result === 'uncertain') {
      ledger.append(entry.ResourceID, subOrderIdsOf(entry))
    }
  }
}

/** A request of any `api` method, as far as sending it and the ledger read it. */
export interface BaiduRequest {
  readonly query: BaiduOrderQuery
  readonly body: { readonly Data: DataEntry | readonly DataEntry[] }
}

/** What {@link sendBaiduRequest} answers: Baidu's envelope, and what an overwrite erased. */
export interface BaiduSent {
  readonly response: BaiduResponse
  /** The `after_sales_erased` warnings of a stored overwrite that erased more than announced. */
  readonly erased: readonly SyncWarning[]
}

/**
 * Sends a request of the `api` method `name` as it is, without checking it, and tells the ledger
 * what the answer (or the failure) says of every order sent. The `api` methods check the request
 * first; the sync path sends what the conversion built, which the schema never refuses (the
 * property test of `toBaiduOrder`), so it comes here directly.
 *
 * @param context - The transport, the ledger, the paths and the after-sale `Data` shape.
 * @param name - The `api` method whose endpoint is called.
 * @param request - The query and the body; `Data` is sent as a list, or, on the after-sale
 *   endpoints, in the shape of the `afterSaleData` setting.
 * @param signal - Aborts the call; core hears of a request in doubt through it.
 * @returns Baidu's envelope and the warnings of what an overwrite erased.
 * @throws what the transport throws, and `ValidationError` for several orders in the page's
 *   after-sale shape.
 * @example
 * ```ts
 * // type-checked only: the sync path's update calls
 * declare const context: BaiduApiContext
 * const key = { CateID: 1, BizAPPID: appKey, ResourceID: '2221554346520' } as const
 * await sendBaiduRequest(context, 'updateMainStatus', { query: { open_id: 'k5nF3wqL9' }, body: { Data: [{ ...key, Status: 200 }] } }, undefined)
 * ```
 */
export async function sendBaiduRequest(
  context: BaiduApiContext,
  name: keyof BaiduApi,
  request: BaiduRequest,
  signal: AbortSignal | undefined,
): Promise<BaiduSent> {
  const endpoint = endpoints[name]
  const data = asList(request.body.Data)
  const body = {
    ...request.body,
    Data:
      endpoint.data === 'list'
        ? data
        : shapeAfterSaleData(data, context.afterSaleData, `Baidu ${endpoint.label} request`),
  }
  let response: BaiduResponse
  try {
    response = await context.send(context.paths[name], request.query, body, signal)
  } catch (error) {
    recordFailure(context.ledger, endpoint.ledger, data, request, error)
    throw error
  }
  const erased = recordAnswer(context.ledger, endpoint.ledger, data, request, response.data ?? [])
  return { response, erased }
}

/**
 * One `api` call: validates the request, sends it, and accounts for every ResourceID sent. The
 * request is sent as given, not as the schema parses it: the parse only checks it, and the bytes
 * keep the caller's key order.
 */
async function callBaidu<Name extends keyof BaiduApi>(
  context: BaiduApiContext,
  name: Name,
  request: RequestOf<Name>,
  signal: AbortSignal | undefined,
): Promise<BaiduCallResult> {
  const endpoint: Endpoint<RequestOf<Name>> = endpoints[name]
  parsePlatformRequest(endpoint.schema, request, {
    platform: 'baidu',
    subject: `Baidu ${endpoint.label} request`,
  })
  const data = asList<DataEntry>(request.body.Data)
  // Only an overwrite's warnings tell the ledger anything, and its Data is never reshaped: an
  // after-sale request refused for its shape (in sendBaiduRequest) has announced nothing.
  const warnings = requestWarnings(context, name, request, data)
  const { response, erased } = await sendBaiduRequest(context, name, request, signal)
  const rows = response.data ?? []
  return {
    response,
    rejected: rows.filter(isRejectedRow),
    missing: missingRows(data, rows),
    warnings: [...warnings, ...erased],
  }
}

/**
 * The `api` methods of one client.
 *
 * @param context - The transport, the after-sale ledger, the paths and the after-sale Data shape.
 * @returns The methods.
 */
export function createBaiduApi(context: BaiduApiContext): BaiduApi {
  const method =
    <Name extends keyof BaiduApi>(name: Name) =>
    async (request: RequestOf<Name>, options?: CallOptions) => {
      // The options first: nothing (a check, the ledger, a token) starts on a call refused.
      const { signal } = checkCallOptions(options, 'baidu')
      return callBaidu(context, name, request, signal)
    }
  return {
    addMainInfo: method('addMainInfo'),
    updateMainInfo: method('updateMainInfo'),
    updateMainStatus: method('updateMainStatus'),
    updateMainLogistics: method('updateMainLogistics'),
    appendSubInfo: method('appendSubInfo'),
    updateSubInfo: method('updateSubInfo'),
    updateSubStatus: method('updateSubStatus'),
  }
}
