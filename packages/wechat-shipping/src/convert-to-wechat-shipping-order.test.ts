import {
  type OrderInput,
  parseOrder,
  UnsupportedMappingError,
  ValidationError,
} from '@ordersync/core'
import { describe, expect, it } from 'vitest'
import { toWechatShippingOrder } from './convert-to-wechat-shipping-order.ts'
import {
  splitFirstRequest,
  splitSecondRequest,
  unifiedSfRequest,
} from './test/wechat-shipping-document-requests.ts'
import {
  wechatShippingDocumentOrder,
  wechatShippingSplitDocumentOrder,
} from './wechat-shipping-document-order.ts'
import { WechatShippingNotReportableError } from './wechat-shipping-not-reportable-error.ts'
import { wechatShippingUploadRequestSchema } from './wechat-shipping-upload-schema.ts'

const prepare = (order: OrderInput, options = {}) =>
  toWechatShippingOrder(parseOrder(order), options)

/** The issues of the ValidationError that preparing `order` throws, as `path: message`. */
function problemsOf(order: OrderInput, options = {}): string[] {
  try {
    prepare(order, options)
  } catch (error) {
    if (ValidationError.isInstance(error))
      return error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    throw error
  }
  return []
}

const document = wechatShippingDocumentOrder
const parcel = document.delivery?.packages?.[0] ?? {}
const withParcels = (
  order: OrderInput,
  packages: NonNullable<NonNullable<OrderInput['delivery']>['packages']>,
): OrderInput => ({ ...order, delivery: { ...order.delivery, packages } })

describe('toWechatShippingOrder: the worked examples', () => {
  it('prepares the SF order into the worked unified request, byte for byte', () => {
    const { upload, warnings, paidAt } = prepare(document)
    expect(upload).toEqual(unifiedSfRequest)
    expect(JSON.stringify(upload)).toBe(JSON.stringify(unifiedSfRequest))
    expect(paidAt).toBe(Date.parse('2025-03-01T09:02:11+08:00'))
    expect(warnings).toEqual([])
  })

  it('prepares the desk order, its first parcel shipped, into the first split request; with the chair shipped, into the second', () => {
    expect(JSON.stringify(prepare(wechatShippingSplitDocumentOrder).upload)).toBe(
      JSON.stringify(splitFirstRequest),
    )
    const both = withParcels({ ...wechatShippingSplitDocumentOrder, status: 'shipped' }, [
      ...(wechatShippingSplitDocumentOrder.delivery?.packages ?? []),
      {
        carrierCode: 'YTO',
        trackingNumber: 'YT7000000000002',
        shippedAt: '2025-03-02T09:00:00+08:00',
        lines: [{ lineId: 'chair', quantity: 1 }],
      },
    ])
    // Every parcel so far, is_all_delivered true, the later parcel's time.
    expect(JSON.stringify(prepare(both).upload)).toBe(JSON.stringify(splitSecondRequest))
  })

  it('makes the same body whatever the host time zone: upload_time in +08:00 from any offset given', () => {
    const utc = withParcels(document, [{ ...parcel, shippedAt: '2025-03-01T02:15:30.000Z' }])
    const epoch = withParcels(document, [
      { ...parcel, shippedAt: Date.parse('2025-03-01T02:15:30Z') },
    ])
    for (const order of [utc, epoch])
      expect(prepare(order).upload.upload_time).toBe('2025-03-01T10:15:30.000+08:00')
  })
})

describe('toWechatShippingOrder: the payment and the payer', () => {
  const payment = document.payments?.[0] as NonNullable<OrderInput['payments']>[number]

  it('names the payment by transaction id when it has one, else by merchant trade number with the mchid of the option or the setting', () => {
    const byTradeNumber: OrderInput = {
      ...document,
      payments: [{ ...payment, transactionId: undefined }],
    }
    expect(prepare(byTradeNumber, { mchid: '1900000109' }).upload.order_key).toEqual({
      order_number_type: 1,
      mchid: '1900000109',
      out_trade_no: 'SO20250301-0001',
    })
    const option = {
      ...byTradeNumber,
      platformOptions: { 'wechat-shipping': { mchid: '1230000109' } },
    }
    expect(prepare(option, { mchid: '1900000109' }).upload.order_key.mchid).toBe('1230000109')
    expect(problemsOf(byTradeNumber)).toEqual([
      'platformOptions.wechat-shipping.mchid: is required (or the client setting mchid) when the payment is named by its merchantTradeNumber: WeChat needs the merchant ID it was paid to',
    ])
  })

  it('refuses a payment named by neither id, a trade number of other characters, and an order without payments', () => {
    expect(
      problemsOf({
        ...document,
        payments: [{ ...payment, transactionId: undefined, merchantTradeNumber: undefined }],
      }),
    ).toEqual([
      'payments.0.transactionId: is required (or merchantTradeNumber with the mchid setting): WeChat names the payment by it',
    ])
    expect(
      problemsOf(
        {
          ...document,
          payments: [{ ...payment, transactionId: undefined, merchantTradeNumber: 'SO 1' }],
        },
        { mchid: '1900000109' },
      ),
    ).toEqual([
      'payments.0.merchantTradeNumber: must hold only digits, letters, _, - and * (WeChat Pay’s out_trade_no)',
    ])
    expect(problemsOf({ ...document, payments: undefined })).toEqual([
      'payments: is required: the WeChat Pay payment (method "wechat_pay") with its transactionId, or its merchantTradeNumber — WeChat records shipping per payment',
    ])
  })

  it('has nothing to report for an order paid other than by WeChat Pay, and refuses one of several WeChat Pay payments', () => {
    const alipay = { ...document, payments: [{ ...payment, method: 'alipay' }] }
    expect(() => prepare(alipay)).toThrow(UnsupportedMappingError)
    expect(() => prepare(alipay)).toThrow(/manages WeChat Pay payments only/)
    const half = { ...payment, amount: { amount: 2990, currency: 'CNY' } } as const
    const twice = {
      ...document,
      payments: [half, { ...half, transactionId: '4200009999202503011234567891' }],
    }
    expect(() => prepare(twice)).toThrow(/report each payment with api.uploadShippingInfo/)
  })

  it('takes payer.openid from buyer.platformUserId, required, at most 128 bytes', () => {
    expect(problemsOf({ ...document, buyer: { id: 'u-1' } })).toEqual([
      'buyer.platformUserId: is required: it is payer.openid, the openid of the user who paid, under this mini program',
    ])
    expect(problemsOf({ ...document, buyer: { platformUserId: '用'.repeat(43) } })).toEqual([
      'buyer.platformUserId: must be at most 128 bytes (payer.openid)',
    ])
  })
})

describe('toWechatShippingOrder: logistics type, mode and parcels', () => {
  it('takes logistics_type from the order type: shipping 1, delivery 2, virtual 3, pickup 4, dine-in 4 with a warning', () => {
    const types = [
      ['shipping', 1],
      ['delivery', 2],
      ['virtual', 3],
      ['pickup', 4],
      ['dine_in', 4],
    ] as const
    for (const [type, logistics] of types) {
      const { upload, warnings } = prepare({ ...document, type })
      expect(upload.logistics_type).toBe(logistics)
      expect(warnings.map((warning) => warning.code)).toEqual(
        type === 'dine_in'
          ? ['value_folded', 'field_dropped']
          : type === 'virtual' || type === 'pickup'
            ? ['field_dropped']
            : [],
      )
    }
    const option: OrderInput = {
      ...document,
      platformOptions: { 'wechat-shipping': { logisticsType: 2 } },
    }
    expect(prepare(option).upload.logistics_type).toBe(2)
  })

  it('sends same-city delivery as one parcel with its courier; virtual goods and pick-ups as one parcel with the items only', () => {
    const sameCity: OrderInput = {
      ...document,
      type: 'delivery',
      delivery: {
        address: document.delivery?.address,
        courier: { name: '闪送', phone: '13700000000' },
      },
      statusChangedAt: '2025-03-01T11:00:00+08:00',
    }
    expect(prepare(sameCity).upload).toMatchObject({
      logistics_type: 2,
      delivery_mode: 1,
      shipping_list: [{ express_company: '闪送', item_desc: '白瓷马克杯*2；杯垫*1' }],
      upload_time: '2025-03-01T11:00:00.000+08:00',
    })
    const pickup: OrderInput = {
      ...document,
      type: 'pickup',
      status: 'ready',
      statusChangedAt: '2025-03-01T09:30:00+08:00',
      delivery: { pickupCode: { value: 'A12' } },
    }
    const prepared = prepare(pickup)
    expect(prepared.upload.shipping_list).toEqual([{ item_desc: '白瓷马克杯*2；杯垫*1' }])
    expect(prepared.upload.upload_time).toBe('2025-03-01T09:30:00.000+08:00')
    expect(prepared.warnings).toEqual([
      {
        path: ['delivery', 'pickupCode', 'value'],
        code: 'field_dropped',
        message: 'WeChat shipping has no field for delivery.pickupCode.value: it is not reported',
      },
    ])
  })

  it('uploads several express parcels in split mode, complete when the order has shipped or the parcels hold every line', () => {
    const two = withParcels(document, [
      { ...parcel, lines: [{ lineId: 'mug', quantity: 2 }] },
      { ...parcel, trackingNumber: 'SF1400012345679', lines: [{ lineId: 'coaster', quantity: 1 }] },
    ])
    expect(prepare(two).upload).toMatchObject({ delivery_mode: 2, is_all_delivered: true })
    expect(prepare(two).upload.shipping_list.map((item) => item.item_desc)).toEqual([
      '白瓷马克杯*2',
      '杯垫*1',
    ])
    // Still preparing, but the parcels hold every unit: complete.
    expect(prepare({ ...two, status: 'preparing' }).upload.is_all_delivered).toBe(true)
    // Preparing, the coaster not shipped: a split upload that does not complete.
    const first = withParcels({ ...document, status: 'preparing' }, [
      { ...parcel, lines: [{ lineId: 'mug', quantity: 2 }] },
    ])
    expect(prepare(first).upload).toMatchObject({ delivery_mode: 2, is_all_delivered: false })
    const forced = { ...first, platformOptions: { 'wechat-shipping': { allDelivered: true } } }
    expect(prepare(forced).upload).toMatchObject({ delivery_mode: 1 })
  })

  it('holds the parcels to maxParcels (15 by default, a setting), and each express parcel to a carrier and a waybill', () => {
    const many = (count: number) =>
      withParcels(
        document,
        Array.from({ length: count }, (_, index) => ({ ...parcel, trackingNumber: `SF${index}` })),
      )
    expect(prepare(many(15)).upload.shipping_list).toHaveLength(15)
    expect(problemsOf(many(16))).toEqual([
      'delivery.packages: holds 16 parcels: WeChat takes at most 15 in one upload (setting maxParcels)',
    ])
    expect(problemsOf(many(11), { maxParcels: 10 })).toEqual([
      'delivery.packages: holds 11 parcels: WeChat takes at most 10 in one upload (setting maxParcels)',
    ])
    expect(problemsOf(withParcels(document, [{ shippedAt: parcel.shippedAt }]))).toEqual([
      'delivery.packages.0.trackingNumber: is required for express shipping: it is tracking_no, the waybill number',
      'delivery.packages.0.carrierCode: is required for express shipping: it is express_company, the carrier’s delivery id from WeChat’s get_delivery_list (SF, YTO, ZTO, …)',
    ])
    expect(
      problemsOf(withParcels(document, [{ ...parcel, trackingNumber: '单'.repeat(43) }])),
    ).toEqual([
      'delivery.packages.0.trackingNumber: must be at most 128 bytes in UTF-8: it is tracking_no, the waybill number',
    ])
    expect(problemsOf(withParcels(document, []))).toEqual([
      'delivery.packages: is required for express shipping (order type shipping): each parcel with its carrierCode and trackingNumber',
    ])
  })

  it('describes a parcel by its lines (name*quantity and unit, joined by ；), cut at 120 characters with a warning', () => {
    const units: OrderInput = {
      ...document,
      lines: document.lines.map((line) => ({ ...line, unit: '个' })),
    }
    expect(prepare(units).upload.shipping_list[0]?.item_desc).toBe('白瓷马克杯*2个；杯垫*1个')
    const long: OrderInput = {
      ...document,
      lines: document.lines.map((line) => ({ ...line, name: `${line.name}${'🎁'.repeat(70)}` })),
    }
    const { upload, warnings } = prepare(long)
    const desc = upload.shipping_list[0]?.item_desc ?? ''
    expect([...desc]).toHaveLength(120)
    expect(desc.endsWith('…')).toBe(true)
    expect(warnings).toEqual([
      {
        path: ['delivery', 'packages', 0, 'lines'],
        code: 'value_clipped',
        message:
          'item_desc is at most 120 characters: the parcel\'s items (152 characters) are cut with "…"',
      },
    ])
  })

  it('counts item_desc’s limit in bytes when the itemDescLimit setting says so, cutting no character in two', () => {
    const long: OrderInput = {
      ...document,
      lines: document.lines.map((line, index) =>
        index === 0 ? { ...line, name: '白'.repeat(100) } : line,
      ),
    }
    // 107 characters, 313 bytes in UTF-8: within 120 characters, over 120 bytes.
    expect(prepare(long).warnings).toEqual([])
    const { upload, warnings } = prepare(long, { itemDescLimit: { max: 120, unit: 'bytes' } })
    const desc = upload.shipping_list[0]?.item_desc ?? ''
    expect(new TextEncoder().encode(desc).length).toBeLessThanOrEqual(120)
    expect(desc).toBe(`${'白'.repeat(39)}…`)
    expect(warnings).toEqual([
      {
        path: ['delivery', 'packages', 0, 'lines'],
        code: 'value_clipped',
        message: 'item_desc is at most 120 bytes: the parcel\'s items (313 bytes) are cut with "…"',
      },
    ])
  })

  it('describes a parcel without lines by the whole order, with a warning beside other parcels', () => {
    const { lines: _lines, ...bare } = parcel
    expect(prepare(withParcels(document, [bare])).upload.shipping_list[0]?.item_desc).toBe(
      '白瓷马克杯*2；杯垫*1',
    )
    const two = prepare(withParcels(document, [bare, { ...bare, trackingNumber: 'SF2' }]))
    expect(two.warnings.map((warning) => warning.code)).toEqual([
      'value_inferred',
      'value_inferred',
    ])
  })
})

describe('toWechatShippingOrder: the SF contact', () => {
  it('masks the receiver’s phone, last 4 digits visible, and never sends the number itself', () => {
    const formats = ['13812345678', '+86 138 1234 5678', '0086-138-1234-5678']
    for (const phone of formats) {
      const order = { ...document, delivery: { ...document.delivery, address: { phone } } }
      const { upload } = prepare(order)
      expect(upload.shipping_list[0]?.contact).toEqual({ receiver_contact: '138****5678' })
      expect(JSON.stringify(upload)).not.toContain('13812345678')
    }
  })

  it('falls back to the store’s phone as the consignor’s, and refuses an SF parcel with no phone at all', () => {
    const noReceiver: OrderInput = {
      ...document,
      delivery: { ...document.delivery, address: { name: '王芳' } },
      merchant: { store: { id: 's1', phone: '021-6123 4567' } },
    }
    expect(prepare(noReceiver).upload.shipping_list[0]?.contact).toEqual({
      consignor_contact: '****4567',
    })
    expect(problemsOf({ ...noReceiver, merchant: undefined })).toEqual([
      'delivery.address.phone: is required for SF parcels: WeChat needs the receiver’s (or the sender’s, merchant.store.phone) phone, sent masked with its last 4 digits',
    ])
  })

  it('adds a contact only for the contactCarriers (SF by default)', () => {
    const yto = withParcels(document, [{ ...parcel, carrierCode: 'YTO' }])
    expect(prepare(yto).upload.shipping_list[0]?.contact).toBeUndefined()
    expect(
      prepare(yto, { contactCarriers: ['SF', 'YTO'] }).upload.shipping_list[0]?.contact,
    ).toEqual({ receiver_contact: '138****5678' })
  })
})

describe('toWechatShippingOrder: status', () => {
  it('reports nothing yet for an order not paid, or paid with no parcel gone (a WechatShippingNotReportableError)', () => {
    for (const status of ['created', 'awaiting_payment', 'payment_failed'] as const) {
      const error = (() => {
        try {
          prepare({
            ...document,
            status,
            paidAmount: { amount: 0, currency: 'CNY' },
            payments: undefined,
          })
        } catch (thrown) {
          return thrown
        }
        return undefined
      })()
      expect(WechatShippingNotReportableError.isInstance(error)).toBe(true)
      expect(String((error as Error).message)).toContain('it is not paid yet')
    }
    expect(() => prepare(withParcels({ ...document, status: 'paid' }, []))).toThrow(
      /no parcel has left yet/,
    )
    expect(() => prepare({ ...document, type: 'delivery', status: 'preparing' })).toThrow(
      WechatShippingNotReportableError,
    )
  })

  it('has nothing to ship for an order cancelled, refused or refunded', () => {
    for (const status of ['cancelled_after_payment', 'rejected', 'refunded', 'voided'] as const) {
      expect(() => prepare({ ...document, status })).toThrow(/there is no shipping to report/)
    }
  })

  it('reports a pick-up or dine-in order ready to collect, and an order under an after-sale with the parcels it shipped', () => {
    expect(prepare({ ...document, type: 'pickup', status: 'ready' }).upload.logistics_type).toBe(4)
    expect(() => prepare({ ...document, status: 'ready' })).not.toThrow()
    expect(prepare({ ...document, status: 'refunding' }).upload.delivery_mode).toBe(1)
  })
})

describe('toWechatShippingOrder: what it leaves out', () => {
  it('warns about the delivery details the upload has no field for, and nothing else', () => {
    const order: OrderInput = {
      ...document,
      title: 'mugs',
      delivery: {
        ...document.delivery,
        window: { start: '2025-03-02T09:00:00+08:00' },
        packages: [{ ...parcel, trackingUrl: 'https://example.com/t/SF1400012345678' }],
      },
    }
    expect(prepare(order).warnings.map((warning) => warning.path.join('.'))).toEqual([
      'delivery.window.start',
      'delivery.packages.0.trackingUrl',
    ])
  })

  it('builds a body the schema accepts for the document order in every order type', () => {
    for (const type of ['shipping', 'delivery', 'virtual', 'pickup', 'dine_in'] as const) {
      const { upload } = prepare({ ...document, type })
      expect(wechatShippingUploadRequestSchema.safeParse(upload).success).toBe(true)
    }
  })
})
