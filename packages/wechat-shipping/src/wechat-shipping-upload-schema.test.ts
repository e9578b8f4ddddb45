import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import {
  splitFirstRequest,
  splitSecondRequest,
  unifiedSfRequest,
} from './test/wechat-shipping-document-requests.ts'
import {
  createWechatShippingUploadSchema,
  type WechatShippingParcel,
  type WechatShippingUploadRequest,
  wechatShippingCombinedUploadRequestSchema,
  wechatShippingDeliveryModes,
  wechatShippingLogisticsTypes,
  wechatShippingOrderNumberTypes,
  wechatShippingUploadRequestSchema,
} from './wechat-shipping-upload-schema.ts'

/** The paths and messages of what the schema refuses in `value`. */
function problems(value: unknown, schema: z.ZodType = wechatShippingUploadRequestSchema): string[] {
  const result = schema.safeParse(value)
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
}

const express = (parcel: Partial<WechatShippingParcel>): WechatShippingUploadRequest => ({
  ...splitFirstRequest,
  shipping_list: [{ tracking_no: 'YT1', express_company: 'YTO', item_desc: '书桌*1', ...parcel }],
})

describe('the upload schema', () => {
  it('accepts the worked requests', () => {
    for (const request of [unifiedSfRequest, splitFirstRequest, splitSecondRequest])
      expect(problems(request)).toEqual([])
  })

  it('takes every value of each enumeration as a JSON number, and nothing else (the pages’ UNIFIED_DELIVERY is a label)', () => {
    expect(wechatShippingOrderNumberTypes).toEqual([1, 2])
    expect(wechatShippingLogisticsTypes).toEqual([1, 2, 3, 4])
    expect(wechatShippingDeliveryModes).toEqual([1, 2])
    for (const logistics_type of wechatShippingLogisticsTypes) {
      const unified = { ...unifiedSfRequest, logistics_type }
      expect(problems(unified)).toEqual([])
    }
    expect(problems({ ...unifiedSfRequest, logistics_type: 5 })).toEqual([
      'logistics_type: must be 1 (express), 2 (same-city), 3 (virtual) or 4 (pick-up) (10060005)',
    ])
    expect(problems({ ...unifiedSfRequest, delivery_mode: 'UNIFIED_DELIVERY' })).toEqual([
      'delivery_mode: must be 1 (unified) or 2 (split) (268485224)',
    ])
    expect(
      problems({ ...unifiedSfRequest, order_key: { order_number_type: 3, transaction_id: '1' } }),
    ).toEqual([
      'order_key.order_number_type: must be 1 (mchid + out_trade_no) or 2 (transaction_id) (268485194)',
    ])
  })

  it('requires the key’s ids by order_number_type, and a merchant trade number of WeChat Pay’s characters', () => {
    expect(problems({ ...unifiedSfRequest, order_key: { order_number_type: 2 } })).toEqual([
      'order_key.transaction_id: is required with order_number_type 2 (268485195)',
    ])
    expect(problems({ ...unifiedSfRequest, order_key: { order_number_type: 1 } })).toEqual([
      'order_key.mchid: is required with order_number_type 1 (268485196)',
      'order_key.out_trade_no: is required with order_number_type 1 (268485197)',
    ])
    expect(
      problems({
        ...unifiedSfRequest,
        order_key: { order_number_type: 1, mchid: '1900000109', out_trade_no: 'SO 1/2' },
      }),
    ).toEqual([
      'order_key.out_trade_no: must hold only digits, letters, _, - and * (WeChat Pay’s merchant trade number)',
    ])
  })

  it('allows split mode only for express, and only with is_all_delivered', () => {
    const { is_all_delivered: _omitted, ...withoutFlag } = splitFirstRequest
    expect(problems(withoutFlag)).toEqual([
      'is_all_delivered: is required in split mode (10060007)',
    ])
    expect(problems({ ...splitFirstRequest, logistics_type: 2 })).toEqual([
      'delivery_mode: may be 2 (split) only with logistics_type 1, express (10060006)',
    ])
  })

  it('holds unified mode to exactly one parcel, and split mode to 1–15 by default (10 or any other by setting)', () => {
    const parcels = (count: number) =>
      Array.from({ length: count }, (_, index) => ({
        tracking_no: `YT${index}`,
        express_company: 'YTO',
        item_desc: '书*1',
      }))
    expect(problems({ ...unifiedSfRequest, shipping_list: [] })).toEqual([
      'shipping_list: must hold exactly 1 parcel in unified mode (268485228)',
    ])
    expect(problems({ ...splitFirstRequest, shipping_list: parcels(15) })).toEqual([])
    expect(problems({ ...splitFirstRequest, shipping_list: parcels(16) })).toEqual([
      'shipping_list: must hold 1–15 parcels (10060024)',
    ])
    expect(problems({ ...splitFirstRequest, shipping_list: [] })).toEqual([
      'shipping_list: must hold 1–15 parcels (10060024)',
    ])
    const ten = createWechatShippingUploadSchema({ maxParcels: 10, contactCarriers: ['SF'] })
    expect(problems({ ...splitFirstRequest, shipping_list: parcels(10) }, ten)).toEqual([])
    expect(problems({ ...splitFirstRequest, shipping_list: parcels(11) }, ten)).toEqual([
      'shipping_list: must hold 1–10 parcels (10060024)',
    ])
  })

  it('requires tracking_no and express_company for express only, each at most 128 bytes (not characters)', () => {
    expect(problems(express({ tracking_no: undefined, express_company: '' }))).toEqual([
      'shipping_list.0.tracking_no: is required for express (268485226)',
      'shipping_list.0.express_company: is required for express (268485227)',
    ])
    const pickup = {
      ...unifiedSfRequest,
      logistics_type: 4,
      shipping_list: [{ item_desc: '拿铁*2' }],
    }
    expect(problems(pickup)).toEqual([])
    // 42 CJK characters are 126 bytes; 43 are 129.
    expect(problems(express({ tracking_no: '号'.repeat(42) }))).toEqual([])
    expect(problems(express({ tracking_no: '号'.repeat(43) }))).toEqual([
      'shipping_list.0.tracking_no: must be 0–128 bytes in UTF-8 (10060026)',
    ])
    expect(problems(express({ express_company: 'a'.repeat(129) }))).toEqual([
      'shipping_list.0.express_company: must be 0–128 bytes in UTF-8 (10060025)',
    ])
  })

  it('limits item_desc to 1–120 characters, counted as code points (not bytes, not UTF-16 units)', () => {
    expect(problems(express({ item_desc: '' }))).toEqual([
      'shipping_list.0.item_desc: must not be empty (10060008)',
    ])
    // 120 CJK characters are 360 bytes; 120 emoji are 240 UTF-16 units: both 120 characters.
    expect(problems(express({ item_desc: '杯'.repeat(120) }))).toEqual([])
    expect(problems(express({ item_desc: '🎁'.repeat(120) }))).toEqual([])
    expect(problems(express({ item_desc: '杯'.repeat(121) }))).toEqual([
      'shipping_list.0.item_desc: must be at most 120 characters (10060009)',
    ])
  })

  it('counts item_desc in UTF-8 bytes under a rule that says so (itemDescLimit)', () => {
    const bytes = createWechatShippingUploadSchema({
      maxParcels: 15,
      contactCarriers: ['SF'],
      itemDescLimit: { max: 120, unit: 'bytes' },
    })
    expect(problems(express({ item_desc: '杯'.repeat(40) }), bytes)).toEqual([])
    expect(problems(express({ item_desc: '杯'.repeat(41) }), bytes)).toEqual([
      'shipping_list.0.item_desc: must be at most 120 bytes in UTF-8 (10060009)',
    ])
  })

  it('limits payer.openid to 1–128 bytes', () => {
    expect(problems({ ...unifiedSfRequest, payer: { openid: 'o'.repeat(128) } })).toEqual([])
    expect(problems({ ...unifiedSfRequest, payer: { openid: 'o'.repeat(129) } })).toEqual([
      'payer.openid: must be 1–128 bytes in UTF-8 (10060031)',
    ])
    expect(problems({ ...unifiedSfRequest, payer: { openid: '' } })).toHaveLength(1)
  })

  it('requires a contact for SF parcels (the contactCarriers setting), masked as the page shows, at most 1024 bytes', () => {
    expect(problems(express({ express_company: 'SF' }))).toEqual([
      'shipping_list.0.contact: is required for SF parcels: the consignor’s or the receiver’s masked phone',
    ])
    for (const masked of [
      '189****1234',
      '021-****1234',
      '****1234',
      '0**2-***1234',
      '0**2-******23-10',
      '****123-8008',
      '+86-177****1234',
    ]) {
      expect(
        problems(express({ express_company: 'SF', contact: { consignor_contact: masked } })),
      ).toEqual([])
    }
    for (const plain of ['13812345678', '1381234**78', '138****567', 'call 138****5678']) {
      expect(
        problems(express({ express_company: 'SF', contact: { receiver_contact: plain } })),
      ).toEqual([
        'shipping_list.0.contact.receiver_contact: must be masked with the last 4 digits visible, such as 189****1234 or 021-****1234: WeChat takes no plain phone number',
      ])
    }
    const long = `${'*'.repeat(1021)}1234`
    expect(problems(express({ contact: { receiver_contact: long } }))).toEqual([
      'shipping_list.0.contact.receiver_contact: must be at most 1024 bytes',
    ])
    const jd = createWechatShippingUploadSchema({ maxParcels: 15, contactCarriers: ['SF', 'SFTC'] })
    expect(problems(express({ express_company: 'SFTC' }), jd)).toHaveLength(1)
    expect(problems(express({ express_company: 'SFTC' }))).toEqual([])
  })

  it('takes upload_time as RFC 3339 with an offset: Z, six fraction digits or none pass; no offset or no date does not (268485216)', () => {
    for (const upload_time of [
      '2024-05-07T16:48:34Z',
      '2024-05-07T16:48:44.911524+08:00',
      '2024-05-07T09:29:21+08:00',
      '2022-12-15T13:29:35.120+08:00',
    ])
      expect(problems({ ...unifiedSfRequest, upload_time })).toEqual([])
    for (const upload_time of [
      '2024-05-07 16:48:34',
      '2024-05-07T16:48:34',
      '2024-02-30T10:00:00+08:00',
      '1740795330',
    ])
      expect(problems({ ...unifiedSfRequest, upload_time })).toEqual([
        'upload_time: must be an RFC 3339 time with an offset, such as 2022-12-15T13:29:35.120+08:00 (268485216)',
      ])
  })

  it('refuses unknown keys: goods_desc is the answer’s name for item_desc', () => {
    expect(
      problems({
        ...unifiedSfRequest,
        shipping_list: [{ tracking_no: 'SF1', express_company: 'YTO', goods_desc: '书*1' }],
      }),
    ).toEqual([
      'shipping_list.0.item_desc: Invalid input: expected string, received undefined',
      'shipping_list.0: Unrecognized key: "goods_desc"',
    ])
  })
})

describe('the combined upload schema', () => {
  const sub = (transaction_id: string, order_number_type: 1 | 2 = 2) => ({
    order_key:
      order_number_type === 2
        ? { order_number_type, transaction_id }
        : { order_number_type, mchid: '1900000109', out_trade_no: transaction_id },
    logistics_type: 1 as const,
    delivery_mode: 1 as const,
    shipping_list: [{ tracking_no: 'YT1', express_company: 'YTO', item_desc: '台灯*1' }],
  })
  const combined = {
    order_key: { order_number_type: 2 as const, transaction_id: '4200009999202503011234567800' },
    upload_time: '2025-03-01T10:15:30.000+08:00',
    payer: { openid: 'oExamplePayerOpenid000000001' },
  }

  it('accepts sub-orders of the parent’s key type, and none at all (optional on the page)', () => {
    expect(
      problems(
        { ...combined, sub_orders: [sub('1'), sub('2')] },
        wechatShippingCombinedUploadRequestSchema,
      ),
    ).toEqual([])
    expect(problems(combined, wechatShippingCombinedUploadRequestSchema)).toEqual([])
  })

  it('refuses a sub-order of another key type (268485253), one twice (10060013), and checks each as an upload', () => {
    expect(
      problems(
        {
          ...combined,
          sub_orders: [sub('1'), sub('1'), sub('SO-3', 1), { ...sub('4'), delivery_mode: 2 }],
        },
        wechatShippingCombinedUploadRequestSchema,
      ),
    ).toEqual([
      'sub_orders.1.order_key: names a sub-payment listed before (10060013)',
      'sub_orders.2.order_key.order_number_type: must be the combined payment’s order_number_type (268485253)',
      'sub_orders.3.is_all_delivered: is required in split mode (10060007)',
    ])
  })
})
