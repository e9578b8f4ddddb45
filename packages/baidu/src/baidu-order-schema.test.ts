import { describe, expect, it } from 'vitest'
import {
  baiduAddMainInfoRequestSchema,
  baiduOrderQuerySchema,
  baiduOrderSchema,
  baiduUpdateMainLogisticsRequestSchema,
  baiduUpdateMainStatusRequestSchema,
  baiduUpdateSubStatusRequestSchema,
} from './baidu-order-schema.ts'
import { baiduDocumentAddRequest } from './test/baidu-document-requests.ts'

const [example] = baiduDocumentAddRequest.body.Data
const main = example.EXT.MainOrder
const [product] = main.Products
const [item] = example.EXT.SubsOrder.Items
const problems = (value: unknown) => {
  const result = baiduOrderSchema.safeParse(value)
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
}
const withMain = (change: object) => ({
  ...example,
  EXT: { ...example.EXT, MainOrder: { ...main, ...change } },
})
const withProduct = (change: object) => withMain({ Products: [{ ...product, ...change }] })
const withPayment = (change: object) => withMain({ Payment: { ...main.Payment, ...change } })
const withItem = (change: object) => ({
  ...example,
  EXT: {
    ...example.EXT,
    SubsOrder: { Status: 402, Items: [{ ...item, SubStatus: 402, ...change }] },
  },
})

describe('the add/main/info order schema', () => {
  it('accepts the document’s raw example (its placeholders are warnings, not errors)', () => {
    expect(problems(example)).toEqual([])
  })

  it.each([
    ['CateID 5 (no published status table)', { ...example, CateID: 5 }],
    ['a Status of another category', { ...example, Status: 2 }],
    ['a Status of no category', { ...example, Status: 7 }],
    ['Ctime in milliseconds', { ...example, Ctime: 1_233_212_343_000 }],
    ['a fractional Mtime', { ...example, Mtime: 1233212343.5 }],
    ['an empty Title', { ...example, Title: '' }],
    ['Ext instead of EXT', { ...example, EXT: undefined, Ext: example.EXT }],
    ['an unknown field', { ...example, Remark: 'x' }],
    ['no products', withMain({ Products: [] })],
    ['6 images', withProduct({ ImgList: Array(6).fill('https://img.example/1.jpg') })],
    ['5 SKU attributes', withProduct({ SkuAttr: Array(5).fill({ Name: 'n', Value: 'v' }) })],
    ['a price in yuan', withProduct({ Price: 23.9 })],
    ['a negative PayPrice', withProduct({ PayPrice: -1 })],
    ['quantity 0', withProduct({ Quantity: 0 })],
    ['DetailPage Status 3', withProduct({ DetailPage: { Status: 3 } })],
    ['payment Method 3', withPayment({ Method: 3 })],
    ['IsPayment as a number', withPayment({ IsPayment: 0 })],
    ['a discount without Quantity', withPayment({ PreferentialInfo: [{ Name: '券', Value: 1 }] })],
    ['SubStatus 405', withItem({ SubStatus: 405 })],
    ['SubStatus as text', withItem({ SubStatus: '402' })],
    ['OrderType 4', withItem({ OrderType: 4 })],
    ['a Refund without products', withItem({ Refund: { Amount: 10, Product: [] } })],
  ])('refuses %s', (_name, value) => {
    expect(problems(value)).not.toEqual([])
  })

  it('takes exactly 5 images and 4 attributes', () => {
    expect(
      problems(
        withProduct({
          ImgList: Array(5).fill('https://img.example/1.jpg'),
          SkuAttr: Array(4).fill({ Name: 'n', Value: 'v' }),
        }),
      ),
    ).toEqual([])
    expect(problems(withProduct({ ImgList: Array(6).fill('https://img.example/1.jpg') }))).toEqual([
      'EXT.MainOrder.Products.0.ImgList: takes at most 5 images (最多5张)',
    ])
  })

  it('checks the Status table of each category', () => {
    expect(problems({ ...example, Status: 2 })).toEqual([
      'Status: is 2, not a status of CateID 1 (1, 5, 6, 100, 200, 300)',
    ])
    expect(problems({ ...example, CateID: 2, Status: 2 })).toEqual([])
    expect(problems({ ...example, CateID: 2, Status: 5 })).toEqual([
      'Status: is 5, not a status of CateID 2 (1, 2, 3, 4, 100, 200, 300)',
    ])
  })
})

describe('the request schemas', () => {
  it('add/main/info takes one order per call', () => {
    const two = { ...baiduDocumentAddRequest, body: { Data: [example, example] } }
    const result = baiduAddMainInfoRequestSchema.safeParse(two)
    expect(result.success ? [] : result.error.issues.map((issue) => issue.message)).toEqual([
      'takes one order per call (暂不支持批量导入)',
    ])
    expect(baiduAddMainInfoRequestSchema.safeParse(baiduDocumentAddRequest).success).toBe(true)
  })

  it('wants open_id (required on every endpoint of the document), or swan_id instead, or both', () => {
    expect(baiduOrderQuerySchema.safeParse({ open_id: 'o' }).success).toBe(true)
    expect(
      baiduOrderQuerySchema.safeParse({ swan_id: 's', scene_id: '1', scene_type: 2 }).success,
    ).toBe(true)
    expect(baiduOrderQuerySchema.safeParse({ open_id: 'o', swan_id: 's' }).success).toBe(true)
    const none = baiduOrderQuerySchema.safeParse({ scene_id: '1' })
    expect(
      none.success ? [] : none.error.issues.map((issue) => [issue.path, issue.message]),
    ).toEqual([
      [['open_id'], 'is required (or swan_id, for a buyer not logged in to the Baidu App)'],
    ])
    expect(baiduOrderQuerySchema.safeParse({ open_id: 'o', scene_type: '2' }).success).toBe(false)
  })

  it('update/main/status checks each Status against its category', () => {
    const request = (Status: number) => ({
      query: { open_id: 'o' },
      body: { Data: [{ CateID: 2, BizAPPID: 'k', ResourceID: '1', Status }] },
    })
    expect(baiduUpdateMainStatusRequestSchema.safeParse(request(3)).success).toBe(true)
    expect(baiduUpdateMainStatusRequestSchema.safeParse(request(6)).success).toBe(false)
  })

  it('update/main/logistics takes the Go SDK’s Express object, Type 1 or 2', () => {
    const request = (express: object) => ({
      query: { open_id: 'o' },
      body: {
        Data: [
          { CateID: 1, BizAPPID: 'k', ResourceID: '1', EXT: { MainOrder: { Express: express } } },
        ],
      },
    })
    const parcel = { ID: 'SF1', Type: 1, Code: 'shunfeng', Name: '顺丰', Status: 0 }
    expect(baiduUpdateMainLogisticsRequestSchema.safeParse(request(parcel)).success).toBe(true)
    expect(
      baiduUpdateMainLogisticsRequestSchema.safeParse(request({ ...parcel, Type: 3 })).success,
    ).toBe(false)
    expect(baiduUpdateMainLogisticsRequestSchema.safeParse(request([parcel])).success).toBe(false)
  })

  it('update/sub/status takes Data as one object or a list', () => {
    const entry = {
      CateID: 1,
      BizAPPID: 'k',
      ResourceID: '1',
      EXT: { SubsOrder: { Status: 402, Items: [{ SubOrderID: 'r', SubStatus: 402 }] } },
    }
    for (const Data of [entry, [entry]]) {
      expect(
        baiduUpdateSubStatusRequestSchema.safeParse({ query: { open_id: 'o' }, body: { Data } })
          .success,
      ).toBe(true)
    }
    expect(
      baiduUpdateSubStatusRequestSchema.safeParse({ query: { open_id: 'o' }, body: { Data: [] } })
        .success,
    ).toBe(false)
  })
})
