import {
  InvalidArgumentError,
  type OrderInput,
  parseOrder,
  UnsupportedMappingError,
  ValidationError,
} from '@ordersync/core'
import { describe, expect, it } from 'vitest'
import { baiduDocumentOrder } from './baidu-document-order.ts'
import { baiduOrderSchema } from './baidu-order-schema.ts'
import { checkBaiduMainOrder, checkBaiduSubsOrder } from './check-baidu-order-consistency.ts'
import { type BaiduConversionOptions, toBaiduOrder } from './convert-to-baidu-order.ts'
import { baiduDocumentAddRequest } from './test/baidu-document-requests.ts'

const cny = (amount: number) => ({ amount, currency: 'CNY' }) as const
const appKey = 'a392qXwK8L5GDUWhFoC01cKwoy7tmehg'
const options: BaiduConversionOptions = { appKey }
const documentOrder: OrderInput = {
  ...baiduDocumentOrder,
  buyer: { platformUserId: 'document-open-id' },
}
/** A paid order with the cashier's order id, the usual case. */
const paidOrder: OrderInput = {
  ...documentOrder,
  payments: [
    {
      method: 'online',
      amount: cny(2390),
      paidAt: 1_233_212_343_000,
      transactionId: '15925907919',
    },
  ],
}

function prepare(input: OrderInput, settings: BaiduConversionOptions = options) {
  return toBaiduOrder(parseOrder(input), settings)
}

function issues(run: () => unknown): string[] {
  try {
    run()
  } catch (error) {
    if (ValidationError.isInstance(error))
      return error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    throw error
  }
  throw new Error('expected a ValidationError')
}

describe('toBaiduOrder', () => {
  it('prepares the corrected document order into the example’s shape, with its values except the corrected ones', () => {
    const { query, body, warnings } = prepare(documentOrder, { appKey, requireSceneId: false })
    const [example] = baiduDocumentAddRequest.body.Data
    const { Appraise: _hiddenAppraise, ...exampleMain } = example.EXT.MainOrder
    // The example with its corrections: the order is completed, so it is paid (at its creation
    // time); its Mtime is its after-sale's; the after-sale is a succeeded refund (402) of 10 fen,
    // all of it for the one product; empty DetailPage fields and the hidden appraisal (Status 0,
    // every field empty) are left out, never sent empty.
    expect(body.Data[0]).toEqual({
      ...example,
      Mtime: 1571026201,
      EXT: {
        MainOrder: {
          ...exampleMain,
          Payment: { ...example.EXT.MainOrder.Payment, Time: 1233212343, IsPayment: true },
          OrderDetail: { Status: 2, SwanSchema: example.EXT.MainOrder.OrderDetail.SwanSchema },
        },
        SubsOrder: {
          Status: 402,
          Items: [
            {
              ...example.EXT.SubsOrder.Items[0],
              SubStatus: 402,
              OrderDetail: {
                Status: 2,
                SwanSchema: example.EXT.SubsOrder.Items[0].OrderDetail.SwanSchema,
              },
              Refund: { Amount: 10, Product: [{ ID: '1014093064', Quantity: 1, Amount: 10 }] },
            },
          ],
        },
      },
    })
    // The key order is the example's too.
    expect(JSON.stringify(Object.keys(body.Data[0]))).toBe(
      JSON.stringify(Object.keys(example).filter((key) => key in body.Data[0])),
    )
    expect(query).toEqual({ open_id: 'document-open-id', scene_type: 2 })
    expect(warnings).toEqual([])
    expect(checkBaiduMainOrder(body.Data[0].EXT.MainOrder, [])).toEqual([])
  })

  it('requires the cashier’s order id (scene_id) of an order paid online by default, and takes it from the one payment id', () => {
    expect(issues(() => prepare(documentOrder))).toEqual([
      "payments.0.transactionId: is required: the order is paid online (Payment.Method 1), through Baidu's cashier, and scene_id is that cashier's order id (give the payment's transactionId or platformOptions.baidu.sceneId, or set requireSceneId: false to send orders without it)",
    ])
    expect(prepare(paidOrder).query).toEqual({
      open_id: 'document-open-id',
      scene_id: '15925907919',
      scene_type: 2,
    })
    expect(
      prepare({
        ...paidOrder,
        platformOptions: { baidu: { sceneId: 'cashier-7', sceneType: 5 } },
      }).query,
    ).toEqual({ open_id: 'document-open-id', scene_id: 'cashier-7', scene_type: 5 })
    const twoPayments: OrderInput = {
      ...paidOrder,
      payments: [
        { method: 'online', amount: cny(2000), transactionId: 'a' },
        { method: 'online', amount: cny(390), transactionId: 'b' },
      ],
    }
    expect(issues(() => prepare(twoPayments))).toEqual([
      "platformOptions.baidu.sceneId: is required: the payments carry 2 transaction ids and Baidu's scene_id is the one order id of Baidu's cashier",
    ])
  })

  it('sends the open_id whenever it is known (the document marks it required), with a swan_id beside it', () => {
    expect(
      prepare({ ...paidOrder, platformOptions: { baidu: { openId: 'baidu-open-id' } } }).query,
    ).toMatchObject({ open_id: 'baidu-open-id' })
    const withSwanId = prepare({ ...paidOrder, platformOptions: { baidu: { swanId: 'swan-1' } } })
    expect(withSwanId.query).toEqual({
      open_id: 'document-open-id',
      swan_id: 'swan-1',
      scene_id: '15925907919',
      scene_type: 2,
    })
    expect(withSwanId.warnings).toEqual([])
    expect(
      prepare({ ...paidOrder, platformOptions: { baidu: { openId: 'o', swanId: 's' } } }).query,
    ).toEqual({ open_id: 'o', swan_id: 's', scene_id: '15925907919', scene_type: 2 })
    // A buyer not logged in to the Baidu App has only a swanId: it goes alone.
    expect(
      prepare({ ...paidOrder, buyer: undefined, platformOptions: { baidu: { swanId: 'swan-1' } } })
        .query,
    ).toEqual({ swan_id: 'swan-1', scene_id: '15925907919', scene_type: 2 })
    expect(issues(() => prepare({ ...paidOrder, buyer: undefined }))).toEqual([
      "buyer.platformUserId: is required: Baidu needs the buyer's open_id (or platformOptions.baidu.swanId for a buyer not logged in)",
    ])
  })

  it('drops the open_id beside a swan_id only when sendOpenIdWithSwanId is false, and says so', () => {
    const settings = { appKey, sendOpenIdWithSwanId: false }
    const dropped = prepare(
      { ...paidOrder, platformOptions: { baidu: { swanId: 'swan-1' } } },
      settings,
    )
    expect(dropped.query).toEqual({ swan_id: 'swan-1', scene_id: '15925907919', scene_type: 2 })
    expect(dropped.warnings).toEqual([
      {
        path: ['buyer', 'platformUserId'],
        code: 'field_dropped',
        message:
          'is not sent as open_id: sendOpenIdWithSwanId is false and platformOptions.baidu.swanId is sent instead',
      },
    ])
    expect(
      prepare({ ...paidOrder, platformOptions: { baidu: { openId: 'o', swanId: 's' } } }, settings)
        .warnings[0]?.path,
    ).toEqual(['platformOptions', 'baidu', 'openId'])
    // Without a swan_id the open_id is all Baidu has: the setting changes nothing.
    expect(prepare(paidOrder, settings).query).toMatchObject({ open_id: 'document-open-id' })
  })

  it('computes Payment.Amount by the document’s formula: item discounts in PayPrice when they divide evenly, the rest in PreferentialInfo, freight and fees in PaymentInfo', () => {
    const order: OrderInput = {
      ...paidOrder,
      lines: [
        { id: 'a', skuId: 'sku-a', name: 'A', quantity: 2, unitPrice: cny(1000) },
        { id: 'b', skuId: 'sku-b', name: 'B', quantity: 3, unitPrice: cny(500) },
      ],
      charges: {
        goodsSubtotal: cny(3500),
        freight: cny(800),
        fees: [{ name: '包装费', amount: cny(150) }],
        discounts: [
          { level: 'item', lineId: 'a', name: '直降', amount: cny(200) },
          { level: 'item', lineId: 'b', name: '第三件减', amount: cny(100) },
          { level: 'order', kind: 'coupon', amount: cny(300) },
          { level: 'payment', name: '云闪付立减', amount: cny(50) },
        ],
      },
      payableAmount: cny(3800),
      paidAmount: cny(3800),
      payments: [{ method: 'online', amount: cny(3800), transactionId: 'cashier-1' }],
      afterSales: undefined,
    }
    const { body, warnings } = prepare(order)
    const main = body.Data[0].EXT.MainOrder
    expect(main.Products.map((product) => [product.ID, product.Price, product.PayPrice])).toEqual([
      ['sku-a', 1000, 900],
      ['sku-b', 500, 500],
    ])
    expect(main.Payment).toEqual({
      Method: 1,
      Amount: 3800,
      IsPayment: true,
      PreferentialInfo: [
        { Name: '第三件减', Value: 100, Quantity: 1 },
        { Name: '优惠券', Value: 300, Quantity: 1 },
        { Name: '云闪付立减', Value: 50, Quantity: 1 },
      ],
      PaymentInfo: [
        { Name: '运费', Value: 800, Quantity: 1 },
        { Name: '包装费', Value: 150, Quantity: 1 },
      ],
    })
    expect(checkBaiduMainOrder(main, [])).toEqual([])
    expect(warnings).toContainEqual({
      path: ['lines', 1],
      code: 'value_folded',
      message:
        'its item discounts (100 fen) do not divide evenly over 3 units: PayPrice is the full unit price and the discounts are listed in PreferentialInfo',
    })
  })

  it('carries every after-sale request (add overwrites them all), with the summary status', () => {
    const order: OrderInput = {
      ...paidOrder,
      status: 'refunding',
      afterSales: [
        {
          id: 'r1',
          type: 'refund_only',
          status: 'succeeded',
          createdAt: '2024-05-21T09:00:00+08:00',
          modifiedAt: '2024-05-21T10:00:00+08:00',
          refundAmount: cny(390),
          lines: [{ lineId: '1014093064', quantity: 1, refundAmount: cny(390) }],
        },
        {
          id: 'x1',
          type: 'exchange',
          status: 'requested',
          createdAt: '2024-05-22T09:00:00+08:00',
          modifiedAt: '2024-05-22T09:00:00+08:00',
          refundAmount: cny(0),
        },
      ],
    }
    const { body, warnings } = prepare(order)
    expect(body.Data[0].EXT.SubsOrder).toEqual({
      Status: 400,
      Items: [
        {
          SubOrderID: 'r1',
          SubStatus: 402,
          CTime: 1716253200,
          MTime: 1716256800,
          Refund: { Amount: 390, Product: [{ ID: '1014093064', Quantity: 1, Amount: 390 }] },
          OrderType: 1,
        },
        { SubOrderID: 'x1', SubStatus: 400, CTime: 1716339600, MTime: 1716339600, OrderType: 2 },
      ],
    })
    expect(checkBaiduSubsOrder(body.Data[0].EXT.SubsOrder ?? { Items: [] }, [])).toEqual([])
    // An exchange refunds nothing, so no refund amount is lost without lines.
    expect(warnings.map((warning) => `${warning.path.join('.')}: ${warning.code}`)).toEqual([
      'status: status_folded',
    ])
    expect(
      prepare({ ...order, platformOptions: { baidu: { afterSaleStatus: 402 } } }).body.Data[0].EXT
        .SubsOrder?.Status,
    ).toBe(402)
  })

  it('refuses what Baidu cannot take, naming the canonical path and the rule: more than 5 images, more than 4 attributes', () => {
    const [line] = paidOrder.lines
    if (line === undefined) throw new Error('no line')
    const crowded: OrderInput = {
      ...paidOrder,
      lines: [
        {
          ...line,
          imageUrls: Array.from({ length: 6 }, (_, index) => `https://img.example/${index}.jpg`),
          attributes: Array.from({ length: 5 }, (_, index) => ({ name: `n${index}`, value: 'v' })),
        },
      ],
    }
    expect(issues(() => prepare(crowded))).toEqual([
      'lines.0.imageUrls: 6 items, Baidu accepts at most 5 (ImgList)',
      'lines.0.attributes: 5 items, Baidu accepts at most 4 (SkuAttr)',
    ])
    const atLimit: OrderInput = {
      ...crowded,
      lines: [
        {
          ...line,
          imageUrls: Array.from({ length: 5 }, (_, index) => `https://img.example/${index}.jpg`),
          attributes: Array.from({ length: 4 }, (_, index) => ({ name: `n${index}`, value: 'v' })),
        },
      ],
    }
    const product = prepare(atLimit).body.Data[0].EXT.MainOrder.Products[0]
    expect(product?.ImgList).toHaveLength(5)
    expect(product?.SkuAttr).toHaveLength(4)
  })

  it('refuses an order that did not go through parseOrder, saying what to call', () => {
    const unparsed = { ...paidOrder, createdAt: '2009-01-29T14:59:03+08:00' }
    expect(() => toBaiduOrder(unparsed as never, options)).toThrow(
      '[ordersync] [baidu] invalid order: is not a parsed order (its createdAt is a string, not an instant): call parseOrder(order) first',
    )
  })

  it('refuses an order that contains itself with a typed error, never exhausting the stack or the heap', () => {
    const rawTimes = { ...paidOrder, buyer: { platformUserId: 'k5nF3' } }
    ;(rawTimes.buyer as Record<string, unknown>).self = rawTimes
    // Its times are not instants: refused as unparsed, before the cycle is read.
    expect(() => toBaiduOrder(rawTimes as never, options)).toThrow(InvalidArgumentError)
    const { createdAt, modifiedAt } = parseOrder(paidOrder)
    const raw: Record<string, unknown> = { ...paidOrder, createdAt, modifiedAt }
    raw.lines = [{ ...(paidOrder.lines[0] as object), order: raw }]
    expect(() => toBaiduOrder(raw as never, options)).toThrow(
      '[ordersync] [baidu] invalid order: contains itself (a cycle) at lines.0.order: an order must be plain data (copy the fields you need into a new object)',
    )
    // A parsed order a caller made cyclic afterwards: the dropped-fields walk refuses it.
    const parsed = parseOrder(paidOrder) as unknown as Record<string, unknown>
    parsed.sourceSystem = parsed
    let error: unknown
    try {
      toBaiduOrder(parsed as never, options)
    } catch (thrown) {
      error = thrown
    }
    expect(InvalidArgumentError.isInstance(error) && error.argument).toBe('order')
    expect((error as Error).message).toMatch(/contains itself \(a cycle\).* at sourceSystem:/)
  })

  it('refuses another currency than CNY', () => {
    const usd = (amount: number) => ({ amount, currency: 'USD' }) as const
    const order = parseOrder({
      ...paidOrder,
      lines: [{ id: 'a', skuId: 'a', name: 'A', quantity: 1, unitPrice: usd(100) }],
      charges: { goodsSubtotal: usd(100) },
      payableAmount: usd(100),
      paidAmount: usd(100),
      payments: [{ method: 'online', amount: usd(100), transactionId: 't' }],
      afterSales: undefined,
    })
    expect(() => toBaiduOrder(order, options)).toThrow(UnsupportedMappingError)
  })

  it('picks the category by order type, the setting, or the order’s option', () => {
    expect(prepare(paidOrder).body.Data[0].CateID).toBe(1)
    const virtual = { ...paidOrder, type: 'virtual', status: 'preparing' } as const
    expect(prepare(virtual).body.Data[0]).toMatchObject({ CateID: 2, Status: 3 })
    expect(
      prepare(
        { ...paidOrder, type: 'pickup', status: 'accepted' },
        {
          appKey,
          categoryByOrderType: { pickup: 2 },
        },
      ).body.Data[0],
    ).toMatchObject({ CateID: 2, Status: 4 })
    expect(
      prepare({ ...paidOrder, platformOptions: { baidu: { category: 2 } } }).body.Data[0].CateID,
    ).toBe(2)
  })

  it('sends an explicit status only when its category has it', () => {
    const refunding = { ...paidOrder, status: 'refunding' } as const
    const { body, warnings } = prepare({ ...refunding, platformOptions: { baidu: { status: 5 } } })
    expect(body.Data[0].Status).toBe(5)
    expect(warnings.filter((warning) => warning.code === 'status_folded')).toEqual([])
    expect(
      issues(() => prepare({ ...refunding, platformOptions: { baidu: { status: 3 } } })),
    ).toEqual([
      'platformOptions.baidu.status: is 3, not a status of CateID 1 (1, 5, 6, 100, 200, 300)',
    ])
  })

  it('reports cash on delivery as Method 2 and an unpaid order as IsPayment false, without Time', () => {
    const cod: OrderInput = {
      ...documentOrder,
      status: 'shipped',
      cashOnDelivery: true,
      paidAmount: cny(0),
      payments: [],
      afterSales: undefined,
    }
    const { body } = prepare(cod, { appKey, requireSceneId: false })
    expect(body.Data[0].Status).toBe(6)
    expect(body.Data[0].EXT.MainOrder.Payment).toMatchObject({ Method: 2, IsPayment: false })
    expect(body.Data[0].EXT.MainOrder.Payment).not.toHaveProperty('Time')
  })

  it('prepares cash on delivery with the default settings: shipped and unpaid, or completed and paid in cash, without scene_id', () => {
    const shipped: OrderInput = {
      ...documentOrder,
      status: 'shipped',
      cashOnDelivery: true,
      paidAmount: cny(0),
      payments: undefined,
      afterSales: undefined,
    }
    const unpaid = prepare(shipped)
    expect(unpaid.query).toEqual({ open_id: 'document-open-id', scene_type: 2 })
    expect(unpaid.body.Data[0].Status).toBe(6)
    expect(unpaid.body.Data[0].EXT.MainOrder.Payment).toEqual({
      Method: 2,
      Amount: 2390,
      IsPayment: false,
      PreferentialInfo: [{ Name: '优惠券使用', Value: 100, Quantity: 1 }],
      PaymentInfo: [{ Name: '运费', Value: 100, Quantity: 1 }],
    })
    expect(unpaid.warnings).toEqual([])
    const paidInCash = prepare({
      ...shipped,
      status: 'completed',
      paidAmount: cny(2390),
      payments: [{ method: 'cash', amount: cny(2390), paidAt: 1_233_299_999_000 }],
    })
    expect(paidInCash.query).toEqual({ open_id: 'document-open-id', scene_type: 2 })
    expect(paidInCash.body.Data[0].Status).toBe(200)
    expect(paidInCash.body.Data[0].EXT.MainOrder.Payment).toMatchObject({
      Time: 1233299999,
      Method: 2,
      Amount: 2390,
      IsPayment: true,
    })
    expect(paidInCash.warnings).toEqual([])
  })

  it('requires no scene_id of an order not paid yet, and never sends a cash-on-delivery payment’s id as one', () => {
    const awaiting: OrderInput = {
      ...documentOrder,
      status: 'awaiting_payment',
      paidAmount: cny(0),
      payments: undefined,
      afterSales: undefined,
    }
    expect(prepare(awaiting).query).toEqual({ open_id: 'document-open-id', scene_type: 2 })
    const cardOnDelivery = prepare({
      ...awaiting,
      status: 'completed',
      cashOnDelivery: true,
      paidAmount: cny(2390),
      payments: [{ method: 'card', amount: cny(2390), transactionId: 'pos-77' }],
    })
    expect(cardOnDelivery.query).toEqual({ open_id: 'document-open-id', scene_type: 2 })
    expect(cardOnDelivery.warnings).toEqual([
      {
        path: ['payments', 0, 'transactionId'],
        code: 'field_dropped',
        message:
          "is not sent as scene_id: the order is cash on delivery, and scene_id is the order id of Baidu's cashier (set platformOptions.baidu.sceneId if it is one)",
      },
      {
        path: ['payments', 0, 'method'],
        code: 'value_folded',
        message:
          'Baidu\'s Payment.Method says only online (1) or cash on delivery (2): the order is reported as cash on delivery, and "card" is not reported',
      },
    ])
  })

  it('warns for what Baidu cannot carry, and for milliseconds that Unix seconds drop', () => {
    const { warnings, body } = prepare({
      ...paidOrder,
      createdAt: 1_233_212_343_250,
      buyer: { platformUserId: 'o', phone: '13800138000', email: 'a@example.com' },
      delivery: { address: { name: '张三', phone: '13812345678', line1: '深圳市南山区' } },
    })
    expect(body.Data[0].Ctime).toBe(1233212343)
    expect(warnings.map((warning) => `${warning.path.join('.')}: ${warning.message}`)).toEqual([
      'buyer.phone: Baidu has no field for buyer.phone: it is not reported',
      'buyer.email: Baidu has no field for buyer.email: it is not reported',
      'delivery.address.name: Baidu has no field for delivery.address.name: it is not reported',
      'delivery.address.phone: Baidu has no field for delivery.address.phone: it is not reported',
      'delivery.address.line1: Baidu has no field for delivery.address.line1: it is not reported',
      'createdAt: has milliseconds (250); Baidu takes Unix seconds: they are dropped',
    ])
    // A phone number never goes on Baidu's wire: the order center has no field for it.
    expect(JSON.stringify(body)).not.toContain('138')
  })

  it('turns a mini program page path into the launch scheme baiduboxapp://swan/<App Key>/<path>, as the document’s SwanSchema', () => {
    // The document's SwanSchema is the launch scheme of its App Key and page path.
    const documentSwanSchema =
      'baiduboxapp://swan/B3GF3AWvCSr59myIs61uqaoYz7pPCSY1/wjz/bdxd/order-detail/order-detail?orderId=159259079195'
    const path = 'wjz/bdxd/order-detail/order-detail?orderId=159259079195'
    const { body, warnings } = prepare(
      {
        ...paidOrder,
        detailPageUrl: path,
        lines: paidOrder.lines.map((line) => ({ ...line, url: `/${path}` })),
        afterSales: (paidOrder.afterSales ?? []).map((afterSale) => ({
          ...afterSale,
          detailPageUrl: path,
        })),
      },
      { appKey: 'B3GF3AWvCSr59myIs61uqaoYz7pPCSY1' },
    )
    const main = body.Data[0].EXT.MainOrder
    expect(main.OrderDetail).toEqual({ Status: 2, SwanSchema: documentSwanSchema })
    expect(main.Products[0]?.DetailPage).toEqual({ Status: 2, SwanSchema: documentSwanSchema })
    expect(body.Data[0].EXT.SubsOrder?.Items[0]?.OrderDetail).toEqual({
      Status: 2,
      SwanSchema: documentSwanSchema,
    })
    expect(warnings).toEqual([])
    expect(checkBaiduMainOrder(main, [])).toEqual([])
  })

  it('never sends a link Baidu cannot open without a word: another scheme is dropped, a page path in the options’ SwanSchema becomes the launch scheme', () => {
    const { body, warnings } = prepare({
      ...paidOrder,
      detailPageUrl: 'weixin://dl/business/?t=abc',
      lines: paidOrder.lines.map((line) => ({
        ...line,
        url: '//shop.example/p/1',
        platformOptions: {
          baidu: { detailPage: { Name: '商品', SwanSchema: '/pages/item?id=1' } },
        },
      })),
      platformOptions: {
        baidu: {
          appraise: { Status: 2, Name: '去评价', SwanSchema: 'pages/review/review' },
          orderDetail: { Name: '订单', SwanSchema: 'https://shop.example/orders/1' },
        },
      },
    })
    const main = body.Data[0].EXT.MainOrder
    // The options' page paths get the client's App Key, as a canonical address does.
    expect(main.Appraise).toEqual({
      Status: 2,
      Name: '去评价',
      SwanSchema: `baiduboxapp://swan/${appKey}/pages/review/review`,
    })
    expect(main.Products[0]?.DetailPage).toEqual({
      Name: '商品',
      SwanSchema: `baiduboxapp://swan/${appKey}/pages/item?id=1`,
    })
    // A web page is no SwanSchema: left out, the rest of the options' DetailPage kept.
    expect(main.OrderDetail).toEqual({ Name: '订单' })
    expect(warnings).toEqual([
      {
        path: ['lines', 0, 'url'],
        code: 'field_dropped',
        message:
          'is a "//" address, neither a web page (http or https, H5Schema) nor a page of the mini program (a page path, or baiduboxapp://swan/…, SwanSchema): Baidu cannot open it, and it is not reported',
      },
      {
        path: ['platformOptions', 'baidu', 'orderDetail', 'SwanSchema'],
        code: 'field_dropped',
        message:
          'is a "http(s)" address, not a page of the mini program: SwanSchema is the launch scheme baiduboxapp://swan/<App Key>/<page path> (a web page goes in H5Schema); it is not sent',
      },
      {
        path: ['detailPageUrl'],
        code: 'field_dropped',
        message:
          'is a "weixin:" address, neither a web page (http or https, H5Schema) nor a page of the mini program (a page path, or baiduboxapp://swan/…, SwanSchema): Baidu cannot open it, and it is not reported',
      },
    ])
    expect(checkBaiduMainOrder(main, [])).toEqual([])
  })

  it('makes an http(s) page an H5Schema and anything else a SwanSchema, with the options’ fields', () => {
    const { body } = prepare({
      ...paidOrder,
      detailPageUrl: 'https://shop.example/orders/1',
      lines: paidOrder.lines.map((line) => ({
        ...line,
        url: 'baiduboxapp://swan/key/pages/item?id=1',
        platformOptions: { baidu: { detailPage: { Name: '商品详情' } } },
      })),
      platformOptions: {
        baidu: { appraise: { Status: 2, Name: '去评价', SwanSchema: 'baiduboxapp://swan/key/r' } },
      },
    })
    const main = body.Data[0].EXT.MainOrder
    expect(main.OrderDetail).toEqual({ Status: 2, H5Schema: 'https://shop.example/orders/1' })
    expect(main.Products[0]?.DetailPage).toEqual({
      Status: 2,
      SwanSchema: 'baiduboxapp://swan/key/pages/item?id=1',
      Name: '商品详情',
    })
    expect(main.Appraise).toEqual({
      Status: 2,
      Name: '去评价',
      SwanSchema: 'baiduboxapp://swan/key/r',
    })
    expect(baiduOrderSchema.safeParse(body.Data[0]).success).toBe(true)
  })

  it('checks platformOptions.baidu at run time, naming the canonical path', () => {
    expect(
      issues(() =>
        prepare({
          ...paidOrder,
          platformOptions: { baidu: { category: 5, sceneType: -1 } as never },
        }),
      ).map((issue) => issue.split(':')[0]),
    ).toEqual(['platformOptions.baidu.sceneType', 'platformOptions.baidu.category'])
  })
})
