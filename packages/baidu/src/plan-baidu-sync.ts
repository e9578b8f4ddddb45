import { omitUndefined } from '@ordersync/core'
import type {
  BaiduAppendSubInfoRequest,
  BaiduOrder,
  BaiduOrderKey,
  BaiduOrderQuery,
  BaiduSubsOrder,
  BaiduSubsOrderItem,
  BaiduUpdateMainInfoRequest,
  BaiduUpdateMainStatusRequest,
  BaiduUpdateSubInfoRequest,
} from './baidu-order-schema.ts'
import type { BaiduPreparedOrder } from './convert-to-baidu-order.ts'

/**
 * One call of a later version through Baidu's update endpoints: the `api` method's name and its
 * request, one order in `Data`.
 *
 * @example
 * ```ts
 * const call: BaiduUpdateCall = {
 *   name: 'updateMainStatus',
 *   request: { query: { open_id: 'k5nF3wqL9' }, body: { Data: [{ CateID: 1, BizAPPID: appKey, ResourceID: '2221554346520', Status: 200 }] } },
 * }
 * ```
 */
export type BaiduUpdateCall =
  | { readonly name: 'updateMainStatus'; readonly request: BaiduUpdateMainStatusRequest }
  | { readonly name: 'updateMainInfo'; readonly request: BaiduUpdateMainInfoRequest }
  | { readonly name: 'appendSubInfo'; readonly request: BaiduAppendSubInfoRequest }
  | { readonly name: 'updateSubInfo'; readonly request: BaiduUpdateSubInfoRequest }

/**
 * Why a version goes through `add/main/info`:
 * - `not_held` — what Baidu holds is unknown (no version store, or a send in doubt since);
 * - `order_key_changed` — another `CateID` or `BizAPPID` (the update endpoints find an order by
 *   them);
 * - `query_changed` — another buyer (`open_id`, `swan_id`) or cashier order (`scene_id`,
 *   `scene_type`): they go with the import, and Baidu does not say that an update moves them;
 * - `no_open_id` — a buyer with a `swan_id` alone: the page lists only `open_id` on the update
 *   endpoints, and Baidu's Go SDK sends `swan_id` on `add/main/info` alone;
 * - `after_sales_removed` — an after-sale order Baidu holds is left out, or the after-sale orders
 *   are in another order: no update endpoint deletes or reorders them, only the overwrite does.
 *
 * @example
 * ```ts
 * const reason: BaiduAddReason = 'after_sales_removed'
 * ```
 */
type BaiduAddReason =
  | 'not_held'
  | 'order_key_changed'
  | 'query_changed'
  | 'no_open_id'
  | 'after_sales_removed'

/**
 * How a version reaches Baidu: one `add/main/info` (the full overwrite), or the update calls that
 * turn what Baidu holds into it — none when nothing changed.
 *
 * @example
 * ```ts
 * const plan: BaiduSyncPlan = { kind: 'add', reason: 'not_held' }
 * ```
 */
export type BaiduSyncPlan =
  | { readonly kind: 'add'; readonly reason: BaiduAddReason }
  | { readonly kind: 'update'; readonly calls: readonly BaiduUpdateCall[] }

/** Whether two JSON values are equal: objects by their keys (in any order), lists item by item. */
function sameJson(left: unknown, right: unknown): boolean {
  if (left === right) return true
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null)
    return false
  if (Array.isArray(left) || Array.isArray(right)) {
    return (
      Array.isArray(left) &&
      Array.isArray(right) &&
      left.length === right.length &&
      left.every((item, index) => sameJson(item, right[index]))
    )
  }
  const leftRecord = left as Readonly<Record<string, unknown>>
  const rightRecord = right as Readonly<Record<string, unknown>>
  // A key whose value is undefined is not sent: it counts as absent.
  const keys = Object.keys(leftRecord).filter((key) => leftRecord[key] !== undefined)
  const rightKeys = Object.keys(rightRecord).filter((key) => rightRecord[key] !== undefined)
  return (
    keys.length === rightKeys.length &&
    keys.every((key) => sameJson(leftRecord[key], rightRecord[key]))
  )
}

/** Everything of an order but its `Status` and after-sale orders: what `update/main/info` replaces. */
function mainInfoOf(order: BaiduOrder): object {
  const { Status: _status, EXT, ...fields } = order
  return { ...fields, MainOrder: EXT.MainOrder }
}

/** The main-order call, if the main order changed: its info (with the status), or its status. */
function mainOrderCalls(
  held: BaiduOrder,
  next: BaiduOrder,
  key: BaiduOrderKey,
  query: BaiduOrderQuery,
): BaiduUpdateCall[] {
  if (!sameJson(mainInfoOf(held), mainInfoOf(next))) {
    // The page's update/main/info example (订单同步接口, 更新主订单信息接口) carries Status, so one
    // call sets both. Title, Ctime and Mtime are in the page's Data table (必填) though neither in
    // that example nor in Baidu's Go SDK (openapi/updateOrderInfo.go): sent, so that a new Mtime
    // reaches Baidu and its record is the one add/main/info of this version makes.
    const { EXT, ...fields } = next
    return [
      {
        name: 'updateMainInfo',
        request: { query, body: { Data: [{ ...fields, EXT: { MainOrder: EXT.MainOrder } }] } },
      },
    ]
  }
  if (held.Status === next.Status) return []
  return [
    {
      name: 'updateMainStatus',
      request: { query, body: { Data: [{ ...key, Status: next.Status }] } },
    },
  ]
}

/**
 * How the after-sale orders changed: those added (after the ones held) and those changed. None
 * when one held is left out or they are in another order.
 */
function diffAfterSales(
  held: BaiduSubsOrder | undefined,
  next: BaiduSubsOrder | undefined,
):
  | {
      readonly added: readonly BaiduSubsOrderItem[]
      readonly changed: readonly BaiduSubsOrderItem[]
    }
  | undefined {
  const heldItems = held?.Items ?? []
  const items = next?.Items ?? []
  // append/sub/info imports after-sale orders beside those held (导入售后订单信息接口), and no
  // endpoint deletes one. Where it puts them Baidu does not say; after them, as the sandbox does,
  // so the held ones must come first, in their order, for the record to be add/main/info's.
  const kept = items.slice(0, heldItems.length)
  if (
    kept.length < heldItems.length ||
    kept.some((item, index) => item.SubOrderID !== heldItems[index]?.SubOrderID)
  ) {
    return undefined
  }
  return {
    added: items.slice(heldItems.length),
    changed: kept.filter((item, index) => !sameJson(item, heldItems[index])),
  }
}

/**
 * The after-sale calls: `append/sub/info` for those added, `update/sub/info` for those changed —
 * or for every one held, when only the summary `Status` changed and nothing is appended to carry
 * it. Each call carries the version's summary `Status`.
 */
function afterSaleCalls(
  held: BaiduSubsOrder | undefined,
  next: BaiduSubsOrder | undefined,
  diff: NonNullable<ReturnType<typeof diffAfterSales>>,
  key: BaiduOrderKey,
  query: BaiduOrderQuery,
): BaiduUpdateCall[] {
  if (next === undefined) return []
  const entry = (items: readonly BaiduSubsOrderItem[]) => [
    { ...key, EXT: { SubsOrder: { Status: next.Status, Items: items } } },
  ]
  const statusOnly =
    diff.added.length === 0 && diff.changed.length === 0 && held?.Status !== next.Status
  const updated = statusOnly ? next.Items : diff.changed
  return [
    ...(diff.added.length === 0
      ? []
      : [
          { name: 'appendSubInfo' as const, request: { query, body: { Data: entry(diff.added) } } },
        ]),
    ...(updated.length === 0
      ? []
      : [{ name: 'updateSubInfo' as const, request: { query, body: { Data: entry(updated) } } }]),
  ]
}

/**
 * Chooses how a version of an order reaches Baidu, from the version Baidu holds (core's version
 * store: the version last confirmed, with nothing in doubt or in flight since) and the new one.
 * Baidu's page asks that an order it holds be updated through the update endpoints, since
 * `add/main/info` overwrites the whole record, after-sale orders included ("故更新订单场景请使用更新
 * 专用接口", 导入主订单信息):
 *
 * - only `Status` changed → `update/main/status`;
 * - `Title`, `Ctime`, `Mtime` or `EXT.MainOrder` changed → `update/main/info`, which carries the
 *   status too;
 * - after-sale orders added after those held → `append/sub/info`; changed → `update/sub/info`;
 * - nothing changed → no call;
 * - anything the update endpoints cannot do → `add/main/info` ({@link BaiduAddReason}).
 *
 * The calls go in the page's order (main order, then append, then update); each names the order
 * by `CateID`, `BizAPPID` and `ResourceID` and carries the query without `swan_id`.
 *
 * @param held - The prepared version Baidu holds, or `undefined` when unknown.
 * @param next - The prepared version to send.
 * @returns The plan.
 * @example
 * ```ts
 * const v1 = toBaiduOrder(parseOrder(order), { appKey })
 * const v2 = toBaiduOrder(parseOrder({ ...order, status: 'completed' }), { appKey })
 * planBaiduSync(v1, v2) // { kind: 'update', calls: [{ name: 'updateMainStatus', … }] }
 * planBaiduSync(undefined, v2) // { kind: 'add', reason: 'not_held' }
 * ```
 */
export function planBaiduSync(
  held: BaiduPreparedOrder | undefined,
  next: BaiduPreparedOrder,
): BaiduSyncPlan {
  if (held === undefined) return { kind: 'add', reason: 'not_held' }
  const [was] = held.body.Data
  const [order] = next.body.Data
  if (
    was.ResourceID !== order.ResourceID ||
    was.CateID !== order.CateID ||
    was.BizAPPID !== order.BizAPPID
  ) {
    return { kind: 'add', reason: 'order_key_changed' }
  }
  if (!sameJson(held.query, next.query)) return { kind: 'add', reason: 'query_changed' }
  const { open_id, scene_id, scene_type } = next.query
  if (open_id === undefined) return { kind: 'add', reason: 'no_open_id' }
  const diff = diffAfterSales(was.EXT.SubsOrder, order.EXT.SubsOrder)
  if (diff === undefined) return { kind: 'add', reason: 'after_sales_removed' }
  const key: BaiduOrderKey = {
    CateID: order.CateID,
    BizAPPID: order.BizAPPID,
    ResourceID: order.ResourceID,
  }
  const query: BaiduOrderQuery = omitUndefined({ open_id, scene_id, scene_type })
  return {
    kind: 'update',
    calls: [
      ...mainOrderCalls(was, order, key, query),
      ...afterSaleCalls(was.EXT.SubsOrder, order.EXT.SubsOrder, diff, key, query),
    ],
  }
}
