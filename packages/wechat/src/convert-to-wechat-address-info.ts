import { type Conversion, type Order, omitUndefined } from '@ordersync/core'
import type { WechatOrderOptions } from './wechat-order-options.ts'
import type { WechatAddressInfo } from './wechat-order-schema.ts'

const deliveryTypeByOrderType = {
  shipping: 1,
  virtual: 2,
  delivery: 3,
  pickup: 4,
  dine_in: 2,
} as const

/**
 * `delivery_detail.delivery_type`: the option's, else the order type's (shipping 1, virtual 2,
 * delivery 3, pickup 4; dine-in 2, warned: WeChat has no dine-in type).
 *
 * @param order - A valid order.
 * @param wechat - Its WeChat options.
 * @param conversion - Where the warning goes.
 * @returns The delivery type.
 * @example
 * ```ts
 * // type-checked only: toWechatOrder opens the conversion
 * declare const conversion: Conversion
 * toWechatDeliveryType(order, {}, conversion) // 1 for a shipping order
 * ```
 */
export function toWechatDeliveryType(
  order: Order,
  wechat: WechatOrderOptions,
  conversion: Conversion,
): 1 | 2 | 3 | 4 {
  if (wechat.deliveryType === undefined && order.type === 'dine_in') {
    conversion.warn({
      path: ['type'],
      code: 'value_folded',
      message: 'WeChat has no dine-in delivery type: reported as 2 (无需快递)',
    })
  }
  return wechat.deliveryType ?? deliveryTypeByOrderType[order.type]
}

/**
 * Whether `address_info` is the store's: a pick-up order (delivery_type 4) without an address of
 * its own is picked up at the store that sold it.
 *
 * @example
 * ```ts
 * isPickedUpAtStore(order, 4) // true when the order has no delivery address
 * ```
 */
export function isPickedUpAtStore(order: Order, deliveryType: 1 | 2 | 3 | 4): boolean {
  return deliveryType === 4 && order.delivery?.address === undefined
}

/**
 * `address_info` of `shop/order/add` ("生成订单" page: not needed for delivery_type 2, the pick-up
 * store for delivery_type 4): the delivery address, or the store's for a pick-up at the store;
 * `detailed_address` joins district, line1 and line2. The receiver's name, phone and address are
 * required (a problem at the canonical path); for delivery_type 2 an address is dropped, warned.
 *
 * @param order - A valid order.
 * @param deliveryType - The add body's delivery type.
 * @param conversion - Where the problems and warnings go.
 * @returns The address (none for delivery_type 2), and the personal values it carries (the
 *   phone), for the transport to redact.
 * @example
 * ```ts
 * // type-checked only: toWechatOrder opens the conversion
 * declare const conversion: Conversion
 * toWechatAddressInfo(order, 1, conversion).addressInfo?.receiver_name
 * ```
 */
export function toWechatAddressInfo(
  order: Order,
  deliveryType: 1 | 2 | 3 | 4,
  conversion: Conversion,
): { readonly addressInfo: WechatAddressInfo | undefined; readonly sensitive: string[] } {
  if (deliveryType === 2) {
    if (order.delivery?.address !== undefined) {
      conversion.warn({
        path: ['delivery', 'address'],
        code: 'field_dropped',
        message: 'delivery_type 2 (无需快递) takes no address_info: the address is not reported',
      })
    }
    return { addressInfo: undefined, sensitive: [] }
  }
  const atStore = isPickedUpAtStore(order, deliveryType)
  const store = order.merchant?.store
  const address = atStore ? store?.address : order.delivery?.address
  const name = address?.name ?? (atStore ? store?.name : undefined)
  const phone = address?.phone ?? (atStore ? store?.phone : undefined)
  const at = atStore ? ['merchant', 'store', 'address'] : ['delivery', 'address']
  const detailed = [address?.district, address?.line1, address?.line2]
    .filter((part) => part !== undefined && part !== '')
    .join(' ')
  const what =
    deliveryType === 4 ? 'the pick-up store (delivery_type 4)' : `delivery_type ${deliveryType}`
  if (name === undefined)
    conversion.problem(
      atStore ? ['merchant', 'store', 'name'] : [...at, 'name'],
      `is required for ${what}: address_info.receiver_name`,
    )
  if (phone === undefined)
    conversion.problem(
      atStore ? ['merchant', 'store', 'phone'] : [...at, 'phone'],
      `is required for ${what}: address_info.tel_number`,
    )
  if (detailed === '')
    conversion.problem([...at, 'line1'], `is required for ${what}: address_info.detailed_address`)
  const addressInfo: WechatAddressInfo = omitUndefined({
    receiver_name: name ?? '',
    detailed_address: detailed,
    tel_number: phone ?? '',
    country: address?.country,
    province: address?.province,
    city: address?.city,
    town: address?.town,
  })
  return { addressInfo, sensitive: phone === undefined ? [] : [phone] }
}
