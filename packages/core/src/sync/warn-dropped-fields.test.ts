import { expect, it } from 'vitest'
import { youshuDocumentOrder } from '../fixtures/index.ts'
import { parseOrder } from '../order/parse-order.ts'
import { warnDroppedFields } from './warn-dropped-fields.ts'

it('warns once per field pattern the platform does not carry, at its first path', () => {
  const order = parseOrder({
    ...youshuDocumentOrder,
    title: 'Shoes',
    lines: youshuDocumentOrder.lines.map((line) => ({
      ...line,
      description: 'nice',
      platformOptions: { youshu: { weightGrams: 1 } },
    })),
    platformOptions: { youshu: { orderType: 1 } },
  })
  const everythingBut = [
    'id',
    'type',
    'status',
    'channel',
    'createdAt',
    'modifiedAt',
    'statusChangedAt',
    'buyer',
    'merchant',
    'charges',
    'payableAmount',
    'paidAmount',
    'payments',
    'delivery',
  ]
  expect(
    warnDroppedFields(
      order,
      [
        ...everythingBut,
        'lines.*.id',
        'lines.*.skuId',
        'lines.*.name',
        'lines.*.productId',
        'lines.*.productName',
        'lines.*.unit',
        'lines.*.category',
        'lines.*.imageUrls',
        'lines.*.quantity',
        'lines.*.isGift',
      ],
      'Youshu',
    ),
  ).toEqual([
    {
      path: ['title'],
      code: 'field_dropped',
      message: 'Youshu has no field for title: it is not reported',
    },
    {
      path: ['lines', 0, 'description'],
      code: 'field_dropped',
      message: 'Youshu has no field for lines[].description: it is not reported',
    },
    {
      path: ['lines', 0, 'unitPrice'],
      code: 'field_dropped',
      message: 'Youshu has no field for lines[].unitPrice: it is not reported',
    },
  ])
})

it('reports nothing when every present field is carried', () => {
  const order = parseOrder(youshuDocumentOrder)
  expect(warnDroppedFields(order, Object.keys(order), 'Youshu')).toEqual([])
})

it('has nothing to say about empty lists', () => {
  const order = parseOrder({ ...youshuDocumentOrder, afterSales: [] })
  expect(
    warnDroppedFields(
      order,
      Object.keys(order).filter((key) => key !== 'afterSales'),
      'Youshu',
    ),
  ).toEqual([])
})
