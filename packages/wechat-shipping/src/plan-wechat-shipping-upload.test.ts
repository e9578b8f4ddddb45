import { describe, expect, it } from 'vitest'
import {
  heldFromAnswer,
  holdsSameShipping,
  planWechatShippingUpload,
  type WechatShippingPlanContext,
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

const all: WechatShippingPlanContext = { splitUploads: 'all-parcels' }

describe('planWechatShippingUpload', () => {
  it('reads get_order’s shipping; a payment with no parcel holds nothing', () => {
    expect(heldSf?.latestUploadAt).toBe(1740795330_000)
    expect(heldFromAnswer({ order_state: 1, shipping: {} })).toBeUndefined()
    expect(planWechatShippingUpload(unifiedSfRequest, undefined, all)).toEqual({
      action: 'upload',
      upload: unifiedSfRequest,
      warnings: [],
    })
  })

  it('leaves a shipping WeChat holds already, whatever the upload time, and counts an unknown field as no difference', () => {
    const later = { ...unifiedSfRequest, upload_time: '2025-03-09T00:00:00.000+08:00' }
    expect(planWechatShippingUpload(later, heldSf, all)).toEqual({ action: 'leave' })
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

  it('sends a later shipment as it is, and a correction within WeChat’s second one second past it', () => {
    if (heldSf === undefined) throw new Error('expected a held shipping')
    const changed = {
      ...unifiedSfRequest,
      shipping_list: [
        { ...unifiedSfRequest.shipping_list[0], tracking_no: 'SF2', item_desc: '杯*1' },
      ],
    }
    const later = { ...changed, upload_time: '2025-03-01T10:15:31.000+08:00' }
    expect(planWechatShippingUpload(later, heldSf, all)).toMatchObject({
      action: 'upload',
      upload: later,
    })
    for (const upload_time of ['2025-03-01T10:15:30.000+08:00', '2025-03-01T10:15:30.999+08:00']) {
      const plan = planWechatShippingUpload({ ...changed, upload_time }, heldSf, all)
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
    expect(planWechatShippingUpload(splitSecondRequest, open, all)).toEqual({
      action: 'upload',
      upload: splitSecondRequest,
      warnings: [],
    })
  })

  it('keeps a payment WeChat holds split split: one parcel that completes goes as split with is_all_delivered, no re-shipment', () => {
    const open = heldFromAnswer({
      shipping: {
        delivery_mode: 2,
        logistics_type: 1,
        finish_shipping: false,
        finish_shipping_count: 0,
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
    const plan = planWechatShippingUpload(unifiedSfRequest, open, all)
    expect(plan.action === 'upload' && plan.upload).toMatchObject({
      delivery_mode: 2,
      is_all_delivered: true,
      upload_time: '2025-03-01T10:15:31.000+08:00',
    })
    expect(plan.action === 'upload' && plan.warnings.map((warning) => warning.code)).toEqual([
      'upload_time_advanced',
    ])
  })

  it('warns that a change of logistics_type or delivery_mode spends the re-shipment, even while the shipping is open', () => {
    const open = heldFromAnswer({
      shipping: {
        delivery_mode: 2,
        logistics_type: 1,
        finish_shipping: false,
        shipping_list: [{ tracking_no: 'YT1', express_company: 'YTO', upload_time: 1740795330 }],
      },
    })
    const sameCity = {
      ...unifiedSfRequest,
      logistics_type: 2 as const,
      upload_time: '2025-03-01T11:00:00.000+08:00',
    }
    const plan = planWechatShippingUpload(sameCity, open, all)
    expect(plan.action === 'upload' && plan.warnings).toEqual([
      {
        path: ['delivery', 'packages'],
        code: 'reshipment_used',
        message:
          'this upload changes delivery_mode 2 → 1 and logistics_type 1 → 2: this change is the payment’s one re-shipment (重新发货), and WeChat will refuse any later change (10060003)',
      },
    ])
  })

  it('refuses a shipment earlier than WeChat’s latest upload, and moves only the same shipment (to the second) past it', () => {
    if (heldSf === undefined) throw new Error('expected a held shipping')
    const changed = {
      ...unifiedSfRequest,
      shipping_list: [
        { ...unifiedSfRequest.shipping_list[0], tracking_no: 'SF2', item_desc: '杯*1' },
      ],
    }
    const earlier = planWechatShippingUpload(
      { ...changed, upload_time: '2025-03-01T10:15:29.999+08:00' },
      heldSf,
      all,
    )
    expect(earlier.action).toBe('refuse')
    expect(earlier.action === 'refuse' && earlier.reason).toContain(
      'WeChat holds an upload of this payment at 2025-03-01T10:15:30+08:00',
    )
    // This client sent WeChat's latest upload (10:15:31) for a shipment at 10:15:30: a correction
    // of that shipment goes one second past, though get_order shows only 10:15:30.
    const sent = { uploadAt: 1740795331_000, shipmentAt: 1740795330_000 }
    const again = planWechatShippingUpload(
      { ...changed, upload_time: '2025-03-01T10:15:30.000+08:00' },
      heldSf,
      { ...all, sent },
    )
    expect(again.action === 'upload' && again.upload.upload_time).toBe(
      '2025-03-01T10:15:32.000+08:00',
    )
  })

  it('lists only the parcels WeChat does not hold with new-parcels, and counts a parcel held twice once', () => {
    const newParcels: WechatShippingPlanContext = { splitUploads: 'new-parcels' }
    const [desk, chair] = splitSecondRequest.shipping_list
    if (desk === undefined || chair === undefined) throw new Error('expected two parcels')
    const toHeld = (parcel: typeof desk) => ({
      tracking_no: parcel.tracking_no ?? '',
      express_company: parcel.express_company ?? '',
      goods_desc: parcel.item_desc,
      upload_time: 1740795330,
    })
    const open = heldFromAnswer({
      shipping: { delivery_mode: 2, finish_shipping: false, shipping_list: [toHeld(desk)] },
    })
    const plan = planWechatShippingUpload(splitSecondRequest, open, newParcels)
    expect(plan.action === 'upload' && plan.upload.shipping_list).toEqual([chair])
    // Completing with nothing new repeats the last parcel: WeChat takes 1–15.
    const onlyDesk = { ...splitSecondRequest, shipping_list: [desk] }
    const repeat = planWechatShippingUpload(onlyDesk, open, newParcels)
    expect(repeat.action === 'upload' && repeat.upload.shipping_list).toEqual([desk])
    const twice = heldFromAnswer({
      shipping: {
        delivery_mode: 2,
        finish_shipping: true,
        shipping_list: [toHeld(desk), toHeld(desk), toHeld(chair)],
      },
    })
    expect(planWechatShippingUpload(splitSecondRequest, twice, newParcels)).toEqual({
      action: 'leave',
    })
    // A parcel WeChat holds that the version no longer lists cannot be taken off by adding.
    const changedDesk = heldFromAnswer({
      shipping: {
        delivery_mode: 2,
        finish_shipping: false,
        shipping_list: [{ ...toHeld(desk), tracking_no: 'YT-OLD' }],
      },
    })
    const refused = planWechatShippingUpload(splitSecondRequest, changedDesk, newParcels)
    expect(refused.action === 'refuse' && refused.reason).toContain('WeChat holds parcel YT-OLD')
  })
})
