import type { WixtarUploadRequest } from '../wixtar-order-schema.ts'

/**
 * The request example of Wixtar's "Upload Order Details" page
 * (https://private-api-docs.wixtar.com/Data%20Center%20API/upload-order-details), as it stands —
 * its units mixed (charges and the payment in whole dollars, item prices in cents), its
 * `sub_total` (1100) above what its items add up to (1000), and `null` for empty lists.
 */
export const wixtarDocumentRequest: WixtarUploadRequest = {
  orders: [
    {
      order_id: 'tywn21072900008',
      current_state: 'COMPLETED',
      placed_at: '2020-05-01T22:25:49Z',
      pickup_at: '2020-05-01T22:25:49Z',
      type: 'DELIVERY',
      store: {
        id: 'A01',
        name: 'Tainan Store',
        group: 'Singapore',
        company: 'Epoint',
      },
      customer: {
        name: 'Wang Daming',
        mobile: '0910123456',
        address: 'No. 999, Jiankang 3rd Street, Anping District, Tainan City',
      },
      payments: [
        {
          type: 'CASH',
          payment_amount: 1000,
        },
      ],
      charges: {
        total: {
          amount: 1100,
          currency_code: 'TWD',
          formatted_amount: '1100',
        },
        sub_total: {
          amount: 1100,
          currency_code: 'TWD',
          formatted_amount: '1100',
        },
        discount: {
          amount: 100,
          currency_code: 'TWD',
          formatted_amount: '100',
        },
        total_fee: {
          amount: 1000,
          currency_code: 'TWD',
          formatted_amount: '1000',
        },
      },
      cart: {
        items: [
          {
            id: 'P001',
            title: 'Stir-fried bean buns with tomato kimchi',
            serial_number: 1,
            quantity: 2,
            price: {
              unit_price: {
                amount: 40000,
                currency_code: 'TWD',
                formatted_amount: '400',
              },
              total_price: {
                amount: 80000,
                currency_code: 'TWD',
                formatted_amount: '800',
              },
            },
            selected_modifier_groups: [
              {
                id: '1',
                title: 'spicy',
                selected_items: [
                  {
                    id: '1-1',
                    title: 'small spicy',
                    quantity: 1,
                    price: {
                      unit_price: {
                        amount: 0,
                        currency_code: 'TWD',
                        formatted_amount: '0',
                      },
                      total_price: {
                        amount: 0,
                        currency_code: 'TWD',
                        formatted_amount: '0',
                      },
                    },
                    selected_modifier_groups: null,
                  },
                ],
                removed_items: null,
              },
            ],
            ticket_no: '',
            redeem_point: 0,
          },
          {
            id: 'P002',
            title: 'Fried Rice with Perilla Seed Oil and Fermented Bean Curd',
            serial_number: 5001,
            quantity: 1,
            price: {
              unit_price: {
                amount: 20000,
                currency_code: 'TWD',
                formatted_amount: '200',
              },
              total_price: {
                amount: 20000,
                currency_code: 'TWD',
                formatted_amount: '200',
              },
            },
            selected_modifier_groups: [
              {
                id: '2',
                title: 'add rice',
                selected_items: [
                  {
                    id: '2-1',
                    title: 'rice',
                    quantity: 1,
                    price: {
                      unit_price: {
                        amount: 0,
                        currency_code: 'TWD',
                        formatted_amount: '0',
                      },
                      total_price: {
                        amount: 0,
                        currency_code: 'TWD',
                        formatted_amount: '0',
                      },
                    },
                    selected_modifier_groups: null,
                  },
                ],
                removed_items: null,
              },
              {
                id: '3',
                title: 'add pepper',
                selected_items: [
                  {
                    id: '3-1',
                    title: 'pepper',
                    quantity: 0,
                    price: {
                      unit_price: {
                        amount: 0,
                        currency_code: 'TWD',
                        formatted_amount: '0',
                      },
                      total_price: {
                        amount: 0,
                        currency_code: 'TWD',
                        formatted_amount: '0',
                      },
                    },
                    selected_modifier_groups: null,
                  },
                ],
                removed_items: null,
              },
            ],
            ticket_no: '',
            redeem_point: 0,
          },
        ],
      },
      source_type: 'APP',
      customize: 'customize content',
    },
  ],
}
