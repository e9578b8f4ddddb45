// The request examples of Baidu's "订单同步接口" page, uncorrected, as raw api requests: their
// comments and trailing commas removed, nothing else changed. The page shows no open_id value, so
// the query's is made up. Their own values break the page's rules (SubStatus "", SubsOrder.Status
// 0, a refund of 10 fen whose only product refunds 0), which the api reports as warnings.

/** 导入主订单信息 (add/main/info). */
export const baiduDocumentAddRequest = {
  query: {
    open_id: 'document-open-id',
  },
  body: {
    Data: [
      {
        CateID: 1,
        BizAPPID: 'a392qXwK8L5GDUWhFoC01cKwoy7tmehg',
        Title: 'test',
        ResourceID: '2221554346520',
        Ctime: 1233212343,
        Mtime: 1233212343,
        Status: 200,
        EXT: {
          MainOrder: {
            Products: [
              {
                ID: '1014093064',
                Name: '四川大凉山丑苹果脆甜红将军盐源丑苹果',
                Desc: '四川大凉山丑苹果脆甜:5斤小果25个左右偏小;',
                Quantity: 1,
                Price: 2390,
                PayPrice: 2390,
                ImgList: [
                  'https://imagelib.cdn.bcebos.com/cip_ml_picbc34db9a-7e10-4a96-bf8e-1c690640c6a4.jpeg',
                ],
                SkuAttr: [
                  {
                    Name: '四川大凉山丑苹果脆甜',
                    Value: '5斤小果25个左右偏小',
                  },
                ],
              },
            ],
            Payment: {
              Time: 0,
              Method: 1,
              Amount: 2390,
              IsPayment: false,
              PreferentialInfo: [
                {
                  Name: '优惠券使用',
                  Value: 100,
                  Quantity: 1,
                },
              ],
              PaymentInfo: [
                {
                  Name: '运费',
                  Value: 100,
                  Quantity: 1,
                },
              ],
            },
            Appraise: {
              Status: 0,
              Name: '',
              H5Schema: '',
              SwanSchema: '',
            },
            OrderDetail: {
              Status: 2,
              Name: '',
              H5Schema: '',
              SwanSchema:
                'baiduboxapp://swan/B3GF3AWvCSr59myIs61uqaoYz7pPCSY1/wjz/bdxd/order-detail/order-detail?orderId=159259079195',
            },
          },
          SubsOrder: {
            Status: 0,
            Items: [
              {
                SubOrderID: 'onlyOne',
                SubStatus: '',
                CTime: 1571026201,
                MTime: 1571026201,
                OrderDetail: {
                  Status: 2,
                  Name: '',
                  H5Schema: '',
                  SwanSchema:
                    'baiduboxapp://swan/B3GF3AWvCSr59myIs61uqaoYz7pPCSY1/wjz/bdxd/order-detail/order-detail?orderId=159259079195',
                  IPhoneSchema: '',
                  AndroidSchema: '',
                },
                Refund: {
                  Amount: 10,
                  Product: [
                    {
                      ID: '1014093064',
                      Quantity: 1,
                      Amount: 0,
                    },
                  ],
                },
                OrderType: 1,
              },
            ],
          },
        },
      },
    ],
  },
} as const

/** 导入售后订单信息 (append/sub/info): Data as one object, and no SubsOrder.Status. */
export const baiduDocumentAppendSubInfoRequest = {
  query: {
    open_id: 'document-open-id',
  },
  body: {
    Data: {
      CateID: 2,
      BizAPPID: 'a392qXwK8L5GDUWhFoC01cKwoy7tmehg',
      ResourceID: '2221554346520',
      EXT: {
        SubsOrder: {
          Items: [
            {
              SubOrderID: 'onlyOne',
              SubStatus: '',
              CTime: 1571026201,
              MTime: 1571026201,
              OrderDetail: {
                Status: 2,
                Name: '',
                H5Schema: '',
                SwanSchema:
                  'baiduboxapp://swan/B3GF3AWvCSr59myIs61uqaoYz7pPCSY1/wjz/bdxd/order-detail/order-detail?orderId=159259079195',
                IPhoneSchema: '',
                AndroidSchema: '',
              },
              Refund: {
                Amount: 10,
                Product: [
                  {
                    ID: '1014093064',
                    Quantity: 1,
                    Amount: 0,
                  },
                ],
              },
              OrderType: 1,
            },
          ],
        },
      },
    },
  },
} as const

/** 更新主订单信息 (update/main/info). */
export const baiduDocumentUpdateMainInfoRequest = {
  query: {
    open_id: 'document-open-id',
  },
  body: {
    Data: [
      {
        CateID: 2,
        BizAPPID: 'a392qXwK8L5GDUWhFoC01cKwoy7tmehg',
        ResourceID: '2221554346520',
        Status: 200,
        EXT: {
          MainOrder: {
            Products: [
              {
                ID: '1014093064',
                Name: '四川大凉山丑苹果脆甜红将军盐源丑苹果',
                Desc: '四川大凉山丑苹果脆甜:5斤小果25个左右偏小;',
                Quantity: 1,
                Price: 2390,
                PayPrice: 2390,
                ImgList: [
                  'https://imagelib.cdn.bcebos.com/cip_ml_picbc34db9a-7e10-4a96-bf8e-1c690640c6a4.jpeg',
                ],
                SkuAttr: [
                  {
                    Name: '四川大凉山丑苹果脆甜',
                    Value: '5斤小果25个左右偏小',
                  },
                ],
              },
            ],
            Payment: {
              Time: 0,
              Method: 1,
              Amount: 2390,
              IsPayment: false,
              PreferentialInfo: [
                {
                  Name: '优惠券使用',
                  Value: 100,
                  Quantity: 1,
                },
              ],
              PaymentInfo: [
                {
                  Name: '运费',
                  Value: 100,
                  Quantity: 1,
                },
              ],
            },
            Appraise: {
              Status: 0,
              Name: '',
              H5Schema: '',
              SwanSchema: '',
              IPhoneSchema: '',
              AndroidSchema: '',
            },
            OrderDetail: {
              Status: 2,
              Name: '',
              H5Schema: '',
              SwanSchema:
                'baiduboxapp://swan/B3GF3AWvCSr59myIs61uqaoYz7pPCSY1/wjz/bdxd/order-detail/order-detail?orderId=159259079195',
              IPhoneSchema: '',
              AndroidSchema: '',
            },
          },
        },
      },
    ],
  },
} as const

/** 更新主订单状态 (update/main/status): two orders in one call. */
export const baiduDocumentUpdateMainStatusRequest = {
  query: {
    open_id: 'document-open-id',
  },
  body: {
    Data: [
      {
        CateID: 2,
        BizAPPID: 'a392qXwK8L5GDUWhFoC01cKwoy7tmehg',
        ResourceID: '2221554346520',
        Status: 200,
      },
      {
        CateID: 2,
        BizAPPID: 'a392qXwK8L5GDUWhFoC01cKwoy7tmehg',
        ResourceID: '3221554346520',
        Status: 200,
      },
    ],
  },
} as const

/** 更新售后订单信息 (update/sub/info). */
export const baiduDocumentUpdateSubInfoRequest = {
  query: {
    open_id: 'document-open-id',
  },
  body: {
    Data: {
      CateID: 2,
      BizAPPID: 'a392qXwK8L5GDUWhFoC01cKwoy7tmehg',
      ResourceID: '2221554346520',
      EXT: {
        SubsOrder: {
          Status: 0,
          Items: [
            {
              SubOrderID: 'onlyOne',
              SubStatus: '',
              CTime: 1571026201,
              MTime: 1571026201,
              OrderDetail: {
                Status: 2,
                Name: '',
                H5Schema: '',
                SwanSchema:
                  'baiduboxapp://swan/B3GF3AWvCSr59myIs61uqaoYz7pPCSY1/wjz/bdxd/order-detail/order-detail?orderId=159259079195',
                IPhoneSchema: '',
                AndroidSchema: '',
              },
              Refund: {
                Amount: 10,
                Product: [
                  {
                    ID: '1014093064',
                    Quantity: 1,
                    Amount: 0,
                  },
                ],
              },
              OrderType: 1,
            },
          ],
        },
      },
    },
  },
} as const

/** 更新售后订单状态 (update/sub/status): the same SubOrderID twice, SubStatus "". */
export const baiduDocumentUpdateSubStatusRequest = {
  query: {
    open_id: 'document-open-id',
  },
  body: {
    Data: {
      CateID: 2,
      BizAPPID: 'a392qXwK8L5GDUWhFoC01cKwoy7tmehg',
      ResourceID: '2221554346520',
      EXT: {
        SubsOrder: {
          Status: 0,
          Items: [
            {
              SubOrderID: 'onlyOne',
              SubStatus: '',
            },
            {
              SubOrderID: 'onlyOne',
              SubStatus: '',
            },
          ],
        },
      },
    },
  },
} as const
