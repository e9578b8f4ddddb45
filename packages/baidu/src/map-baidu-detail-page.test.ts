import { describe, expect, it } from 'vitest'
import {
  checkBaiduDetailPage,
  mapBaiduDetailLink,
  mapBaiduSwanSchema,
} from './map-baidu-detail-page.ts'

// The document's own App Key (订单同步接口, every SwanSchema example).
const appKey = 'B3GF3AWvCSr59myIs61uqaoYz7pPCSY1'
const at = ['detailPageUrl']
const link = (url: string) => mapBaiduDetailLink(url, appKey, at)
const dropped = (reason: string) => ({
  warnings: [
    {
      path: at,
      code: 'field_dropped',
      message: `is not a page Baidu can open: it ${reason}; it is not reported`,
    },
  ],
})

describe('mapBaiduDetailLink', () => {
  it('makes the document’s SwanSchema of its App Key and page path', () => {
    expect(link('wjz/bdxd/order-detail/order-detail?orderId=159259079195')).toEqual({
      link: {
        SwanSchema: `baiduboxapp://swan/${appKey}/wjz/bdxd/order-detail/order-detail?orderId=159259079195`,
      },
      warnings: [],
    })
  })

  it('percent-encodes a raw space and non-ASCII text, and leaves out a fragment with a warning', () => {
    expect(link('pages/detail?name=张 三&id=1#top')).toEqual({
      link: {
        SwanSchema: `baiduboxapp://swan/${appKey}/pages/detail?name=%E5%BC%A0%20%E4%B8%89&id=1`,
      },
      warnings: [
        {
          path: at,
          code: 'value_truncated',
          message:
            'has a fragment ("#…"), which a launch scheme does not carry: the page is sent without it',
        },
      ],
    })
  })

  it('keeps existing %xx escapes, encodes a lone "%", and encodes a path as well as a query', () => {
    expect(link('/pages/商品 详情/a%20b?q=100%&r=%E5%BC%A0&s=a/b?c')).toEqual({
      link: {
        SwanSchema: `baiduboxapp://swan/${appKey}/pages/%E5%95%86%E5%93%81%20%E8%AF%A6%E6%83%85/a%20b?q=100%25&r=%E5%BC%A0&s=a/b?c`,
      },
      warnings: [],
    })
  })

  it('encodes a given launch scheme the same way, keeping its App Key', () => {
    expect(link('baiduboxapp://swan/otherKey42/pages/a b?x=张')).toEqual({
      link: { SwanSchema: 'baiduboxapp://swan/otherKey42/pages/a%20b?x=%E5%BC%A0' },
      warnings: [],
    })
  })

  it.each([
    [
      'www.shop.com/order/1',
      'starts with what looks like a host name: a web page needs http:// or https:// (H5Schema), a mini program page is a path such as pages/order/detail',
    ],
    [
      'shop.example.com:8080/order/1',
      'starts with what looks like a host name: a web page needs http:// or https:// (H5Schema), a mini program page is a path such as pages/order/detail',
    ],
    ['?id=1', 'names no page (a mini program page is a path such as pages/order/detail?id=1)'],
    ['/', 'names no page (a mini program page is a path such as pages/order/detail?id=1)'],
    ['#top', 'names no page (a mini program page is a path such as pages/order/detail?id=1)'],
    [
      './pages/a',
      'is relative ("./" or "../"): write the page from the mini program\'s root, such as pages/order/detail',
    ],
    [
      '../pages/a',
      'is relative ("./" or "../"): write the page from the mini program\'s root, such as pages/order/detail',
    ],
    [
      'pages/../a',
      'is relative ("./" or "../"): write the page from the mini program\'s root, such as pages/order/detail',
    ],
    ['pages//a', 'has an empty path segment ("//", or a "/" at the end)'],
    ['pages/a/', 'has an empty path segment ("//", or a "/" at the end)'],
    ['baiduboxapp://swan/', 'names no App Key (baiduboxapp://swan/<App Key>/<page path>)'],
    ['baiduboxapp://swan//pages/a', 'names no App Key (baiduboxapp://swan/<App Key>/<page path>)'],
    [
      `baiduboxapp://swan/${appKey}`,
      'names no page after its App Key (baiduboxapp://swan/<App Key>/<page path>)',
    ],
    [
      `baiduboxapp://swan/${appKey}?id=1`,
      'names no page after its App Key (baiduboxapp://swan/<App Key>/<page path>)',
    ],
    [
      `baiduboxapp://swan/${appKey}/`,
      'names no page (a mini program page is a path such as pages/order/detail?id=1)',
    ],
    [
      'baiduboxapp://swan/key with space/pages/a',
      'has an App Key with characters other than letters, digits, "-" and "_"',
    ],
    ['pages/a?x=\uD800', 'holds text that is not valid Unicode (a lone surrogate)'],
  ])('makes no link of %j, and says why', (url, reason) => {
    expect(link(url)).toEqual(dropped(reason))
  })

  it('makes no link of a page path when the App Key setting is no App Key', () => {
    expect(mapBaiduDetailLink('pages/a', 'key/with/slashes', at)).toEqual(
      dropped('has an App Key with characters other than letters, digits, "-" and "_"'),
    )
  })

  it('takes an http(s) page as H5Schema, as given', () => {
    expect(link('https://shop.example/orders/1?a=b c#top')).toEqual({
      link: { H5Schema: 'https://shop.example/orders/1?a=b c#top' },
      warnings: [],
    })
  })
})

describe('mapBaiduSwanSchema', () => {
  const path = ['platformOptions', 'baidu', 'appraise', 'SwanSchema']

  it('makes a page path of the options the launch scheme of the App Key, as a canonical address', () => {
    expect(mapBaiduSwanSchema('/pages/review/review?id=张', appKey, path)).toEqual({
      swanSchema: `baiduboxapp://swan/${appKey}/pages/review/review?id=%E5%BC%A0`,
      warnings: [],
    })
  })

  it('keeps "" (no link, as the document’s examples send it)', () => {
    expect(mapBaiduSwanSchema('', appKey, path)).toEqual({ swanSchema: '', warnings: [] })
  })

  it.each([
    ['https://shop.example/review', 'http(s)'],
    ['weixin://dl/business/?t=abc', 'weixin:'],
    ['//shop.example/review', '//'],
  ])('drops %j, which is no SwanSchema', (value, scheme) => {
    expect(mapBaiduSwanSchema(value, appKey, path)).toEqual({
      warnings: [
        {
          path,
          code: 'field_dropped',
          message: `is a "${scheme}" address, not a page of the mini program: SwanSchema is the launch scheme baiduboxapp://swan/<App Key>/<page path> (a web page goes in H5Schema); it is not sent`,
        },
      ],
    })
  })
})

describe('checkBaiduDetailPage', () => {
  const check = (SwanSchema: string) => checkBaiduDetailPage({ Status: 2, SwanSchema }, ['page'])
  const warning = (problem: string) => [
    {
      path: ['page', 'SwanSchema'],
      code: 'not_a_launch_scheme',
      message: `is not a launch scheme Baidu can open: it ${problem}; it is sent as given, and Baidu may not open it`,
    },
  ]

  it('takes the document’s launch scheme and an empty one', () => {
    expect(
      check(`baiduboxapp://swan/${appKey}/wjz/bdxd/order-detail/order-detail?orderId=159259079195`),
    ).toEqual([])
    expect(check('')).toEqual([])
    expect(checkBaiduDetailPage(undefined, ['page'])).toEqual([])
  })

  it('warns about a page path, which is no launch scheme', () => {
    expect(check('pages/order/detail')).toEqual([
      {
        path: ['page', 'SwanSchema'],
        code: 'not_a_launch_scheme',
        message:
          'is not the launch scheme Baidu opens (baiduboxapp://swan/<App Key>/<page path>): it is sent as given, and Baidu may not open it',
      },
    ])
  })

  it.each([
    ['baiduboxapp://swan/', 'names no App Key (baiduboxapp://swan/<App Key>/<page path>)'],
    [
      `baiduboxapp://swan/${appKey}/pages/detail?name=张 三`,
      'holds characters a URI carries percent-encoded (spaces, non-ASCII text, a lone "%")',
    ],
    [
      `baiduboxapp://swan/${appKey}/pages/detail#top`,
      'has a fragment ("#…"), which a launch scheme does not carry',
    ],
    [
      `baiduboxapp://swan/${appKey}/./pages/detail`,
      'is relative ("./" or "../"): write the page from the mini program\'s root, such as pages/order/detail',
    ],
  ])('warns about %j', (schema, problem) => {
    expect(check(schema)).toEqual(warning(problem))
  })
})
