import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
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
import { expected, notYetReasons, storedNameOf, storedStatus } from './sample-expectations.ts'

// The platforms the page shows: every platform package, from its descriptor.
const platformRegistry = await loadDemoPlatforms()
const demoSamples = samplesOf(platformRegistry)

// The whole demo in Debian's Chromium: the page as a newcomer uses it. Every wait is on visible
// state with a generous limit (a loaded 2-core machine); nothing asserts how long anything took.
const demoDirectory = fileURLToPath(new URL('../', import.meta.url))
const screenshots = join(demoDirectory, 'test-results')
const visible = { timeout: 60_000 }

let demo: RunningDemo
let context: BrowserContext
let page: Page
let workDirectory: string
// Every body the demo server sent the page, to check that no secret ever reached it; and every
// answer of 400 or more (a missing favicon would be one).
const pageResponses: Promise<string>[] = []
const failedRequests: string[] = []

const card = (platform: string): Locator => page.locator(`article[data-platform="${platform}"]`)
const badgeOf = (platform: string): Locator => page.locator(`#${platform}-state`)
const syncButtonOf = (platform: string): Locator =>
  card(platform).getByRole('button', { name: /^Sync to / })

async function shoot(name: string): Promise<void> {
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true })
}

/** Picks a sample and waits until the page has checked it and every card shows its verdict. */
async function pickSample(id: string): Promise<void> {
  await page.getByLabel('Sample order').selectOption(id)
  await page.locator('#order-valid').waitFor(visible)
  for (const platform of platformRegistry) {
    await expect
      .poll(() => badgeOf(platform.id).textContent(), visible)
      .toMatch(/^(Ready|Refuses this order|Not reportable yet)/)
  }
}

/** Presses a card's Sync button and waits for the result the page shows. */
async function sync(platform: string): Promise<Locator> {
  await syncButtonOf(platform).click()
  const result = card(platform).locator('.sync-result [data-status]')
  await result.waitFor(visible)
  return result
}

/** The SDK result's fields a card shows, as `name = value — meaning`. */
async function resultFields(platform: string): Promise<string[]> {
  return card(platform)
    .locator('.result-fields dd')
    .evaluateAll((items) =>
      items.map((item) => `${item.getAttribute('data-field')} = ${item.textContent}`),
    )
}

/** How often a text occurs in a card's text. */
async function occurrences(platform: string, text: string): Promise<number> {
  const all = (await card(platform).textContent()) ?? ''
  return all.split(text).length - 1
}

/** The sample's verdict line, from the pinned expectations, in the registry's order. */
function verdictLine(sampleId: string): string | undefined {
  const rows = expected[sampleId]
  if (rows === undefined) return undefined
  const named = (kind: (expectation: unknown) => boolean) =>
    platformRegistry.filter((platform) => kind(rows[platform.id])).map((p) => p.label)
  const ready = named(Array.isArray)
  const total = platformRegistry.length
  if (ready.length === total) return `Ready on all ${total} platforms.`
  const refused = named((row) => typeof row === 'object' && row !== null && 'refused' in row)
  const notYet = named(
    (row) => typeof row === 'object' && row !== null && 'notReportableYet' in row,
  )
  return [
    `Ready on ${ready.length} of ${total} platforms${ready.length === 0 ? '' : ` (${ready.join(', ')})`}.`,
    refused.length === 0 ? '' : ` Refused by ${refused.join(', ')}.`,
    notYet.length === 0 ? '' : ` Not reportable yet on ${notYet.join(', ')}.`,
  ].join('')
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
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(demo.url).origin,
  })
  page = context.pages()[0] ?? (await context.newPage())
  page.on('response', (response) => {
    pageResponses.push(response.text().catch(() => ''))
    if (response.status() >= 400) failedRequests.push(`${response.status()} ${response.url()}`)
  })
  // Every test starts from the page, so that each also runs alone (-t).
  await page.goto(demo.url)
})

afterAll(async () => {
  await context?.close()
  await demo?.close()
  rmSync(workDirectory, { recursive: true, force: true })
})

describe('the demo page in Chromium', () => {
  it('opens on an order every platform takes, says what the sample shows, and has keyboard access from the top', async () => {
    await page.locator('#order-valid').waitFor(visible)
    const options = await page.getByLabel('Sample order').locator('option').allTextContents()
    expect(options).toEqual(demoSamples.map((sample) => sample.label))
    expect(options[0]).toBe('Completed pick-up order (every platform takes it)')
    expect(await page.getByLabel('Sample order').inputValue()).toBe('completed')
    expect(await page.locator('#sample-description').textContent()).toBe(
      'Two teas and a cake, 50.00 CNY paid by WeChat Pay and collected at the store: every platform takes it and the sync succeeds on each.',
    )
    expect(
      await page
        .locator('article[data-platform]')
        .evaluateAll((cards) => cards.map((item) => item.getAttribute('data-platform'))),
    ).toEqual(platformRegistry.map((platform) => platform.id))
    for (const platform of platformRegistry) {
      await expect.poll(() => badgeOf(platform.id).textContent(), visible).toMatch(/^Ready/)
      expect(await syncButtonOf(platform.id).isEnabled()).toBe(true)
      expect(await page.locator(`#${platform.id}-sync-off`).textContent()).toBe('')
    }
    expect(await page.locator('#sample-verdict').textContent()).toBe(
      `Ready on all ${platformRegistry.length} platforms.`,
    )
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Skip to the platforms',
    )
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('platforms-heading')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY')
    await shoot('01-first-screen')
  })

  for (const sample of demoSamples) {
    it(`sample "${sample.label}": each platform's verdict said once, then a sync where Sync is on`, async () => {
      await pickSample(sample.id)
      expect(sample.description).not.toContain('\n')
      expect(await page.locator('#sample-description').textContent()).toBe(sample.description)
      const verdict = verdictLine(sample.id)
      if (verdict !== undefined) {
        expect(await page.locator('#sample-verdict').textContent()).toBe(verdict)
      }
      for (const platform of platformRegistry) {
        const own = card(platform.id)
        // A new order empties the last sync's panels: what shows next is this order's sync.
        expect(await own.locator('.sync-result [data-status]').count()).toBe(0)
        const badge = (await badgeOf(platform.id).textContent()) ?? ''
        const pinned = expected[sample.id]?.[platform.id]
        const syncOff = own.locator(`#${platform.id}-sync-off`)
        if (badge.startsWith('Ready')) {
          const values = await own.locator('.key-fields dd').allTextContents()
          if (pinned !== undefined) expect(values).toEqual(pinned)
          expect(await syncOff.textContent()).toBe('')
          const result = await sync(platform.id)
          expect(await result.getAttribute('data-state')).toBe('synced')
          const exchange = own.locator('.exchange-log')
          await exchange.waitFor(visible)
          const requests = await exchange.locator('[data-kind="request"]').allTextContents()
          expect(requests.some((text) => text.includes(platform.syncEndpoint))).toBe(true)
          expect(await exchange.locator('[data-kind="response"]').last().textContent()).toContain(
            'success',
          )
          const storedText = (await own.locator('.stored-order').textContent()) ?? ''
          expect(storedText).toContain(`"${storedNameOf(platform.id, sample.order)}"`)
          const status = storedStatus[platform.id]
          if (status !== undefined) {
            const stored = JSON.parse(storedText) as Record<string, unknown>
            expect(String(stored[status.path])).toBe(values[status.keyField])
          }
        } else if (badge === 'Not reportable yet') {
          // Not a refusal: the platform cannot take the order yet, and says why, once.
          const line = own.locator('.preview .state-wait')
          const text = (await line.textContent()) ?? ''
          const reason = notYetReasons[platform.id]?.(String(sample.order.status))
          expect(text).toBe(
            reason === undefined
              ? text
              : `${platform.label} cannot take this order yet: ${await line.getAttribute('data-path')} ${reason}.`,
          )
          expect(text.startsWith(`${platform.label} cannot take this order yet: `)).toBe(true)
          if (pinned !== undefined) {
            expect({ notReportableYet: [await line.getAttribute('data-path')] }).toEqual(pinned)
          }
          expect(await occurrences(platform.id, text)).toBe(1)
          expect(await syncButtonOf(platform.id).isDisabled()).toBe(true)
          expect(await syncOff.textContent()).toBe(
            'Sync is off until the order can be reported (the reason is above).',
          )
        } else {
          expect(badge).toBe('Refuses this order')
          const reasons = own.locator('.preview .issue-list li')
          const paths = await reasons.evaluateAll((items) =>
            items.map((item) => item.getAttribute('data-path')),
          )
          if (pinned !== undefined) expect({ refused: paths }).toEqual(pinned)
          else expect(paths.length).toBeGreaterThan(0)
          // Each reason once in the whole card: no message repeating the list.
          for (const reason of await reasons.allTextContents()) {
            expect(await occurrences(platform.id, reason)).toBe(1)
          }
          expect(await syncButtonOf(platform.id).isDisabled()).toBe(true)
          expect(await syncOff.textContent()).toBe(
            `Sync is off: ${platform.label} refuses this order (${paths.length === 1 ? 'the reason is' : `${paths.length} reasons are`} above).`,
          )
        }
      }
      await shoot(`03-sample-${sample.id}`)
    })
  }

  it('"Sync to every platform" syncs the first order everywhere: one state per card, and `accepted` explained', async () => {
    await pickSample('completed')
    await page.getByRole('button', { name: 'Sync to every platform' }).click()
    await page
      .locator('#sync-all-summary')
      .getByText(/^Synced to /)
      .waitFor(visible)
    expect(await page.locator('#sync-all-summary').textContent()).toBe(
      `Synced to all ${platformRegistry.length} platforms.`,
    )
    for (const platform of platformRegistry) {
      const result = card(platform.id).locator('.sync-result [data-status]')
      expect(await result.getAttribute('data-status')).toBe('succeeded')
      expect(await result.getAttribute('data-state')).toBe('synced')
      expect(await result.textContent()).toBe(`Synced ${platform.label} stored the order.`)
      expect(await resultFields(platform.id)).toEqual([
        'status = succeeded — the platform answered with a success',
        'accepted = false — stored at once; true would mean only taken for later processing (Alipay+’s resultStatus A rather than S)',
      ])
      expect(await card(platform.id).locator('.failure-line').count()).toBe(0)
      expect(await occurrences(platform.id, 'may have stored')).toBe(0)
      expect(await card(platform.id).locator('.stored-lead').textContent()).toBe(
        'What the sandbox stored:',
      )
      expect(await card(platform.id).locator('.stored-order').textContent()).toContain(
        `"${storedNameOf(platform.id, demoSamples[0]?.order ?? { id: 'demo-completed-1' })}"`,
      )
    }
    await shoot('02-sync-everywhere')
  })

  it('"Sync to every platform" says where Sync is off and why', async () => {
    await pickSample('refused')
    await page.getByRole('button', { name: 'Sync to every platform' }).click()
    await page
      .locator('#sync-all-summary')
      .getByText(/^Synced to /)
      .waitFor(visible)
    expect(await page.locator('#sync-all-summary').textContent()).toBe(
      `Synced to 2 of ${platformRegistry.length} platforms. Sync off: Alipay+ (refuses this order), WeChat (refuses this order), WeChat shipping (not reportable yet), Wixtar (not reportable yet).`,
    )
    for (const platform of ['alipayplus', 'wechat', 'wechat-shipping', 'wixtar']) {
      expect(await card(platform).locator('.sync-result [data-status]').count()).toBe(0)
    }
    for (const platform of ['baidu', 'youshu']) {
      expect(
        await card(platform).locator('.sync-result [data-status]').getAttribute('data-state'),
      ).toBe('synced')
    }
    // Another order: the line no longer speaks of the last one.
    await pickSample('completed')
    expect((await page.locator('#sync-all-summary').textContent())?.trim()).toBe(
      'Sends the order to every platform whose Sync is on, all at once.',
    )
  })

  it('folds the fault descriptions away: one line per switch, what each does behind "What the switches do"', async () => {
    const own = card('wechat')
    const hint = own.locator('#wechat-fault-busy-hint')
    expect(await hint.isVisible()).toBe(false)
    expect(await own.locator('.fault-switch').allTextContents()).toEqual([
      'Token expired',
      'System busy',
      'Timeout',
      'Dropped connection',
    ])
    await own.getByText('What the switches do').click()
    expect(await hint.isVisible()).toBe(true)
    expect(await own.getByLabel('System busy').getAttribute('aria-describedby')).toBe(
      'wechat-fault-busy-hint',
    )
    await own.getByText('What the switches do').click()
  })

  it('lists every problem of an invalid order with its path, its line and a plain message, and numbers the lines', async () => {
    await pickSample('order-discount')
    const editor = page.getByLabel(/Canonical order \(JSON\)/)
    const gutter = page.locator('#order-line-numbers')
    const lineCount = (await editor.inputValue()).split('\n').length
    expect(((await gutter.textContent()) ?? '').split('\n')).toEqual(
      Array.from({ length: lineCount }, (_, index) => String(index + 1)),
    )
    await editor.fill('{ "id": ')
    await page.getByText(/^Not JSON yet:/).waitFor(visible)
    expect(await gutter.textContent()).toBe('1')
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
      'line 2 id must not be empty [too_small]',
      'line 4 createdAt "2024-05-20 10:00:00" has no UTC offset, so the instant is ambiguous; add Z or an offset such as +08:00 [invalid_time]',
      'line 30 lines[0].quantity must be positive [too_small]',
      'line 99 paidAmount is 99.99 CNY, more than payableAmount 50.01 CNY [paid_exceeds_payable]',
      'line 103 payments add up to 50.01 CNY but paidAmount is 99.99 CNY [payments_total]',
    ])
    for (const platform of platformRegistry) {
      expect(await badgeOf(platform.id).textContent()).toBe('No valid order')
      expect(await syncButtonOf(platform.id).isDisabled()).toBe(true)
    }
    // A missing field is "required", not the schema's "expected string, received undefined".
    order.id = undefined
    order.lines[0].quantity = undefined
    order.createdAt = '2024-05-20T10:00:00+08:00'
    order.paidAmount = { amount: 5001, currency: 'CNY' }
    await editor.fill(JSON.stringify(order, null, 2))
    await expect
      .poll(() => page.locator('#order-validation .state').textContent(), visible)
      .toBe('Not a valid canonical order: 2 problems')
    expect(await issues.allTextContents()).toEqual([
      'line 1 id is required [invalid_type]',
      'line 25 lines[0].quantity is required [invalid_type]',
    ])
    // "line 25" (the line's item: it has no quantity) puts the caret on that line of the editor.
    await issues.nth(1).getByRole('button', { name: 'line 25' }).click()
    expect(
      await editor.evaluate(
        (area) =>
          (area as HTMLTextAreaElement).value
            .slice(0, (area as HTMLTextAreaElement).selectionStart)
            .split('\n').length,
      ),
    ).toBe(25)
    const view = await editor.evaluate((area) => ({
      top: area.scrollTop,
      bottom: area.scrollTop + area.clientHeight,
      line: Number.parseFloat(getComputedStyle(area).lineHeight),
    }))
    expect(view.top).toBeLessThanOrEqual(24 * view.line)
    expect(view.bottom).toBeGreaterThanOrEqual(25 * view.line)
    // The numbers scroll with the text.
    await expect
      .poll(() => page.locator('#order-line-numbers').evaluate((gutter) => gutter.scrollTop))
      .toBe(view.top)
    await shoot('04-invalid-order')
  })

  it('a failure with faults is one state: WeChat with every switch on is "Not sent", and never "may have stored"', async () => {
    await pickSample('completed')
    const own = card('wechat')
    const switches = ['Token expired', 'System busy', 'Timeout', 'Dropped connection']
    // A first sync, so that the client holds a token when the switches act.
    expect(await (await sync('wechat')).getAttribute('data-state')).toBe('synced')
    try {
      for (const label of switches) await own.getByLabel(label).check()
      await own.getByText('On for every sync: token_expired, busy, timeout, drop.').waitFor(visible)
      const result = await sync('wechat')
      expect(await result.getAttribute('data-status')).toBe('failed')
      expect(await result.getAttribute('data-state')).toBe('not_sent')
      expect(await result.textContent()).toBe(
        'Not sent Nothing was sent: WeChat does not hold this version of the order.',
      )
      expect(await own.locator('.failure-line').textContent()).toMatch(
        /^Why: \[ordersync\] \[wechat\] \/shop\/order\/get: .*the order was not sent$/,
      )
      expect(await resultFields('wechat')).toEqual([
        'status = failed — the order is not synced',
        'delivery = not_sent — nothing was sent',
      ])
      // The log says what the call came to; what it means for the order is the result's to say.
      expect(await own.locator('.exchange-log [data-kind="error"]').textContent()).toBe(
        'Call failed: /shop/order/get: all 3 attempts failed, the last with network error: other side closed',
      )
      expect(await occurrences('wechat', 'may have stored')).toBe(0)
      expect(await own.locator('.stored-lead').textContent()).toBe(
        'This sync stored nothing; the sandbox still holds an earlier sync of this order:',
      )
      await shoot('05-failure-faults-wechat')
    } finally {
      for (const label of switches) await own.getByLabel(label).uncheck()
      await own.getByText('No fault: the next sync goes through untouched.').waitFor(visible)
    }
  })

  it('a failure the platform may have stored is "Uncertain": badge, summary and failure line agree', async () => {
    const own = card('youshu')
    const switches = ['System busy', 'Timeout', 'Dropped connection']
    try {
      for (const label of switches) await own.getByLabel(label).check()
      await own.getByText('On for every sync: busy, timeout, drop.').waitFor(visible)
      const result = await sync('youshu')
      expect(await result.getAttribute('data-state')).toBe('uncertain')
      expect(await result.textContent()).toBe(
        'Uncertain Tencent Youshu may have stored the order: no answer said whether it did. Syncing it again is safe: every sync endpoint is an upsert.',
      )
      expect(await resultFields('youshu')).toEqual([
        'status = failed — the order is not synced',
        'delivery = uncertain — the platform may hold the order',
      ])
      expect(await own.locator('.failure-line').textContent()).toMatch(
        /^Why: \[ordersync\] \[youshu\] \/data-api\/v1\/order\/add_order: .* the platform may have stored the order/,
      )
      expect(await own.locator('.stored-lead').textContent()).toBe(
        'What the sandbox holds under this id now:',
      )
      await shoot('05-failure-faults-youshu')
    } finally {
      for (const label of switches) await own.getByLabel(label).uncheck()
      await own.getByText('No fault: the next sync goes through untouched.').waitFor(visible)
    }
  })

  it('links each card to its platform guide and its API reference on the documentation site', async () => {
    const root = join(demoDirectory, '../../')
    const site = (
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { docsSite: string }
    ).docsSite
    const hrefs = (platform: string) =>
      card(platform)
        .locator('.card-links a')
        .evaluateAll((items) => items.map((item) => item.getAttribute('href')))
    expect(await hrefs('youshu')).toEqual([
      'https://ordersync.github.io/ordersync/documents/Tencent_Youshu.html',
      'https://ordersync.github.io/ordersync/modules/_ordersync_youshu.html',
    ])
    for (const platform of platformRegistry) {
      const guide = readFileSync(join(root, `docs/platforms/${platform.id}.md`), 'utf8')
      const title = /^title:\s*(.+)$/m.exec(guide)?.[1]?.trim()
      const guideUrl = `${site}documents/${title?.replaceAll(' ', '_')}.html`
      const links = card(platform.id).locator('.card-links a')
      expect(await links.allTextContents()).toEqual([
        `Guide: ${title}`,
        `API: ${platform.packageName}`,
      ])
      expect(await hrefs(platform.id)).toEqual([
        guideUrl,
        `${site}modules/${platform.packageName.replace(/[@/]/g, '_')}.html`,
      ])
      expect(await links.first().getAttribute('title')).toBe(
        `The platform guide (docs/platforms/${platform.id}.md)`,
      )
      // The package's README links the same page, and the site's link check holds it to a page
      // that exists.
      const readme = readFileSync(join(root, `packages/${platform.id}/README.md`), 'utf8')
      expect(readme).toContain(`(${guideUrl})`)
    }
  })

  it('copies a payload, a stored order and the exchange', async () => {
    await pickSample('completed')
    const own = card('baidu')
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText())
    await own.getByText('The whole payload').click()
    const payload = own.getByRole('button', { name: 'Copy the Baidu payload' })
    await payload.click()
    await expect.poll(() => payload.textContent(), visible).toBe('Copied')
    expect(await clipboard()).toBe(await own.locator('.payload-json').textContent())
    expect(JSON.parse(await clipboard()).query.open_id).toBe('o-demo-openid-42')
    await sync('baidu')
    await own.getByRole('button', { name: 'Copy the stored order' }).click()
    expect(JSON.parse(await clipboard()).ResourceID).toBe('demo-completed-1')
    await own.getByRole('button', { name: 'Copy the whole exchange (JSON)' }).click()
    const exchange = JSON.parse(await clipboard()) as { kind: string; endpoint?: string }[]
    expect(exchange.map((entry) => entry.kind)).toEqual(
      await own
        .locator('.exchange-log > li')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-kind'))),
    )
    await own.getByText('The whole payload').click()
  })

  it('shows where each canonical value went in the payload', async () => {
    const own = card('youshu')
    await own.getByText('Canonical → payload: where each value went').click()
    const rows = own.locator('.mapping-list > li')
    await rows.first().waitFor(visible)
    const row = (path: string) => own.locator(`.mapping-list > li[data-path="${path}"]`)
    const destinations = (path: string) =>
      row(path)
        .locator('.mapping-to li')
        .evaluateAll((items) => items.map((item) => item.textContent))
    expect(await row('id').getAttribute('data-how')).toBe('traced')
    expect(await destinations('id')).toEqual(['orders[0].external_order_id = demo-completed-1'])
    expect(await destinations('createdAt')).toEqual(['orders[0].create_time = 1716170400000'])
    expect(await destinations('status')).toEqual(['orders[0].order_status = 1180'])
    expect(await destinations('buyer.platformUserId')).toEqual([
      'orders[0].user_info.open_id = o-demo-openid-42',
    ])
    expect(await row('payableAmount').getAttribute('data-how')).toBe('same_value')
    expect(await row('payableAmount').locator('.mapping-from').textContent()).toBe(
      'payableAmount 50.00 CNY → same amount in',
    )
    expect(await destinations('payableAmount')).toContain('orders[0].payable_amount = 50')
    expect(await row('merchant.name').getAttribute('data-how')).toBe('not_carried')
    expect(await row('merchant.name').locator('.hint').textContent()).toBe(
      'Youshu has no field for merchant.name: it is not reported',
    )
    expect(await row('lines[0].quantity').getAttribute('data-how')).toBe('not_traced')
    // The view's first rows, with the card beside them: the whole list is a few screens long.
    const box = await own.locator('details.mapping').evaluate((view) => {
      const { x, y, width } = view.getBoundingClientRect()
      return { x: x + window.scrollX - 16, y: y + window.scrollY - 16, width: width + 32 }
    })
    await page.screenshot({
      path: join(screenshots, '06-mapping.png'),
      fullPage: true,
      clip: { ...box, height: 1000 },
    })
    await own.getByText('Canonical → payload: where each value went').click()
  })

  it('fits a 390 px screen without horizontal overflow', async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    try {
      await pickSample('completed')
      await page.getByRole('button', { name: 'Sync to every platform' }).click()
      await page
        .locator('#sync-all-summary')
        .getByText(/^Synced to /)
        .waitFor(visible)
      await card('wechat').getByText('The whole payload').click()
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390)
      const widest = await page
        .locator('body *')
        .evaluateAll((elements) =>
          Math.max(...elements.map((element) => element.getBoundingClientRect().right)),
        )
      expect(widest).toBeLessThanOrEqual(390)
      await page.evaluate(() => window.scrollTo(0, 0))
      await page.screenshot({ path: join(screenshots, '07-narrow.png') })
      await card('wechat').screenshot({ path: join(screenshots, '07-narrow-wechat-card.png') })
      await card('wechat').getByText('The whole payload').click()
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 })
    }
  })

  it('follows a dark colour scheme', async () => {
    const colours = () =>
      page.evaluate(() => ({
        page: getComputedStyle(document.documentElement).backgroundColor,
        text: getComputedStyle(document.documentElement).color,
        editor: getComputedStyle(document.getElementById('order-editor') as HTMLElement).color,
      }))
    await page.emulateMedia({ colorScheme: 'light' })
    expect(await colours()).toEqual({
      page: 'rgb(255, 255, 255)',
      text: 'rgb(27, 31, 36)',
      editor: 'rgb(27, 31, 36)',
    })
    await page.emulateMedia({ colorScheme: 'dark' })
    try {
      expect(await colours()).toEqual({
        page: 'rgb(13, 17, 23)',
        text: 'rgb(230, 237, 243)',
        editor: 'rgb(230, 237, 243)',
      })
      await page.evaluate(() => window.scrollTo(0, 0))
      await page.screenshot({ path: join(screenshots, '08-dark.png') })
    } finally {
      await page.emulateMedia({ colorScheme: null })
    }
  })

  it('has a favicon, and no request of the page got an error answer', async () => {
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toBe('/favicon.svg')
    for (const path of ['/favicon.svg', '/favicon.ico']) {
      const response = await fetch(new URL(path, demo.url))
      expect([response.status, response.headers.get('content-type')]).toEqual([
        200,
        'image/svg+xml',
      ])
      expect(await response.text()).toMatch(/^<svg /)
    }
    expect(failedRequests).toEqual([])
  })

  it('says in the console when the preferred port is taken, and which port it chose', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const taken = (blocker.address() as { port: number }).port
    const child = spawn(process.execPath, ['src/main.ts'], {
      cwd: demoDirectory,
      env: { ...process.env, ORDERSYNC_DEMO_PORT: String(taken) },
    })
    try {
      let output = ''
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString()
          if (output.includes('Press Ctrl+C to stop.')) resolve()
        })
        child.once('exit', (code) => reject(new Error(`the demo exited (${code}): ${output}`)))
      })
      const chosen = /Open http:\/\/127\.0\.0\.1:(\d+)\//.exec(output)?.[1]
      expect(chosen).not.toBe(String(taken))
      expect(output.split('\n')).toContain(
        `  Port ${taken} is taken (another program is listening on it), so the demo chose port ${chosen}. Set ORDERSYNC_DEMO_PORT to pick the port.`,
      )
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      blocker.close()
    }
  })

  // Each switch makes the first attempt of a sync's first call fail in its own way; the client
  // retries and the second attempt succeeds. What the log shows between the two attempts differs:
  // the busy answer comes back as a response, a timeout or a dropped connection has none. The
  // order is the refund, a finished order (taken once above), on every platform that takes it;
  // WeChat shipping refuses a refund (no shipping to report) and gets the completed pick-up order.
  const faultSampleOf = (platform: string): string =>
    Array.isArray(expected.refund?.[platform]) ? 'refund' : 'completed'
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
        await pickSample(faultSampleOf(platform.id))
        const own = card(platform.id)
        // A first sync, so that the client holds a token the sandbox knows: WeChat and WeChat
        // shipping share the mini program's tokens, and the other's token switch forgot them.
        expect(await (await sync(platform.id)).getAttribute('data-state')).toBe('synced')
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
        await shoot(`09-fault-${fault.id}-${platform.id}`)
        await own.getByLabel(fault.label).uncheck()
        await own.getByText('No fault: the next sync goes through untouched.').waitFor(visible)
      })
    }

    if (platform.auth === 'token') {
      it(`${platform.label}: the token-expired switch shows the rejection, the token refresh and the replay`, async () => {
        await pickSample(faultSampleOf(platform.id))
        const own = card(platform.id)
        // A first sync, so that the client holds a token the sandbox can then forget.
        expect(await (await sync(platform.id)).getAttribute('data-state')).toBe('synced')
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
        await shoot(`09-fault-token-${platform.id}`)
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
        await shoot(`10-batch-${platform.id}${outage ? '-outage' : ''}`)
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
