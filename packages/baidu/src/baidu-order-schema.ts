import { lazySchema, type WireShape } from '@ordersync/core'
import { z } from 'zod'

// The schemas here are built on first use (lazySchema), not when the package is imported:
// constructing zod schemas costs time at startup that a program which has not validated anything
// yet should not pay, and most programs never use most of them.

// The request bodies of Baidu's order center, field by field as the document "订单同步接口"
// (https://smartprogram.baidu.com/docs/develop/serverapi/order_importupdate/) types them in its
// "POST请求参数说明" tables. Unknown keys are refused: Baidu ignores what it does not know, so an
// unknown key is nearly always a typo. Where the document's examples contradict its tables, the
// table wins and the deviation of the example is a warning (checkBaiduRequest), never a silent
// acceptance: SubStatus "" and SubsOrder.Status 0 of the examples, the missing SubsOrder.Status of
// the append example.

const text = lazySchema(() => z.string().min(1, 'must not be empty'))
/** Integer fen ("单位分，即100代表1元"); int64 on Baidu's side, a safe integer here. */
const fen = lazySchema(() =>
  z
    .number()
    .int('must be an integer number of fen')
    .nonnegative('must not be negative')
    .max(Number.MAX_SAFE_INTEGER),
)
/** Unix seconds (Ctime, Mtime, CTime, MTime, Payment.Time). */
const unixSeconds = lazySchema(() =>
  z
    .number()
    .int('must be integer Unix seconds')
    .nonnegative('must not be negative')
    .max(99_999_999_999, 'must be Unix seconds, not milliseconds'),
)
const count = lazySchema(() => z.number().int('must be an integer').positive('must be at least 1'))

/**
 * `CateID` values: the document defines 1 (实物, physical goods) and 2 (虚拟物品, virtual goods),
 * each with its status table. Baidu's Go SDK (baidu/smartapp-openapi-go, `addOrderInfo.go`) names
 * more categories (5 快递服务, 10 上门服务, 15 酒店, 20 票务, 25 打车, …) whose status tables are not
 * published, so they are not offered.
 *
 * @example
 * ```ts
 * baiduCategoryIds.includes(2) // true: virtual goods
 * ```
 */
export const baiduCategoryIds = [1, 2] as const

/**
 * `Data.Status` by `CateID`, from the document's two tables (CateID 1 and 2).
 *
 * @example
 * ```ts
 * baiduOrderStatusesByCategory[1] // [1, 5, 6, 100, 200, 300]
 * ```
 */
export const baiduOrderStatusesByCategory: {
  readonly 1: readonly [1, 5, 6, 100, 200, 300]
  readonly 2: readonly [1, 2, 3, 4, 100, 200, 300]
} = {
  1: [1, 5, 6, 100, 200, 300],
  2: [1, 2, 3, 4, 100, 200, 300],
}

/**
 * After-sale `SubsOrder.Status` and `Item.SubStatus` values (退换货枚举值): 400 申请中, 401 处理中,
 * 402 退款成功, 403 换货完成, 404 已关闭, 407 卖家已拒绝.
 *
 * @example
 * ```ts
 * baiduAfterSaleStatuses.includes(407) // true: the seller refused
 * ```
 */
export const baiduAfterSaleStatuses = [400, 401, 402, 403, 404, 407] as const

/**
 * After-sale `OrderType` values: 1 仅退款 (refund only), 2 换货 (exchange), 3 退款+退货 (return and refund).
 *
 * @example
 * ```ts
 * baiduAfterSaleOrderTypes.includes(3) // true
 * ```
 */
export const baiduAfterSaleOrderTypes = [1, 2, 3] as const

const categoryId = lazySchema(() => z.union(baiduCategoryIds.map((value) => z.literal(value))))
const afterSaleStatus = lazySchema(() =>
  z.union(baiduAfterSaleStatuses.map((value) => z.literal(value))),
)

/** @internal A DetailPage (跳转结构): every field optional. */
export const detailPageSchema: z.ZodType<BaiduDetailPage> = lazySchema(() =>
  z.strictObject({
    Status: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
    Name: z.string().optional(),
    H5Schema: z.string().optional(),
    SwanSchema: z.string().optional(),
    IPhoneSchema: z.string().optional(),
    AndroidSchema: z.string().optional(),
  } satisfies WireShape<BaiduDetailPage>),
)

const product: z.ZodType<BaiduProduct> = lazySchema(() =>
  z.strictObject({
    ID: text,
    Name: text,
    Desc: z.string().optional(),
    Quantity: count,
    Price: fen,
    PayPrice: fen,
    ImgList: z.array(text).max(5, 'takes at most 5 images (最多5张)').optional(),
    DetailPage: detailPageSchema.optional(),
    SkuAttr: z
      .array(z.strictObject({ Name: text, Value: text }))
      .max(4, 'takes at most 4 attributes (最多4个)')
      .optional(),
  } satisfies WireShape<BaiduProduct>),
)

const paymentSpecInfo: z.ZodType<BaiduPaymentSpecInfo> = lazySchema(() =>
  z.strictObject({
    Name: text,
    Value: fen,
    Quantity: count,
  } satisfies WireShape<BaiduPaymentSpecInfo>),
)

const payment: z.ZodType<BaiduPayment> = lazySchema(() =>
  z.strictObject({
    Method: z.union([z.literal(1), z.literal(2)]),
    Amount: fen,
    IsPayment: z.boolean(),
    Time: unixSeconds.optional(),
    PreferentialInfo: z.array(paymentSpecInfo).optional(),
    PaymentInfo: z.array(paymentSpecInfo).optional(),
  } satisfies WireShape<BaiduPayment>),
)

const mainOrder: z.ZodType<BaiduMainOrder> = lazySchema(() =>
  z.strictObject({
    Products: z.array(product).min(1, 'must list at least one product'),
    Payment: payment,
    Appraise: detailPageSchema.optional(),
    OrderDetail: detailPageSchema.optional(),
  } satisfies WireShape<BaiduMainOrder>),
)

// SubStatus "" and SubsOrder.Status 0 are what the document's own examples send; the table wants
// one of the 退换货枚举值. Accepted here so that the examples go through, and warned about.
const subStatus = lazySchema(() => z.union([afterSaleStatus, z.literal('')]))
const subsOrderStatus = lazySchema(() => z.union([afterSaleStatus, z.literal(0)]))

const subsOrderItem: z.ZodType<BaiduSubsOrderItem> = lazySchema(() =>
  z.strictObject({
    SubOrderID: text,
    SubStatus: subStatus,
    CTime: unixSeconds,
    MTime: unixSeconds,
    OrderType: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    OrderDetail: detailPageSchema.optional(),
    Refund: z
      .strictObject({
        Amount: fen,
        Product: z
          .array(z.strictObject({ ID: text, Quantity: count, Amount: fen }))
          .min(1, 'must list the products concerned'),
      })
      .optional(),
  } satisfies WireShape<BaiduSubsOrderItem>),
)

const subsOrder: z.ZodType<BaiduSubsOrder> = lazySchema(() =>
  z.strictObject({
    Status: subsOrderStatus,
    Items: z.array(subsOrderItem).min(1, 'must list at least one after-sale order'),
  } satisfies WireShape<BaiduSubsOrder>),
)

/** Checks `Status` against the table of its `CateID` (only 1 and 2 have published tables). */
function statusForCategory(
  value: { readonly CateID: BaiduOrderKey['CateID']; readonly Status?: number | undefined },
  context: z.RefinementCtx,
): void {
  // `undefined` only for a CateID the schema refused, should zod ever refine such an object.
  const allowed: readonly number[] | undefined = baiduOrderStatusesByCategory[value.CateID]
  if (value.Status !== undefined && allowed !== undefined && !allowed.includes(value.Status)) {
    context.addIssue({
      code: 'custom',
      path: ['Status'],
      message: `is ${value.Status}, not a status of CateID ${value.CateID} (${allowed.join(', ')})`,
    })
  }
}

const orderStatus = lazySchema(() => z.number().int().nonnegative())

/**
 * The schema of one order (`Data[]` item) of `add/main/info`.
 *
 * @example
 * ```ts
 * baiduOrderSchema.safeParse(toBaiduOrder(order, { appKey }).body.Data[0]).success // true
 * ```
 */
export const baiduOrderSchema: z.ZodType<BaiduOrder> = lazySchema(() =>
  z
    .strictObject({
      CateID: categoryId,
      BizAPPID: text,
      Title: text,
      ResourceID: text,
      Ctime: unixSeconds,
      Mtime: unixSeconds,
      Status: orderStatus,
      EXT: z.strictObject({
        MainOrder: mainOrder,
        SubsOrder: subsOrder.optional(),
      } satisfies WireShape<BaiduOrder['EXT']>),
    } satisfies WireShape<BaiduOrder>)
    .superRefine(statusForCategory),
)

const orderKey = {
  CateID: categoryId,
  BizAPPID: text,
  ResourceID: text,
} satisfies WireShape<BaiduOrderKey>

/**
 * The query parameters of every order-center call besides `access_token` and `pm_app_key`, which
 * the client adds: `open_id` (the document marks it required on every endpoint) and `swan_id`
 * (later copies of the page take it instead, for a buyer not logged in to the Baidu App, who has no
 * openId): at least one of them, both when both are known; `scene_id` (the order id Baidu's cashier
 * gave in the payment notification) and `scene_type` ("开发者请默认传 2"; the client sends 2 when
 * absent).
 *
 * @example
 * ```ts
 * baiduOrderQuerySchema.safeParse({ open_id: 'o1', swan_id: 's1' }).success // true
 * baiduOrderQuerySchema.safeParse({ scene_id: '15925907919' }).success // false — no open_id or swan_id
 * ```
 */
export const baiduOrderQuerySchema: z.ZodType<BaiduOrderQuery> = lazySchema(() =>
  z
    .strictObject({
      open_id: text.optional(),
      swan_id: text.optional(),
      scene_id: text.optional(),
      scene_type: z.number().int().nonnegative().optional(),
    } satisfies WireShape<BaiduOrderQuery>)
    .superRefine((value, context) => {
      if (value.open_id === undefined && value.swan_id === undefined) {
        context.addIssue({
          code: 'custom',
          path: ['open_id'],
          message: 'is required (or swan_id, for a buyer not logged in to the Baidu App)',
        })
      }
    }),
)

/** `Data` as a list of orders. */
function dataList<Item>(item: z.ZodType<Item>): z.ZodType<Item[]> {
  return z.array(item).min(1, 'must carry at least one order')
}

/** `Data` as one order or a list of them (the after-sale endpoints). */
function oneOrMany<Item>(item: z.ZodType<Item>): z.ZodType<Item | Item[]> {
  return z.union([item, dataList(item)])
}

/**
 * `Data` of `add/main/info`: exactly one order (暂不支持批量导入). The refinement only tells the
 * compiler so (a one-element tuple): it runs when nothing failed, that is when `min` and `max` held,
 * so it never adds an issue of its own.
 */
function oneOrder<Item>(item: z.ZodType<Item>): z.ZodType<[Item]> {
  return z
    .array(item)
    .min(1, 'must carry at least one order')
    .max(1, 'takes one order per call (暂不支持批量导入)')
    .refine((list): list is [Item] => list.length === 1, {
      when: (payload) => payload.issues.length === 0,
    })
}

/** A request: the query parameters and the body. */
function request<Body>(
  body: z.ZodType<Body>,
): z.ZodType<{ readonly query: BaiduOrderQuery; readonly body: Body }> {
  return z.strictObject({ query: baiduOrderQuerySchema, body })
}

/**
 * The schema of an `add/main/info` request: exactly one order in `Data`.
 *
 * @example
 * ```ts
 * baiduAddMainInfoRequestSchema.safeParse({ query: { open_id: 'o1' }, body: { Data: [] } }).success // false
 * ```
 */
export const baiduAddMainInfoRequestSchema: z.ZodType<BaiduAddMainInfoRequest> = lazySchema(() =>
  request(z.strictObject({ Data: oneOrder(baiduOrderSchema) })),
)

/**
 * The schema of an `update/main/info` request. Its example sends no Title, Ctime or Mtime, so
 * they are optional here; the order must exist (ResourceID).
 *
 * @example
 * ```ts
 * baiduUpdateMainInfoRequestSchema.safeParse({
 *   query: { open_id: 'openid-2221554346520', scene_id: '15925907919' },
 *   body: { Data: [{ CateID: 1, BizAPPID: appKey, ResourceID: '2221554346520', Status: 200, EXT: { MainOrder: { Products: [{ ID: '1014093064', Name: '苹果', Quantity: 1, Price: 2390, PayPrice: 2390 }], Payment: { Method: 1, Amount: 2390, IsPayment: true } } } }] },
 * }).success // true
 * ```
 */
export const baiduUpdateMainInfoRequestSchema: z.ZodType<BaiduUpdateMainInfoRequest> = lazySchema(
  () =>
    request(
      z.strictObject({
        Data: dataList(
          z
            .strictObject({
              ...orderKey,
              Title: text.optional(),
              Ctime: unixSeconds.optional(),
              Mtime: unixSeconds.optional(),
              Status: orderStatus.optional(),
              EXT: z.strictObject({ MainOrder: mainOrder }),
            } satisfies WireShape<BaiduUpdateMainInfoRequest['body']['Data'][number]>)
            .superRefine(statusForCategory),
        ),
      }),
    ),
)

/**
 * The schema of an `update/main/status` request (its example updates two orders in one call).
 *
 * @example
 * ```ts
 * baiduUpdateMainStatusRequestSchema.safeParse({
 *   query: { open_id: 'o1' },
 *   body: { Data: [{ CateID: 1, BizAPPID: 'key', ResourceID: '1', Status: 6 }] },
 * }).success // true
 * ```
 */
export const baiduUpdateMainStatusRequestSchema: z.ZodType<BaiduUpdateMainStatusRequest> =
  lazySchema(() =>
    request(
      z.strictObject({
        Data: dataList(
          z
            .strictObject({ ...orderKey, Status: orderStatus } satisfies Record<
              keyof BaiduUpdateMainStatusRequest['body']['Data'][number],
              z.ZodType
            >)
            .superRefine(statusForCategory),
        ),
      }),
    ),
  )

const express: z.ZodType<BaiduExpress> = lazySchema(() =>
  z.strictObject({
    ID: text,
    Type: z.union([z.literal(1), z.literal(2)]),
    Code: text,
    Name: text,
    Status: z.number().int().nonnegative(),
  } satisfies WireShape<BaiduExpress>),
)

/**
 * The schema of an `update/main/logistics` request. The document has no section for it: the
 * shape is that of Baidu's official Go SDK (`submitOrderLogistics.go`), which sends every field of
 * one `Express` object (the .NET SKIT client sends a list; Baidu's own SDK is followed). `Type` 1
 * is the seller's shipment, 2 the buyer's return; `Status` is 0 ("开发者默认传 0").
 *
 * @example
 * ```ts
 * baiduUpdateMainLogisticsRequestSchema.safeParse({
 *   query: { open_id: 'o1' },
 *   body: { Data: [{ CateID: 1, BizAPPID: 'key', ResourceID: '1', EXT: { MainOrder: { Express: { ID: 'SF1', Type: 1, Code: 'shunfeng', Name: '顺丰', Status: 0 } } } }] },
 * }).success // true
 * ```
 */
export const baiduUpdateMainLogisticsRequestSchema: z.ZodType<BaiduUpdateMainLogisticsRequest> =
  lazySchema(() =>
    request(
      z.strictObject({
        Data: dataList(
          z
            .strictObject({
              ...orderKey,
              Status: orderStatus.optional(),
              EXT: z.strictObject({
                MainOrder: z.strictObject({
                  Express: express,
                }),
              }),
            } satisfies Record<
              keyof BaiduUpdateMainLogisticsRequest['body']['Data'][number],
              z.ZodType
            >)
            .superRefine(statusForCategory),
        ),
      }),
    ),
  )

/** One order of `append/sub/info` (`SubsOrder.Status` optional) or `update/sub/info`. */
function subInfoItem(statusRequired: boolean): z.ZodType<BaiduSubInfo> {
  return z.strictObject({
    ...orderKey,
    EXT: z.strictObject({
      SubsOrder: z.strictObject({
        Status: statusRequired ? subsOrderStatus : subsOrderStatus.optional(),
        Items: z.array(subsOrderItem).min(1, 'must list at least one after-sale order'),
      } satisfies WireShape<BaiduSubInfo['EXT']['SubsOrder']>),
    }),
  } satisfies WireShape<BaiduSubInfo>)
}

/**
 * The schema of an `append/sub/info` request. The document's example writes `Data` as one object
 * (one order, its after-sale orders batched in `Items`), Baidu's Go SDK sends a list
 * (`addOrderSubInfo.go`): both are accepted, and the client sends the shape its `afterSaleData`
 * setting names. Its example omits `SubsOrder.Status`, which the table requires: accepted, with a
 * warning.
 *
 * @example
 * ```ts
 * baiduAppendSubInfoRequestSchema.safeParse({
 *   query: { open_id: 'openid-2221554346520', scene_id: '15925907919' },
 *   body: { Data: { CateID: 1, BizAPPID: appKey, ResourceID: '2221554346520', EXT: { SubsOrder: { Status: 400, Items: [{ SubOrderID: 'r1', SubStatus: 400, CTime: 1571026201, MTime: 1571026201, OrderType: 1 }] } } } },
 * }).success // true
 * ```
 */
export const baiduAppendSubInfoRequestSchema: z.ZodType<BaiduAppendSubInfoRequest> = lazySchema(
  () => request(z.strictObject({ Data: oneOrMany(subInfoItem(false)) })),
)

/**
 * The schema of an `update/sub/info` request: it replaces the after-sale information of an
 * existing order (全量覆盖); the ResourceID and every SubOrderID must exist. `Data` is one object
 * (the document) or a list (the Go SDK); the client sends the shape its `afterSaleData` setting
 * names.
 *
 * @example
 * ```ts
 * baiduUpdateSubInfoRequestSchema.safeParse({
 *   query: { open_id: 'openid-2221554346520', scene_id: '15925907919' },
 *   body: { Data: [{ CateID: 1, BizAPPID: appKey, ResourceID: '2221554346520', EXT: { SubsOrder: { Status: 402, Items: [{ SubOrderID: 'r1', SubStatus: 402, CTime: 1571026201, MTime: 1571026301, OrderType: 1 }] } } }] },
 * }).success // true
 * ```
 */
export const baiduUpdateSubInfoRequestSchema: z.ZodType<BaiduUpdateSubInfoRequest> = lazySchema(
  () => request(z.strictObject({ Data: oneOrMany(subInfoItem(true)) })),
)

/**
 * The schema of an `update/sub/status` request: the summary status and each item's SubStatus.
 * `Data` is one object (the document) or a list (the Go SDK); the client sends the shape its
 * `afterSaleData` setting names.
 *
 * @example
 * ```ts
 * baiduUpdateSubStatusRequestSchema.safeParse({
 *   query: { open_id: 'o1' },
 *   body: { Data: { CateID: 1, BizAPPID: 'key', ResourceID: '1', EXT: { SubsOrder: { Status: 402, Items: [{ SubOrderID: 'r1', SubStatus: 402 }] } } } },
 * }).success // true
 * ```
 */
export const baiduUpdateSubStatusRequestSchema: z.ZodType<BaiduUpdateSubStatusRequest> = lazySchema(
  () =>
    request(
      z.strictObject({
        Data: oneOrMany<BaiduSubStatus>(
          z.strictObject({
            ...orderKey,
            EXT: z.strictObject({
              SubsOrder: z.strictObject({
                Status: subsOrderStatus,
                Items: z
                  .array(z.strictObject({ SubOrderID: text, SubStatus: subStatus }))
                  .min(1, 'must list at least one after-sale order'),
              }),
            }),
          } satisfies WireShape<BaiduSubStatus>),
        ),
      }),
    ),
)

/**
 * A DetailPage (跳转结构): how Baidu's order list links to a page. `Status` 0 hides the entry,
 * 1 shows it without a link, 2 shows it with a link.
 *
 * @example
 * ```ts
 * const page: BaiduDetailPage = { Status: 2, SwanSchema: 'baiduboxapp://swan/<appKey>/pages/order/detail?id=1' }
 * ```
 */
export interface BaiduDetailPage {
  readonly Status?: 0 | 1 | 2 | undefined
  readonly Name?: string | undefined
  readonly H5Schema?: string | undefined
  readonly SwanSchema?: string | undefined
  readonly IPhoneSchema?: string | undefined
  readonly AndroidSchema?: string | undefined
}

/**
 * One product of `EXT.MainOrder.Products`. Prices in integer fen, per unit.
 *
 * @example
 * ```ts
 * const product: BaiduProduct = { ID: '1014093064', Name: '苹果', Quantity: 1, Price: 2390, PayPrice: 2390 }
 * ```
 */
export interface BaiduProduct {
  readonly ID: string
  readonly Name: string
  readonly Desc?: string | undefined
  readonly Quantity: number
  /** 原价: the unit price, fen. */
  readonly Price: number
  /** 实付价: the unit price paid, fen. */
  readonly PayPrice: number
  /** At most 5. */
  readonly ImgList?: readonly string[] | undefined
  readonly DetailPage?: BaiduDetailPage | undefined
  /** At most 4. */
  readonly SkuAttr?: readonly { readonly Name: string; readonly Value: string }[] | undefined
}

/**
 * A `PaymentSpecInfo`: one line of `PreferentialInfo` (discounts) or `PaymentInfo` (freight and
 * other charges). `Value` in fen, per `Quantity`.
 *
 * @example
 * ```ts
 * const freight: BaiduPaymentSpecInfo = { Name: '运费', Value: 100, Quantity: 1 }
 * ```
 */
export interface BaiduPaymentSpecInfo {
  readonly Name: string
  readonly Value: number
  readonly Quantity: number
}

/**
 * `EXT.MainOrder.Payment`. `Amount = Σ(PayPrice × Quantity) + Σ(PaymentInfo.Value × Quantity) −
 * Σ(PreferentialInfo.Value × Quantity)`, in fen.
 *
 * @example
 * ```ts
 * const payment: BaiduPayment = { Method: 1, Amount: 2390, IsPayment: true, Time: 1233212343 }
 * ```
 */
export interface BaiduPayment {
  /** 1 online, 2 cash on delivery. */
  readonly Method: 1 | 2
  readonly Amount: number
  readonly IsPayment: boolean
  readonly Time?: number | undefined
  readonly PreferentialInfo?: readonly BaiduPaymentSpecInfo[] | undefined
  readonly PaymentInfo?: readonly BaiduPaymentSpecInfo[] | undefined
}

/**
 * `EXT.MainOrder`.
 *
 * @example
 * ```ts
 * const main: BaiduMainOrder = {
 *   Products: [{ ID: '1014093064', Name: '苹果', Quantity: 2, Price: 2390, PayPrice: 2390 }],
 *   Payment: { Method: 1, Amount: 4880, IsPayment: true, PaymentInfo: [{ Name: '运费', Value: 100, Quantity: 1 }] },
 * }
 * checkBaiduMainOrder(main, ['EXT', 'MainOrder']) // [] — 2 × 2390 + 100 fen
 * ```
 */
export interface BaiduMainOrder {
  readonly Products: readonly BaiduProduct[]
  readonly Payment: BaiduPayment
  readonly Appraise?: BaiduDetailPage | undefined
  readonly OrderDetail?: BaiduDetailPage | undefined
}

/**
 * An after-sale `SubStatus` / `SubsOrder.Status` value; see {@link baiduAfterSaleStatuses}.
 *
 * @example
 * ```ts
 * const status: BaiduAfterSaleStatus = 402
 * ```
 */
export type BaiduAfterSaleStatus = (typeof baiduAfterSaleStatuses)[number]

/**
 * One after-sale order of `EXT.SubsOrder.Items`.
 *
 * @example
 * ```ts
 * const item: BaiduSubsOrderItem = { SubOrderID: 'r1', SubStatus: 402, CTime: 1571026201, MTime: 1571026201, OrderType: 1 }
 * ```
 */
export interface BaiduSubsOrderItem {
  readonly SubOrderID: string
  /** One of {@link baiduAfterSaleStatuses}; `""` only as the document's examples send it. */
  readonly SubStatus: BaiduAfterSaleStatus | ''
  readonly CTime: number
  readonly MTime: number
  readonly OrderType: 1 | 2 | 3
  readonly OrderDetail?: BaiduDetailPage | undefined
  readonly Refund?:
    | {
        readonly Amount: number
        readonly Product: readonly {
          readonly ID: string
          readonly Quantity: number
          readonly Amount: number
        }[]
      }
    | undefined
}

/**
 * `EXT.SubsOrder`: the after-sale orders and their summary status.
 *
 * @example
 * ```ts
 * const subs: BaiduSubsOrder = {
 *   Status: 402,
 *   Items: [{ SubOrderID: 'r1', SubStatus: 402, CTime: 1571026201, MTime: 1571026301, OrderType: 1 }],
 * }
 * ```
 */
export interface BaiduSubsOrder {
  /** One of {@link baiduAfterSaleStatuses}; `0` only as the document's examples send it. */
  readonly Status: BaiduAfterSaleStatus | 0
  readonly Items: readonly BaiduSubsOrderItem[]
}

/**
 * One order of `add/main/info` (`Data[]`), in Baidu's field names. Money in fen, times in Unix
 * seconds. The extension object is `EXT`, as every example and Baidu's SDKs spell it (the
 * document's table writes `Ext`).
 *
 * @example
 * ```ts
 * const { body } = toBaiduOrder(order, { appKey })
 * body.Data[0].Status // 200
 * body.Data[0].EXT.MainOrder.Payment.Amount // 2390
 * ```
 */
export interface BaiduOrder {
  readonly CateID: (typeof baiduCategoryIds)[number]
  readonly BizAPPID: string
  readonly Title: string
  readonly ResourceID: string
  readonly Ctime: number
  readonly Mtime: number
  readonly Status: number
  readonly EXT: {
    readonly MainOrder: BaiduMainOrder
    readonly SubsOrder?: BaiduSubsOrder | undefined
  }
}

/**
 * The per-order query parameters (besides `access_token` and `pm_app_key`).
 *
 * @example
 * ```ts
 * const query: BaiduOrderQuery = { open_id: 'k5nF3…', scene_id: '15925907919', scene_type: 2 }
 * ```
 */
export interface BaiduOrderQuery {
  readonly open_id?: string | undefined
  readonly swan_id?: string | undefined
  readonly scene_id?: string | undefined
  readonly scene_type?: number | undefined
}

/**
 * The key of an existing order: every update names it.
 *
 * @example
 * ```ts
 * const key: BaiduOrderKey = { CateID: 1, BizAPPID: appKey, ResourceID: '2221554346520' }
 * ```
 */
export interface BaiduOrderKey {
  readonly CateID: (typeof baiduCategoryIds)[number]
  readonly BizAPPID: string
  readonly ResourceID: string
}

/**
 * A request to `add/main/info`: one order.
 *
 * @example
 * ```ts
 * const { query, body } = toBaiduOrder(order, { appKey })
 * const request: BaiduAddMainInfoRequest = { query, body }
 * baiduAddMainInfoRequestSchema.safeParse(request).success // true
 * ```
 */
export interface BaiduAddMainInfoRequest {
  readonly query: BaiduOrderQuery
  readonly body: { readonly Data: readonly [BaiduOrder] }
}

/**
 * A request to `update/main/info`.
 *
 * @example
 * ```ts
 * const request: BaiduUpdateMainInfoRequest = {
 *   query: { open_id: 'openid-2221554346520', scene_id: '15925907919' },
 *   body: { Data: [{ CateID: 1, BizAPPID: appKey, ResourceID: '2221554346520', Status: 200, EXT: { MainOrder: { Products: [{ ID: '1014093064', Name: '苹果', Quantity: 1, Price: 2390, PayPrice: 2390 }], Payment: { Method: 1, Amount: 2390, IsPayment: true } } } }] },
 * }
 * baiduUpdateMainInfoRequestSchema.safeParse(request).success // true
 * ```
 */
export interface BaiduUpdateMainInfoRequest {
  readonly query: BaiduOrderQuery
  readonly body: {
    readonly Data: readonly (BaiduOrderKey & {
      readonly Title?: string | undefined
      readonly Ctime?: number | undefined
      readonly Mtime?: number | undefined
      readonly Status?: number | undefined
      readonly EXT: { readonly MainOrder: BaiduMainOrder }
    })[]
  }
}

/**
 * A request to `update/main/status`.
 *
 * @example
 * ```ts
 * const request: BaiduUpdateMainStatusRequest = { query: { open_id: 'openid-2221554346520', scene_id: '15925907919' }, body: { Data: [{ CateID: 1, BizAPPID: appKey, ResourceID: '2221554346520', Status: 6 }] } }
 * baiduUpdateMainStatusRequestSchema.safeParse(request).success // true
 * ```
 */
export interface BaiduUpdateMainStatusRequest {
  readonly query: BaiduOrderQuery
  readonly body: { readonly Data: readonly (BaiduOrderKey & { readonly Status: number })[] }
}

/**
 * One parcel of an `update/main/logistics` request.
 *
 * @example
 * ```ts
 * const parcel: BaiduExpress = { ID: 'SF1234567890', Type: 1, Code: 'shunfeng', Name: '顺丰', Status: 0 }
 * ```
 */
export interface BaiduExpress {
  /** The tracking number. */
  readonly ID: string
  /** 1 the seller ships to the buyer, 2 the buyer returns to the seller. */
  readonly Type: 1 | 2
  /** The carrier's code in Baidu's carrier table. */
  readonly Code: string
  /** The carrier's name. */
  readonly Name: string
  /** 0 ("开发者默认传 0"). */
  readonly Status: number
}

/**
 * A request to `update/main/logistics`.
 *
 * @example
 * ```ts
 * const parcel: BaiduExpress = { ID: 'SF1234567890', Type: 1, Code: 'shunfeng', Name: '顺丰', Status: 0 }
 * const request: BaiduUpdateMainLogisticsRequest = { query: { open_id: 'openid-2221554346520', scene_id: '15925907919' }, body: { Data: [{ CateID: 1, BizAPPID: appKey, ResourceID: '2221554346520', EXT: { MainOrder: { Express: parcel } } }] } }
 * baiduUpdateMainLogisticsRequestSchema.safeParse(request).success // true
 * ```
 */
export interface BaiduUpdateMainLogisticsRequest {
  readonly query: BaiduOrderQuery
  readonly body: {
    readonly Data: readonly (BaiduOrderKey & {
      readonly Status?: number | undefined
      readonly EXT: {
        readonly MainOrder: { readonly Express: BaiduExpress }
      }
    })[]
  }
}

/**
 * One order of an `append/sub/info` or `update/sub/info` request.
 *
 * @example
 * ```ts
 * const entry: BaiduSubInfo = { CateID: 1, BizAPPID: appKey, ResourceID: '2221554346520', EXT: { SubsOrder: { Status: 400, Items: [{ SubOrderID: 'r1', SubStatus: 400, CTime: 1571026201, MTime: 1571026201, OrderType: 1 }] } } }
 * ```
 */
export interface BaiduSubInfo extends BaiduOrderKey {
  readonly EXT: {
    readonly SubsOrder: {
      readonly Status?: BaiduSubsOrder['Status'] | undefined
      readonly Items: readonly BaiduSubsOrderItem[]
    }
  }
}

/**
 * A request to `append/sub/info`: `Data` as one object (the document) or a list (the Go SDK); it
 * is sent in the shape of the client's `afterSaleData` setting (a list by default).
 *
 * @example
 * ```ts
 * const entry: BaiduSubInfo = { CateID: 1, BizAPPID: appKey, ResourceID: '2221554346520', EXT: { SubsOrder: { Status: 400, Items: [{ SubOrderID: 'r1', SubStatus: 400, CTime: 1571026201, MTime: 1571026201, OrderType: 1 }] } } }
 * const request: BaiduAppendSubInfoRequest = { query: { open_id: 'openid-2221554346520', scene_id: '15925907919' }, body: { Data: entry } }
 * baiduAppendSubInfoRequestSchema.safeParse(request).success // true
 * ```
 */
export interface BaiduAppendSubInfoRequest {
  readonly query: BaiduOrderQuery
  readonly body: { readonly Data: BaiduSubInfo | readonly BaiduSubInfo[] }
}

/**
 * A request to `update/sub/info` (`SubsOrder.Status` required).
 *
 * @example
 * ```ts
 * const entry: BaiduSubInfo = {
 *   CateID: 1, BizAPPID: appKey, ResourceID: '2221554346520',
 *   EXT: { SubsOrder: { Status: 402, Items: [{ SubOrderID: 'r1', SubStatus: 402, CTime: 1571026201, MTime: 1571026301, OrderType: 1 }] } },
 * }
 * const request: BaiduUpdateSubInfoRequest = { query: { open_id: 'openid-2221554346520', scene_id: '15925907919' }, body: { Data: [entry] } }
 * baiduUpdateSubInfoRequestSchema.safeParse(request).success // true
 * ```
 */
export interface BaiduUpdateSubInfoRequest {
  readonly query: BaiduOrderQuery
  readonly body: { readonly Data: BaiduSubInfo | readonly BaiduSubInfo[] }
}

/**
 * One order of an `update/sub/status` request.
 *
 * @example
 * ```ts
 * const entry: BaiduSubStatus = { CateID: 1, BizAPPID: appKey, ResourceID: '2221554346520', EXT: { SubsOrder: { Status: 402, Items: [{ SubOrderID: 'r1', SubStatus: 402 }] } } }
 * ```
 */
export interface BaiduSubStatus extends BaiduOrderKey {
  readonly EXT: {
    readonly SubsOrder: {
      readonly Status: BaiduSubsOrder['Status']
      readonly Items: readonly {
        readonly SubOrderID: string
        readonly SubStatus: BaiduSubsOrderItem['SubStatus']
      }[]
    }
  }
}

/**
 * A request to `update/sub/status`.
 *
 * @example
 * ```ts
 * const entry: BaiduSubStatus = { CateID: 1, BizAPPID: appKey, ResourceID: '2221554346520', EXT: { SubsOrder: { Status: 402, Items: [{ SubOrderID: 'r1', SubStatus: 402 }] } } }
 * const request: BaiduUpdateSubStatusRequest = { query: { open_id: 'openid-2221554346520', scene_id: '15925907919' }, body: { Data: entry } }
 * baiduUpdateSubStatusRequestSchema.safeParse(request).success // true
 * ```
 */
export interface BaiduUpdateSubStatusRequest {
  readonly query: BaiduOrderQuery
  readonly body: { readonly Data: BaiduSubStatus | readonly BaiduSubStatus[] }
}
