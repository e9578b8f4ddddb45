import { describe, expect, it } from 'vitest'
import {
  isMaskedWechatShippingContact,
  maskWechatShippingPhone,
} from './mask-wechat-shipping-phone.ts'

describe('maskWechatShippingPhone', () => {
  it('masks a mainland mobile as WeChat’s examples do, in any format, with or without +86', () => {
    for (const phone of [
      '13812345678',
      '138 1234 5678',
      '+86 138-1234-5678',
      '008613812345678',
      '8613812345678',
    ])
      expect(maskWechatShippingPhone(phone)).toBe('138****5678')
  })

  it('masks any other number to its last four digits, and gives up below four digits', () => {
    expect(maskWechatShippingPhone('021-6123 4567')).toBe('****4567')
    expect(maskWechatShippingPhone('+44 20 7946 0958')).toBe('****0958')
    expect(maskWechatShippingPhone('1234')).toBe('****1234')
    expect(maskWechatShippingPhone('123')).toBeUndefined()
  })

  it('always makes a contact the upload takes', () => {
    for (const phone of ['13812345678', '021-6123 4567', '1234', '+44 20 7946 0958'])
      expect(isMaskedWechatShippingContact(maskWechatShippingPhone(phone) ?? '')).toBe(true)
  })

  it('takes every shape WeChat’s upload page lists, and refuses a number with too many digits visible', () => {
    for (const shape of [
      '189****1234',
      '021-****1234',
      '****1234',
      '0**2-***1234',
      '0**2-******23-10',
      '****123-8008',
      '+86-177****1234',
    ])
      expect([shape, isMaskedWechatShippingContact(shape)]).toEqual([shape, true])
    // A whole number with one star before it, or in it: every digit of the number readable.
    for (const whole of ['*13812345678', '1381234*5678', '+86-1381234*5678'])
      expect([whole, isMaskedWechatShippingContact(whole)]).toEqual([whole, false])
  })
})
