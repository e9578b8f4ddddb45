/**
 * The examples of WeChat's `upload_shipping_info` page as canonical orders, for tests, demos and
 * the guides: `import { wechatShippingDocumentOrder } from '@ordersync/wechat-shipping/fixtures'`.
 *
 * @packageDocumentation
 */
export {
  wechatShippingDocumentOrder,
  wechatShippingSplitDocumentOrder,
} from './wechat-shipping-document-order.ts'
