import type { SyncWarning } from '@ordersync/core'
import type { BaiduDetailPage } from './baidu-order-schema.ts'

// A DetailPage's SwanSchema is the Baidu App's launch scheme (调起协议) of a mini program page,
// `baiduboxapp://swan/<App Key>/<page path>?<query>`: the DetailPage table calls it "用以小程序跳转
// Scheme" and says "Scheme即客户端统一调起协议", and every example writes
// `baiduboxapp://swan/B3GF3AWvCSr59myIs61uqaoYz7pPCSY1/wjz/bdxd/order-detail/order-detail?orderId=…`
// (Baidu smart program docs, 订单中心 — 订单同步接口, DetailPage,
// https://smartprogram.baidu.com/docs/develop/serverapi/order_importupdate/). A bare page path is
// not a scheme the client can launch.
const swanSchemePrefix = 'baiduboxapp://swan/'
const webPage = /^https?:\/\//i
const anyScheme = /^[a-z][a-z0-9+.-]*:/i

/** Whether `value` is a launch scheme (`baiduboxapp://swan/…`), what `SwanSchema` must hold. */
function isBaiduSwanSchema(value: string): boolean {
  return value.startsWith(swanSchemePrefix)
}

/**
 * The link part of a DetailPage for a canonical page address (`detailPageUrl`, a line's `url`):
 * - an `http(s)` URL is an `H5Schema`;
 * - a `baiduboxapp://swan/…` launch scheme is a `SwanSchema` as given (it may name another mini
 *   program's App Key);
 * - a mini program page path (`pages/order/detail?id=1`, with or without a leading `/`) becomes
 *   the launch scheme `baiduboxapp://swan/<appKey>/pages/order/detail?id=1`;
 * - anything else (another scheme, a `//host` address) is no page Baidu can open: no link, and a
 *   `field_dropped` warning at `path`.
 *
 * @param url - The canonical address.
 * @param appKey - The mini program's App Key, for a page path.
 * @param path - The canonical path of `url`, for the warning.
 * @returns The link fields, or the warning.
 */
export function mapBaiduDetailLink(
  url: string,
  appKey: string,
  path: readonly (string | number)[],
): { readonly link: BaiduDetailPage } | { readonly warning: SyncWarning } {
  if (webPage.test(url)) return { link: { H5Schema: url } }
  if (isBaiduSwanSchema(url)) return { link: { SwanSchema: url } }
  if (anyScheme.test(url) || url.startsWith('//')) {
    const scheme = anyScheme.exec(url)?.[0] ?? '//'
    return {
      warning: {
        path,
        code: 'field_dropped',
        message: `is a "${scheme}" address, neither a web page (http or https, H5Schema) nor a page of the mini program (a page path, or baiduboxapp://swan/…, SwanSchema): Baidu cannot open it, and it is not reported`,
      },
    }
  }
  return { link: { SwanSchema: `${swanSchemePrefix}${appKey}/${url.replace(/^\//, '')}` } }
}

/**
 * Warns about a DetailPage whose `SwanSchema` is not a launch scheme (a raw request, or a
 * DetailPage given in `platformOptions.baidu`): it is sent as given, but Baidu cannot open it.
 *
 * @param page - A DetailPage, or nothing.
 * @param at - Its path, for the warning.
 * @returns One warning for a non-empty `SwanSchema` that is not `baiduboxapp://swan/…`, else none.
 */
export function checkBaiduDetailPage(
  page: BaiduDetailPage | undefined,
  at: readonly (string | number)[],
): SyncWarning[] {
  const schema = page?.SwanSchema
  if (schema === undefined || schema === '' || isBaiduSwanSchema(schema)) return []
  return [
    {
      path: [...at, 'SwanSchema'],
      code: 'not_a_launch_scheme',
      message:
        'is not the launch scheme Baidu opens (baiduboxapp://swan/<App Key>/<page path>): it is sent as given, and Baidu may not open it',
    },
  ]
}
