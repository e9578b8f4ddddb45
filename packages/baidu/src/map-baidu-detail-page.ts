import type { SyncWarning } from '@ordersync/core'
import type { BaiduDetailPage } from './baidu-order-schema.ts'

// A DetailPage's SwanSchema is the Baidu App's launch scheme (调起协议) of a mini program page,
// `baiduboxapp://swan/<App Key>/<page path>?<query>`: the DetailPage table calls it "用以小程序跳转
// Scheme" and says "Scheme即客户端统一调起协议", and every example writes
// `baiduboxapp://swan/B3GF3AWvCSr59myIs61uqaoYz7pPCSY1/wjz/bdxd/order-detail/order-detail?orderId=…`
// (Baidu smart program docs, 订单中心 — 订单同步接口, DetailPage,
// https://smartprogram.baidu.com/docs/develop/serverapi/order_importupdate/). A bare page path is
// not a scheme the client can launch. The scheme is a URI (RFC 3986), so its path and query carry
// spaces and non-ASCII text percent-encoded, and a fragment has no page to name in it.
const swanSchemePrefix = 'baiduboxapp://swan/'
const webPage = /^https?:\/\//i
const anyScheme = /^[a-z][a-z0-9+.-]*:/i
// What a path keeps as written: RFC 3986 pchar (unreserved, sub-delims, ":" and "@"), "/" between
// segments, and a "%" that starts an escape (%xx). Everything else is percent-encoded as UTF-8, as
// encodeURI does; the query also keeps "?".
const notKeptInPath = /%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/gu
const notKeptInQuery = /%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/?%]/gu
const loneSurrogate = /\p{Cs}/u
// The example's App Key is 32 letters and digits; "-" and "_" are let through.
const appKeyText = /^[A-Za-z0-9_-]+$/
// A first segment such as `www.shop.com` or `shop.example.com:8080`: a web address without its
// scheme, not a page of the mini program (whose paths are declared without dots, `pages/detail`).
const hostName = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}(?::\d{1,5})?$/i

/** A launch scheme made or checked, and whether a fragment was left out; or why there is none. */
type LaunchScheme =
  | { readonly scheme: string; readonly fragmentDropped: boolean }
  | { readonly problem: string }

/** Why a page path (without query) cannot be a mini program page, if it cannot. */
function pageProblem(page: string): string | undefined {
  if (page === '') {
    return 'names no page (a mini program page is a path such as pages/order/detail?id=1)'
  }
  const segments = page.split('/')
  if (segments.some((segment) => segment === '.' || segment === '..')) {
    return 'is relative ("./" or "../"): write the page from the mini program\'s root, such as pages/order/detail'
  }
  if (segments.includes('')) return 'has an empty path segment ("//", or a "/" at the end)'
  if (hostName.test(segments[0] ?? '')) {
    return 'starts with what looks like a host name: a web page needs http:// or https:// (H5Schema), a mini program page is a path such as pages/order/detail'
  }
  return undefined
}

/**
 * The launch scheme of `appKey` for a page path with its query (no leading "/"): the path and the
 * query percent-encoded (existing %xx escapes kept), a fragment left out.
 */
function buildLaunchScheme(appKey: string, pageAndQuery: string): LaunchScheme {
  if (!appKeyText.test(appKey)) {
    return {
      problem:
        appKey === ''
          ? 'names no App Key (baiduboxapp://swan/<App Key>/<page path>)'
          : 'has an App Key with characters other than letters, digits, "-" and "_"',
    }
  }
  if (loneSurrogate.test(pageAndQuery)) {
    return { problem: 'holds text that is not valid Unicode (a lone surrogate)' }
  }
  const hash = pageAndQuery.indexOf('#')
  const withoutFragment = hash === -1 ? pageAndQuery : pageAndQuery.slice(0, hash)
  const mark = withoutFragment.indexOf('?')
  const page = mark === -1 ? withoutFragment : withoutFragment.slice(0, mark)
  const query = mark === -1 ? '' : withoutFragment.slice(mark + 1)
  const problem = pageProblem(page)
  if (problem !== undefined) return { problem }
  const encode = (text: string, notKept: RegExp) =>
    text.replace(notKept, (character) => encodeURIComponent(character))
  const encodedQuery = mark === -1 ? '' : `?${encode(query, notKeptInQuery)}`
  return {
    scheme: `${swanSchemePrefix}${appKey}/${encode(page, notKeptInPath)}${encodedQuery}`,
    fragmentDropped: hash !== -1,
  }
}

/** A given `baiduboxapp://swan/<App Key>/<page path>` scheme, checked and encoded the same way. */
function rebuildLaunchScheme(scheme: string): LaunchScheme {
  const rest = scheme.slice(swanSchemePrefix.length)
  const end = rest.search(/[/?#]/)
  const appKey = end === -1 ? rest : rest.slice(0, end)
  if (appKey !== '' && (end === -1 || rest[end] !== '/')) {
    return { problem: 'names no page after its App Key (baiduboxapp://swan/<App Key>/<page path>)' }
  }
  return buildLaunchScheme(appKey, rest.slice(end + 1))
}

/** The launch scheme for a page path or a given launch scheme. */
function launchSchemeOf(value: string, appKey: string): LaunchScheme {
  return value.startsWith(swanSchemePrefix)
    ? rebuildLaunchScheme(value)
    : buildLaunchScheme(appKey, value.startsWith('/') ? value.slice(1) : value)
}

/** The scheme of an address that is no page of the mini program (`weixin:`, `//`), if it is one. */
function foreignScheme(value: string): string | undefined {
  if (value.startsWith(swanSchemePrefix)) return undefined
  if (value.startsWith('//')) return '//'
  // `shop.example.com:8080/…` reads as a scheme "shop.example.com:"; it is a host and a port.
  if (hostName.test(value.split(/[/?#]/, 1)[0] ?? '')) return undefined
  return anyScheme.exec(value)?.[0]
}

/**
 * A `SwanSchema` for `value` — a page path or a launch scheme — with its warnings: the scheme
 * (percent-encoded, a fragment left out with a `value_truncated` warning), or none and a
 * `field_dropped` warning naming why Baidu could not open it.
 */
function mapLaunchScheme(
  value: string,
  appKey: string,
  path: readonly (string | number)[],
): { readonly swanSchema?: string; readonly warnings: readonly SyncWarning[] } {
  const made = launchSchemeOf(value, appKey)
  if ('problem' in made) {
    return {
      warnings: [
        {
          path,
          code: 'field_dropped',
          message: `is not a page Baidu can open: it ${made.problem}; it is not reported`,
        },
      ],
    }
  }
  const fragment: SyncWarning[] = made.fragmentDropped
    ? [
        {
          path,
          code: 'value_truncated',
          message:
            'has a fragment ("#…"), which a launch scheme does not carry: the page is sent without it',
        },
      ]
    : []
  return { swanSchema: made.scheme, warnings: fragment }
}

/**
 * The link part of a DetailPage for a canonical page address (`detailPageUrl`, a line's `url`):
 * - an `http(s)` URL is an `H5Schema`, as given;
 * - a mini program page path (`pages/order/detail?id=1`, with or without a leading `/`) becomes
 *   the launch scheme `baiduboxapp://swan/<appKey>/pages/order/detail?id=1`, and a given
 *   `baiduboxapp://swan/<App Key>/<page path>` (it may name another mini program) is kept; either
 *   way its path and query are percent-encoded (spaces, non-ASCII text; existing `%xx` escapes
 *   kept), and a fragment is left out with a `value_truncated` warning;
 * - no page path (`?id=1`, `/`), a relative one (`./`, `../`), an empty segment, a first segment
 *   that looks like a host name (`www.shop.com/order/1`), a launch scheme without App Key or page,
 *   another scheme (`weixin:`) or a `//host` address is no page Baidu can open: no link, and a
 *   `field_dropped` warning at `path` saying why.
 *
 * @param url - The canonical address.
 * @param appKey - The mini program's App Key, for a page path.
 * @param path - The canonical path of `url`, for the warnings.
 * @returns The link fields (none when Baidu could not open the address) and the warnings.
 */
export function mapBaiduDetailLink(
  url: string,
  appKey: string,
  path: readonly (string | number)[],
): { readonly link?: BaiduDetailPage; readonly warnings: readonly SyncWarning[] } {
  if (webPage.test(url)) return { link: { H5Schema: url }, warnings: [] }
  const scheme = foreignScheme(url)
  if (scheme !== undefined) {
    return {
      warnings: [
        {
          path,
          code: 'field_dropped',
          message: `is a "${scheme}" address, neither a web page (http or https, H5Schema) nor a page of the mini program (a page path, or baiduboxapp://swan/…, SwanSchema): Baidu cannot open it, and it is not reported`,
        },
      ],
    }
  }
  const mapped = mapLaunchScheme(url, appKey, path)
  return mapped.swanSchema === undefined
    ? { warnings: mapped.warnings }
    : { link: { SwanSchema: mapped.swanSchema }, warnings: mapped.warnings }
}

/**
 * The `SwanSchema` of a DetailPage given in `platformOptions.baidu` (`orderDetail`, `appraise`, a
 * line's `detailPage`): `""` as given (the page's examples send it for no link); a page path or a
 * launch scheme as {@link mapBaiduDetailLink} makes it; a web page or another scheme is not a
 * SwanSchema: dropped, with a `field_dropped` warning.
 *
 * @param value - The given `SwanSchema`.
 * @param appKey - The mini program's App Key, for a page path.
 * @param path - The canonical path of the `SwanSchema`, for the warnings.
 * @returns The `SwanSchema` to send (none when dropped) and the warnings.
 */
export function mapBaiduSwanSchema(
  value: string,
  appKey: string,
  path: readonly (string | number)[],
): { readonly swanSchema?: string; readonly warnings: readonly SyncWarning[] } {
  if (value === '') return { swanSchema: value, warnings: [] }
  const scheme = webPage.test(value) ? 'http(s)' : foreignScheme(value)
  if (scheme !== undefined) {
    return {
      warnings: [
        {
          path,
          code: 'field_dropped',
          message: `is a "${scheme}" address, not a page of the mini program: SwanSchema is the launch scheme baiduboxapp://swan/<App Key>/<page path> (a web page goes in H5Schema); it is not sent`,
        },
      ],
    }
  }
  return mapLaunchScheme(value, appKey, path)
}

/**
 * Warns about a DetailPage whose `SwanSchema` Baidu may not open (a raw `api` request): one that
 * is not a launch scheme at all, or one without App Key or page, relative, with a fragment, or
 * with characters a URI carries percent-encoded (spaces, non-ASCII text). It is sent as given.
 *
 * @param page - A DetailPage, or nothing.
 * @param at - Its path, for the warning.
 * @returns One `not_a_launch_scheme` warning for a non-empty `SwanSchema` Baidu may not open,
 *   else none.
 */
export function checkBaiduDetailPage(
  page: BaiduDetailPage | undefined,
  at: readonly (string | number)[],
): SyncWarning[] {
  const schema = page?.SwanSchema
  if (schema === undefined || schema === '') return []
  const path = [...at, 'SwanSchema']
  if (!schema.startsWith(swanSchemePrefix)) {
    return [
      {
        path,
        code: 'not_a_launch_scheme',
        message:
          'is not the launch scheme Baidu opens (baiduboxapp://swan/<App Key>/<page path>): it is sent as given, and Baidu may not open it',
      },
    ]
  }
  const checked = rebuildLaunchScheme(schema)
  const problem =
    'problem' in checked
      ? checked.problem
      : checked.fragmentDropped
        ? 'has a fragment ("#…"), which a launch scheme does not carry'
        : checked.scheme !== schema
          ? 'holds characters a URI carries percent-encoded (spaces, non-ASCII text, a lone "%")'
          : undefined
  if (problem === undefined) return []
  return [
    {
      path,
      code: 'not_a_launch_scheme',
      message: `is not a launch scheme Baidu can open: it ${problem}; it is sent as given, and Baidu may not open it`,
    },
  ]
}
