import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { platformDescriptor as youshu } from '@ordersync/youshu/testing'
import { afterAll, describe, expect, it } from 'vitest'
import { hasEscapes, runOrdersync, workDirectory } from '../test-support/run-ordersync.ts'
import type { OrderExplanation } from './explain-order.ts'

const work = workDirectory()
afterAll(() => work.remove())
const cwd = work.path
const order = youshu.makeOrder(8812)
writeFileSync(join(cwd, 'order.json'), `${JSON.stringify(order, null, 2)}\n`)

describe('ordersync explain', () => {
  it('validates the order, then shows each platform’s payload and warnings or why it refuses', async () => {
    const result = await runOrdersync(
      ['explain', 'order.json', '--platform', 'youshu,baidu', '--platform', 'wixtar'],
      { cwd },
    )
    expect(result.code).toBe(1) // Wixtar refuses an order that is not finished
    expect(result.stderr).toBe('')
    expect(hasEscapes(result.stdout)).toBe(false)
    const text = result.stdout
    expect(text).toContain(
      '✓ order youshu-order-8812 is a valid canonical order (paid, shipping, 2 lines, payable 100.00 CNY)',
    )
    expect(text).toContain(
      "\n  clients made with the sandbox's settings (no configuration used; --config names one); nothing is sent\n",
    )
    expect(text).toContain('✓ youshu would send it\n')
    expect(text).toContain('"external_order_id": "youshu-order-8812"')
    expect(text).toContain('✓ baidu would send it, with 3 warnings (what it cannot carry)')
    // Each warning with its canonical path, in a table.
    expect(text).toMatch(/│ buyer\.phone\s+│ field_dropped\s+│ Baidu has no field for buyer\.phone/)
    expect(text).toMatch(/│ payments\[0\]\.method\s+│ value_folded/)
    expect(text).toContain('✗ wixtar refuses it: status: is paid, and Wixtar')
    expect(text).toMatch(/│ status\s+│ unsupported\s+│ is paid/)
    expect(text).toContain('2 platforms would send it, 1 refuses it.')
    // In the order asked for.
    expect(text.indexOf('youshu would')).toBeLessThan(text.indexOf('baidu would'))
    expect(text.indexOf('baidu would')).toBeLessThan(text.indexOf('wixtar refuses'))
  })

  it('prints the same as JSON for scripts, and exits 0 when every platform would send it', async () => {
    const result = await runOrdersync(['explain', 'order.json', '--platform', 'youshu', '--json'], {
      cwd,
    })
    expect(result.code).toBe(0)
    const explanation = JSON.parse(result.stdout) as OrderExplanation
    expect(explanation).toMatchObject({ orderId: 'youshu-order-8812', valid: true, problems: [] })
    const [platform] = explanation.platforms
    expect(platform).toMatchObject({
      platform: 'youshu',
      settings: 'sandbox',
      verdict: 'sends',
      warnings: [],
    })
    expect(platform?.payload).toMatchObject({
      orders: [
        { external_order_id: 'youshu-order-8812', order_status: '1150', payable_amount: 100 },
      ],
    })
  })

  it('lists every problem of an invalid order with its path, read from standard input', async () => {
    const result = await runOrdersync(['explain', '-', '--platform', 'youshu'], {
      cwd,
      input: JSON.stringify({
        ...order,
        lines: [{ id: 'l1', name: 'tea', quantity: 0 }],
        payableAmount: undefined,
      }),
    })
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(
      /^✗ order youshu-order-8812 is not a valid canonical order: \d+ problems\n/,
    )
    expect(result.stdout).toMatch(/│ lines\[0\]\.quantity\s+│/)
    expect(result.stdout).toMatch(/│ lines\[0\]\.unitPrice\s+│/)
    expect(result.stdout).toMatch(/│ payableAmount\s+│/)
    expect(result.stdout).toContain('No platform can take it until these are fixed.')
  })

  it('picks one order of a JSON Lines file by --id, and asks for one when there are several', async () => {
    writeFileSync(
      join(cwd, 'orders.jsonl'),
      [1, 2, 3].map((index) => JSON.stringify(youshu.makeOrder(index))).join('\n'),
    )
    const picked = await runOrdersync(
      ['explain', 'orders.jsonl', '--id', 'youshu-order-2', '--platform', 'youshu', '--json'],
      { cwd },
    )
    expect(picked.code).toBe(0)
    expect((JSON.parse(picked.stdout) as OrderExplanation).orderId).toBe('youshu-order-2')
    const several = await runOrdersync(['explain', 'orders.jsonl', '--platform', 'youshu'], { cwd })
    expect(several).toMatchObject({
      code: 2,
      stdout: '',
      stderr:
        'ordersync: orders.jsonl holds 3 orders: name the one to explain with --id <order id>\n',
    })
  })

  it('makes each client as the configuration does, when there is one', async () => {
    const dir = workDirectory()
    try {
      writeFileSync(
        join(dir.path, 'ordersync.config.json'),
        JSON.stringify({
          platforms: {
            youshu: {
              settings: { environment: 'test', baseURL: 'http://127.0.0.1:9' },
              env: {
                appId: 'SHOP_YOUSHU_APP_ID',
                appSecret: 'SHOP_YOUSHU_APP_SECRET',
                merchantId: 'SHOP_YOUSHU_MERCHANT_ID',
              },
            },
          },
        }),
      )
      writeFileSync(join(dir.path, 'order.json'), JSON.stringify(order))
      const env = {
        SHOP_YOUSHU_APP_ID: 'app',
        SHOP_YOUSHU_APP_SECRET: 'secret',
        SHOP_YOUSHU_MERCHANT_ID: '42',
      }
      const result = await runOrdersync(['explain', 'order.json', '--platform', 'youshu,baidu'], {
        cwd: dir.path,
        env,
      })
      expect(result.stdout).toContain(
        "clients of youshu made as ordersync.config.json makes them, baidu with the sandbox's settings; nothing is sent",
      )
      // With --sandbox, the configuration found is set aside, and the note says so.
      const sandboxed = await runOrdersync(
        ['explain', 'order.json', '--platform', 'youshu', '--sandbox'],
        { cwd: dir.path },
      )
      expect(sandboxed.code).toBe(0)
      expect(sandboxed.stdout).toContain(
        "\n  clients made with the sandbox's settings (with --sandbox the configuration is not used); nothing is sent\n",
      )
      const others = await runOrdersync(['explain', 'order.json', '--platform', 'baidu'], {
        cwd: dir.path,
      })
      expect(others.stdout).toContain(
        "\n  clients made with the sandbox's settings (ordersync.config.json configures none of these platforms); nothing is sent\n",
      )
      const missing = await runOrdersync(['explain', 'order.json', '--platform', 'youshu'], {
        cwd: dir.path,
      })
      expect(missing).toMatchObject({
        code: 2,
        stderr:
          'ordersync: the environment variable SHOP_YOUSHU_APP_ID is not set (platforms.youshu.env.appId in ordersync.config.json): set it in the environment; credentials are never taken from the command line\n',
      })
    } finally {
      dir.remove()
    }
  })
})
