import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildPage } from '../esbuild.config.ts'
import { demoSamples as samplesOf } from '../src/demo-samples.ts'
import { brokenOrderEvery } from '../src/generate-batch-orders.ts'
import { loadDemoPlatforms } from '../src/platform-registry.ts'
import { type RunningDemo, startDemo } from '../src/start-demo.ts'

// The platforms the page shows: every platform package, from its descriptor.
const platformRegistry = await loadDemoPlatforms()
const demoSamples = samplesOf(platformRegistry)

// The whole demo in Debian's Chromium: the page as a newcomer uses it. Every wait is on visible
// state with a generous limit (a loaded 2-core machine); nothing asserts how long anything took.
const screenshots = fileURLToPath(new URL('../test-results/', import.meta.url))
const visible = { timeout: 60_000 }

// What the page shows of each sample on each platform of the demo: the payload's key fields (in
// the registry's order), the canonical paths of the refusal, or that the order is not reportable
// yet (a platform that takes only finished orders). A platform that lands later is checked by the
// generic part of the test until it gets its rows here.
type Expectation =
  | readonly string[]
  | { readonly refused: readonly string[] }
  | { readonly notReportableYet: readonly string[] }
const notYet = { notReportableYet: ['status'] } as const
const expected: Readonly<Record<string, Readonly<Record<string, Expectation>>>> = {
  'youshu-faq': {
    youshu: { refused: ['buyer.platformUserId'] },
    alipayplus: { refused: ['buyer.platformUserId', 'merchant', 'buyer'] },
    wechat: {
      refused: [
        'buyer.platformUserId',
        'detailPageUrl',
        'platformOptions.wechat.scene',
        'lines[0].imageUrls',
        'lines[0].url',
        'lines[1].imageUrls',
        'lines[1].url',
        'platformOptions.wechat.prepayId',
        'platformOptions.wechat.prepayAt',
        'delivery.address.name',
        'delivery.address.phone',
        'delivery.address.line1',
      ],
    },
    baidu: { refused: ['buyer.platformUserId'] },
    wixtar: notYet,
  },
  'youshu-document': {
    youshu: ['34452222', '1150', '220', '200', '197'],
    alipayplus: ['34452222', 'DELIVERY', 'ALIPAY_HK', '22000', '19700'],
    wechat: {
      refused: [
        'detailPageUrl',
        'platformOptions.wechat.scene',
        'lines[0].url',
        'lines[1].imageUrls',
        'lines[1].url',
        'platformOptions.wechat.prepayId',
        'platformOptions.wechat.prepayAt',
      ],
    },
    baidu: { refused: ['platformOptions.baidu.sceneId'] },
    wixtar: notYet,
  },
  'alipayplus-document': {
    youshu: { refused: ['payableAmount.currency'] },
    alipayplus: ['011164447512282000000002060', 'PICK_UP', 'ALIPAY_HK', '378', '342'],
    wechat: { refused: ['payableAmount.currency'] },
    baidu: { refused: ['payableAmount.currency'] },
    wixtar: notYet,
  },
  'wechat-document': {
    youshu: ['xxxxx', '1110', '15', '14', '14'],
    alipayplus: { refused: ['merchant'] },
    wechat: ['xxxxx', '1177', '42526234625', '1600', '10'],
    // Awaiting payment: no cashier payment yet, so no scene_id to require.
    baidu: ['xxxxx', '1', '1600', 'oTVP50O53a7jgmawAmxKukNlq3XI', '(absent)'],
    wixtar: notYet,
  },
  'baidu-document': {
    youshu: ['2221554346520', '1180', '24.9', '23.9', '23.9'],
    alipayplus: { refused: ['merchant'] },
    wechat: {
      refused: [
        'platformOptions.wechat.scene',
        'lines[0].url',
        'payments[0].method',
        'delivery.address.name',
        'delivery.address.phone',
        'delivery.address.line1',
        // a completed order paid otherwise than by WeChat Pay: shop/order/pay has no transaction_id
        'payments',
        'delivery.packages',
      ],
    },
    baidu: ['2221554346520', '200', '2390', 'demo-baidu-open-id', '159259079195'],
    // Wixtar in its default units (its descriptor's): charges and payments in whole dollars, so
    // the example's 23.90 yuan is refused rather than rounded.
    wixtar: {
      refused: [
        'merchant.store',
        'merchant.name',
        'charges',
        'charges.goodsSubtotal',
        'payableAmount',
        'payments[0].amount',
      ],
    },
  },
  'wixtar-document': {
    youshu: { refused: ['payableAmount.currency'] },
    alipayplus: { refused: ['buyer.platformUserId'] },
    wechat: { refused: ['payableAmount.currency'] },
    baidu: { refused: ['payableAmount.currency'] },
    wixtar: ['tywn21072900008', 'COMPLETED', 'A01', '1000', '1000'],
  },
  refund: {
    youshu: ['demo-refund-1', '1290', '50', '50', '50'],
    alipayplus: ['demo-refund-1', 'PICK_UP', 'ALIPAY_HK', '5000', '5000'],
    wechat: ['demo-refund-1', '1001', 'wx-prepay-demo-refund-1', '5000', '20'],
    baidu: ['demo-refund-1', '100', '5000', 'o-demo-openid-42', '4200000000000000042'],
    wixtar: ['demo-refund-1', 'CANCELLED', 'store-1', '50', '50'],
  },
  'cancelled-before-payment': {
    youshu: ['demo-cancelled-1', '1130', '50', '50', '50'],
    alipayplus: ['demo-cancelled-1', 'PICK_UP', 'ALIPAY_HK', '5000', '(absent)'],
    wechat: ['demo-cancelled-1', '1001', 'wx-prepay-demo-cancelled-1', '5000', '250'],
    baidu: ['demo-cancelled-1', '100', '5000', 'o-demo-openid-42', '(absent)'],
    wixtar: ['demo-cancelled-1', 'CANCELLED', 'store-1', '50', '50'],
  },
  'part-paid': {
    youshu: ['demo-part-paid-1', '1110', '50', '50', '50'],
    // paymentAmount is the amount paid: the deposit.
    alipayplus: ['demo-part-paid-1', 'PICK_UP', 'ALIPAY_HK', '5000', '2000'],
    wechat: ['demo-part-paid-1', '1001', 'wx-prepay-demo-part-paid-1', '5000', '10'],
    baidu: ['demo-part-paid-1', '1', '5000', 'o-demo-openid-42', '4200000000000000043'],
    wixtar: notYet,
  },
  'order-discount': {
    youshu: ['demo-discount-1', '1150', '60.01', '50.01', '50.01'],
    alipayplus: ['demo-discount-1', 'PICK_UP', 'ALIPAY_HK', '6001', '5001'],
    wechat: ['demo-discount-1', '1001', 'wx-prepay-demo-discount-1', '5001', '20'],
    baidu: ['demo-discount-1', '5', '5001', 'o-demo-openid-42', '4200000000000000044'],
    wixtar: notYet,
  },
  refused: {
    youshu: ['demo-no-merchant-1', '1150', '50', '50', '50'],
    alipayplus: { refused: ['merchant'] },
    wechat: {
      refused: ['merchant.store.name', 'merchant.store.phone', 'merchant.store.address.line1'],
    },
    baidu: ['demo-no-merchant-1', '5', '5000', 'o-demo-openid-42', '4200000000000000045'],
    wixtar: notYet,
  },
}

// Where each platform's stored order (as the sandbox keeps it) holds the order's status, and the
// key field it must equal: what was stored is what the preview said would be sent.
const storedStatus: Readonly<Record<string, { readonly path: string; readonly keyField: number }>> =
  {
    youshu: { path: 'order_status', keyField: 1 },
    wechat: { path: 'status', keyField: 4 },
    baidu: { path: 'Status', keyField: 1 },
    wixtar: { path: 'current_state', keyField: 1 },
  }

let demo: RunningDemo
let context: BrowserContext
let page: Page
let workDirectory: string
// Every body the demo server sent the page, to check that no secret ever reached it.
const pageResponses: Promise<string>[] = []

const card = (platform: string): Locator => page.locator(`article[data-platform="${platform}"]`)

async function shoot(name: string): Promise<void> {
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true })
}

/** Picks a sample and waits until the page has checked it and every card shows its verdict. */
async function pickSample(id: string): Promise<void> {
  await page.getByLabel('Sample order').selectOption(id)
  await page.locator('#order-valid').waitFor(visible)
  for (const platform of platformRegistry) {
    await expect
      .poll(() => card(platform.id).locator('.badge').textContent(), visible)
      .toMatch(/^(Ready|Refuses this order|Not reportable yet)/)
  }
}

/** Presses a card's Sync button and waits for the result the page shows. */
async function sync(platform: string): Promise<Locator> {
  await card(platform)
    .getByRole('button', { name: /^Sync to / })
    .click()
  const result = card(platform).locator('.sync-result [data-status]')
  await result.waitFor(visible)
  return result
}

beforeAll(async () => {
  workDirectory = mkdtempSync(join(tmpdir(), 'ordersync-demo-browser-'))
  mkdirSync(screenshots, { recursive: true })
  const pageDirectory = join(workDirectory, 'page')
  await buildPage(pageDirectory)
  demo = await startDemo({ port: 0, pageDirectory })
  context = await chromium.launchPersistentContext(join(workDirectory, 'profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1440, height: 900 },
  })
  page = context.pages()[0] ?? (await context.newPage())
  page.on('response', (response) => {
    pageResponses.push(response.text().catch(() => ''))
  })
})

afterAll(async () => {
  await context?.close()
  await demo?.close()
  rmSync(workDirectory, { recursive: true, force: true })
})

describe('the demo page in Chromium', () => {
  it('loads with every sample and a card per registered platform, and keyboard access from the top', async () => {
    await page.goto(demo.url)
    await page.locator('#order-valid').waitFor(visible)
    const options = await page.getByLabel('Sample order').locator('option').allTextContents()
    expect(options).toEqual(demoSamples.map((sample) => sample.label))
    expect(
      await page
        .locator('article[data-platform]')
        .evaluateAll((cards) => cards.map((item) => item.getAttribute('data-platform'))),
    ).toEqual(platformRegistry.map((platform) => platform.id))
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Skip to the platforms',
    )
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('platforms-heading')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY')
    await shoot('01-loaded')
  })

  for (const sample of demoSamples) {
    it(`sample "${sample.label}": each platform's verdict, then a sync to each`, async () => {
      await pickSample(sample.id)
      for (const platform of platformRegistry) {
        const own = card(platform.id)
        // A new order empties the last sync's panels: what shows next is this order's sync.
        expect(await own.locator('.sync-result [data-status]').count()).toBe(0)
        const badge = (await own.locator('.badge').textContent()) ?? ''
        const pinned = expected[sample.id]?.[platform.id]
        const issuePaths = () =>
          own
            .locator('.preview .issue-list li')
            .evaluateAll((items) => items.map((item) => item.getAttribute('data-path')))
        if (badge.startsWith('Ready')) {
          const values = await own.locator('.key-fields dd').allTextContents()
          if (pinned !== undefined) expect(values).toEqual(pinned)
          const result = await sync(platform.id)
          expect(await result.getAttribute('data-status')).toBe('succeeded')
          const exchange = own.locator('.exchange-log')
          await exchange.waitFor(visible)
          const requests = await exchange.locator('[data-kind="request"]').allTextContents()
          expect(requests.some((text) => text.includes(platform.syncEndpoint))).toBe(true)
          expect(await exchange.locator('[data-kind="response"]').last().textContent()).toContain(
            'success',
          )
          const storedText = (await own.locator('.stored-order').textContent()) ?? ''
          expect(storedText).toContain(`"${sample.order.id}"`)
          const status = storedStatus[platform.id]
          if (status !== undefined) {
            const stored = JSON.parse(storedText) as Record<string, unknown>
            expect(String(stored[status.path])).toBe(values[status.keyField])
          }
        } else if (badge === 'Not reportable yet') {
          // Not a refusal: the platform takes only finished orders, and says "not yet".
          expect(await own.locator('.preview .state-wait').textContent()).toContain(
            `${platform.label} takes only finished orders`,
          )
          const paths = await issuePaths()
          if (pinned !== undefined) expect({ notReportableYet: paths }).toEqual(pinned)
          const result = await sync(platform.id)
          expect(await result.getAttribute('data-status')).toBe('not_reportable_yet')
          expect(await result.textContent()).toMatch(
            new RegExp(
              `^Not reportable yet, nothing sent: ${platform.label} takes only finished orders\\. \\[ordersync\\] \\[${platform.id}\\] status: is ${sample.order.status}`,
            ),
          )
          expect(await own.locator('.exchange').textContent()).toContain('Nothing was sent')
          expect(await own.locator('.stored').textContent()).toContain(
            'The sandbox holds no order under this id.',
          )
        } else {
          expect(badge).toBe('Refuses this order')
          const paths = await issuePaths()
          if (pinned !== undefined) expect({ refused: paths }).toEqual(pinned)
          else expect(paths.length).toBeGreaterThan(0)
          const result = await sync(platform.id)
          expect(await result.getAttribute('data-status')).toBe('failed')
          expect(await result.textContent()).toMatch(/^Not synced \(not_sent\): \[ordersync\]/)
          expect(await own.locator('.exchange').textContent()).toContain('Nothing was sent')
        }
      }
      await shoot(`02-sample-${sample.id}`)
    })
  }

  it('lists every problem of an invalid order with its path, and a JSON syntax error', async () => {
    await pickSample('order-discount')
    const editor = page.getByLabel(/Canonical order \(JSON\)/)
    await editor.fill('{ "id": ')
    await page.getByText(/^Not JSON yet:/).waitFor(visible)
    const order = JSON.parse(
      JSON.stringify(demoSamples.find((sample) => sample.id === 'order-discount')?.order),
    )
    order.id = ''
    order.createdAt = '2024-05-20 10:00:00'
    order.lines[0].quantity = 0
    order.paidAmount = { amount: 9999, currency: 'CNY' }
    await editor.fill(JSON.stringify(order, null, 2))
    const issues = page.locator('#order-issues li')
    await issues.first().waitFor(visible)
    expect(await page.locator('#order-validation .state').textContent()).toBe(
      'Not a valid canonical order: 5 problems',
    )
    expect(await issues.allTextContents()).toEqual([
      'id must not be empty [too_small]',
      'createdAt "2024-05-20 10:00:00" has no UTC offset, so the instant is ambiguous; add Z or an offset such as +08:00 [invalid_time]',
      'lines[0].quantity must be positive [too_small]',
      'paidAmount is 99.99 CNY, more than payableAmount 50.01 CNY [paid_exceeds_payable]',
      'payments add up to 50.01 CNY but paidAmount is 99.99 CNY [payments_total]',
    ])
    for (const platform of platformRegistry) {
      expect(await card(platform.id).locator('.badge').textContent()).toBe('No valid order')
    }
    await shoot('03-invalid-order')
  })

  // Each switch makes the first attempt of a sync's first call fail in its own way; the client
  // retries and the second attempt succeeds. What the log shows between the two attempts differs:
  // the busy answer comes back as a response, a timeout or a dropped connection has none. The
  // refund is a finished order that every platform of the demo takes (and has taken once above).
  const retryFaults = [
    { label: 'System busy', id: 'busy', between: ['request', 'response', 'retry'] },
    { label: 'Dropped connection', id: 'drop', between: ['request', 'retry'] },
    { label: 'Timeout', id: 'timeout', between: ['request', 'retry'] },
  ] as const
  const entriesOf = async (own: Locator) => {
    const entries = own.locator('.exchange-log > li')
    await entries.first().waitFor(visible)
    return {
      kinds: await entries.evaluateAll((items) =>
        items.map((item) => item.getAttribute('data-kind')),
      ),
      texts: await entries.allTextContents(),
    }
  }
  for (const platform of platformRegistry) {
    const faultEndpoint = platform.faultEndpoint ?? platform.syncEndpoint
    for (const fault of retryFaults) {
      it(`${platform.label}: the ${fault.label} switch shows the retry in the exchange log`, async () => {
        await pickSample('refund')
        const own = card(platform.id)
        await own.getByLabel(fault.label).check()
        await own.getByText(`On for every sync: ${fault.id}.`).waitFor(visible)
        const result = await sync(platform.id)
        expect(await result.getAttribute('data-status')).toBe('succeeded')
        const { kinds, texts } = await entriesOf(own)
        // The fault first; then (after any token or data-source call) the failed first attempt of
        // the first call, the retry, and the second attempt's success.
        expect(kinds[0]).toBe('fault')
        const first = texts.findIndex(
          (text, index) =>
            kinds[index] === 'request' &&
            text.includes(faultEndpoint) &&
            text.includes('attempt 1'),
        )
        expect(first).toBeGreaterThan(0)
        const tail = [...fault.between, 'request', 'response']
        expect(kinds.slice(first, first + tail.length)).toEqual(tail)
        const steps = texts.slice(first, first + tail.length)
        if (fault.id === 'busy') expect(steps[1]).toContain('retryable · attempt 1')
        expect(steps.at(-3)).toContain('Retry after attempt 1')
        expect(steps.at(-2)).toContain(faultEndpoint)
        expect(steps.at(-2)).toContain('attempt 2')
        expect(steps.at(-1)).toContain('success · attempt 2')
        expect(texts.at(-1)).toContain('success')
        await shoot(`04-fault-${fault.id}-${platform.id}`)
        await own.getByLabel(fault.label).uncheck()
        await own.getByText('No fault: the next sync goes through untouched.').waitFor(visible)
      })
    }

    if (platform.auth === 'token') {
      it(`${platform.label}: the token-expired switch shows the rejection, the token refresh and the replay`, async () => {
        await pickSample('refund')
        const own = card(platform.id)
        // A first sync, so that the client holds a token the sandbox can then forget.
        expect(await (await sync(platform.id)).getAttribute('data-status')).toBe('succeeded')
        await own.getByLabel('Token expired').check()
        await own.getByText('On for every sync: token_expired.').waitFor(visible)
        const result = await sync(platform.id)
        expect(await result.getAttribute('data-status')).toBe('succeeded')
        const { kinds, texts } = await entriesOf(own)
        expect(kinds[0]).toBe('fault')
        const rejected = kinds.findIndex(
          (kind, index) => kind === 'response' && texts[index]?.includes('token_invalid'),
        )
        expect(rejected).toBeGreaterThan(1)
        // The rejected call, the replay's wait, the new token, the replay.
        expect(kinds.slice(rejected - 1, rejected + 6)).toEqual([
          'request',
          'response',
          'retry',
          'request',
          'response',
          'request',
          'response',
        ])
        const steps = texts.slice(rejected - 1, rejected + 6)
        expect(steps[0]).toContain(`${faultEndpoint}`)
        expect(steps[0]).toContain('attempt 1')
        expect(steps[1]).toContain('The platform rejected the access token')
        expect(steps[3]).toMatch(/^→ Access token request: /)
        expect(steps[3]).toContain(platform.tokenEndpoint ?? '(a token endpoint)')
        expect(steps[4]).toMatch(/^← New access token: HTTP 200 · success/)
        expect(steps[5]).toContain(faultEndpoint)
        expect(steps[5]).toContain('attempt 2')
        expect(steps[6]).toContain('success · attempt 2')
        // The new token never reaches the page: the replay's URL or header carries it redacted.
        expect(steps[5]).not.toMatch(/access_token=(?!\[redacted\])/)
        await shoot(`04-fault-token-${platform.id}`)
        await own.getByLabel('Token expired').uncheck()
        await own.getByText('No fault: the next sync goes through untouched.').waitFor(visible)
      })
    } else {
      it(`${platform.label}: the token-expired switch is off, with the reason`, async () => {
        const own = card(platform.id)
        expect(await own.getByLabel('Token expired').isDisabled()).toBe(true)
        expect(await own.locator(`#${platform.id}-fault-token_expired-hint`).textContent()).toBe(
          `${platform.label} signs every request instead of using an access token: there is no token to expire.`,
        )
      })
    }
  }

  for (const platform of platformRegistry) {
    // The outage's batch runs one call at a time: fewer orders keep its run short.
    for (const [outage, total] of [
      [false, 300],
      [true, 100],
    ] as const) {
      it(`${platform.label}: a batch of ${total} generated orders${outage ? ' whose first call meets an outage' : ''}, with its progress and report`, async () => {
        await page.getByLabel('Platform', { exact: true }).selectOption(platform.id)
        await page.getByLabel('Orders', { exact: true }).fill(String(total))
        await page.getByLabel('Outage on the first call').setChecked(outage)
        await page.getByRole('button', { name: 'Run batch' }).click()
        const succeeded = page.locator('#batch-report [data-count="succeeded"]')
        await succeeded.waitFor({ timeout: 180_000 })
        // The broken orders fail without a call; an outage makes every order of the first call
        // uncertain: as many as the platform takes in one call.
        const broken = Math.floor(total / brokenOrderEvery)
        const uncertain = outage ? platform.maxBatchSize : 0
        const failed = broken + uncertain
        expect(await succeeded.textContent()).toBe(String(total - failed))
        expect(await page.locator('#batch-report [data-count="failed"]').textContent()).toBe(
          String(failed),
        )
        expect(await page.locator('#batch-report [data-count="uncertain"]').textContent()).toBe(
          String(uncertain),
        )
        expect(
          await page
            .locator('#batch-progress-bar')
            .evaluate((bar) => [
              (bar as HTMLProgressElement).value,
              (bar as HTMLProgressElement).max,
            ]),
        ).toEqual([total, total])
        expect(await page.locator('#batch-progress-text').textContent()).toBe(
          `${total} of ${total} orders · ${total - failed} succeeded · ${failed} failed, ${uncertain} of them uncertain`,
        )
        await shoot(`05-batch-${platform.id}${outage ? '-outage' : ''}`)
      })
    }
  }

  it('never sent the page a secret: no app secret or private key in any answer of the server', async () => {
    const secrets = Object.values(demo.sandbox.credentials).flatMap((credentials) =>
      Object.entries(credentials)
        .filter(([name]) => /secret|private/i.test(name))
        .map(([, value]) =>
          // A PEM key is checked by a line of its body, as it would appear in JSON or a header.
          value.includes('-----BEGIN') ? (value.split('\n')[1] ?? value) : value,
        ),
    )
    expect(secrets.length).toBeGreaterThan(0)
    const bodies = await Promise.all(pageResponses)
    expect(bodies.length).toBeGreaterThan(20)
    for (const secret of secrets) {
      expect(bodies.filter((body) => body.includes(secret))).toEqual([])
    }
  })
})
