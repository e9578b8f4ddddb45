import { describe, expect, it } from 'vitest'
import {
  heldFromAnswer,
  holdsSameShipping,
  planWechatShippingUpload,
} from './plan-wechat-shipping-upload.ts'
import { splitSecondRequest, unifiedSfRequest } from './test/wechat-shipping-document-requests.ts'

const heldSf = heldFromAnswer({
  order_state: 2,
  shipping: {
    delivery_mode: 1,
    logistics_type: 1,
    finish_shipping: true,
    finish_shipping_count: 1,
    shipping_list: [
      {
        tracking_no: 'SF1400012345678',
        express_company: 'SF',
        goods_desc: '白瓷马克杯*2；杯垫*1',
        upload_time: 1740795330,
      },
    ],
  },
})

describe('planWechatShippingUpload', () => {
  it('reads get_order’s shipping; a payment with no parcel holds nothing', () => {
    expect(heldSf?.latestUploadAt).toBe(1740795330_000)
    expect(heldFromAnswer({ order_state: 1, shipping: {} })).toBeUndefined()
    expect(planWechatShippingUpload(unifiedSfRequest, undefined)).toEqual({
      action: 'upload',
      upload: unifiedSfRequest,
      warnings: [],
    })
  })

  it('leaves a shipping WeChat holds already, whatever the upload time, and counts an unknown field as no difference', () => {
    const later = { ...unifiedSfRequest, upload_time: '2025-03-09T00:00:00.000+08:00' }
    expect(planWechatShippingUpload(later, heldSf)).toEqual({ action: 'leave' })
    // WeChat's own example answers a parcel without goods_desc.
    const bare = heldFromAnswer({
      shipping: { shipping_list: [{ tracking_no: 'SF1400012345678', express_company: 'SF' }] },
    })
    expect(bare === undefined ? false : holdsSameShipping(unifiedSfRequest, bare)).toBe(true)
  })

  it('sees a parcel changed, added or reordered as it is: the order of the parcels does not matter', () => {
    const held = heldFromAnswer({
      shipping: {
        delivery_mode: 2,
        finish_shipping: true,
        shipping_list: [...splitSecondRequest.shipping_list].reverse().map((parcel) => ({
          tracking_no: parcel.tracking_no ?? '',
          express_company: parcel.express_company ?? '',
          goods_desc: parcel.item_desc,
        })),
      },
    })
    expect(held === undefined ? false : holdsSameShipping(splitSecondRequest, held)).toBe(true)
    const { is_all_delivered: _flag, ...open } = splitSecondRequest
    expect(
      held === undefined ? true : holdsSameShipping({ ...open, is_all_delivered: false }, held),
    ).toBe(false)
  })

  it('sends a later shipment as it is, and a correction at or before WeChat’s time one second past it', () => {
    if (heldSf === undefined) throw new Error('expected a held shipping')
    const changed = {
      ...unifiedSfRequest,
      shipping_list: [
        { ...unifiedSfRequest.shipping_list[0], tracking_no: 'SF2', item_desc: '杯*1' },
      ],
    }
    const later = { ...changed, upload_time: '2025-03-01T10:15:31.000+08:00' }
    expect(planWechatShippingUpload(later, heldSf)).toMatchObject({
      action: 'upload',
      upload: later,
    })
    for (const upload_time of ['2025-03-01T10:15:30.999+08:00', '2025-03-01T09:00:00.000+08:00']) {
      const plan = planWechatShippingUpload({ ...changed, upload_time }, heldSf)
      expect(plan.action === 'upload' && plan.upload.upload_time).toBe(
        '2025-03-01T10:15:31.000+08:00',
      )
      expect(plan.action === 'upload' && plan.warnings.map((warning) => warning.code)).toEqual([
        'reshipment_used',
        'upload_time_advanced',
      ])
    }
  })

  it('does not warn about the re-shipment while a split shipping is still open', () => {
    const open = heldFromAnswer({
      shipping: {
        delivery_mode: 2,
        finish_shipping: false,
        finish_shipping_count: 0,
        shipping_list: [
          { tracking_no: 'YT7000000000001', express_company: 'YTO', upload_time: 1740795330 },
        ],
      },
    })
    expect(planWechatShippingUpload(splitSecondRequest, open)).toEqual({
      action: 'upload',
      upload: splitSecondRequest,
      warnings: [],
    })
  })
})
