#!/usr/bin/env node
// The documentation site as a reader uses it, in Debian's Chromium: serves the built site
// (docs/site) on loopback, opens its home page, and checks that
//
// - the home page is for users: one "ordersync" heading, a way to pick a platform, an install line;
// - "Choose your platform" is reachable from the home page;
// - the search finds words inside guides, not only titles and symbols ("install", "fen",
//   "sandbox" lead to guide pages);
// - every link of the home page and of the guides leads to a page of this site that loads, and no
//   page asks for anything outside the local server (links stay local).
//
// Usage: node scripts/test-docs-site.mjs docs/site

import { spawnSync } from 'node:child_process'
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { extname, join, normalize, resolve } from 'node:path'
import { chromium } from 'playwright-core'
import { root } from './lib/workspace.mjs'

const site = resolve(process.argv[2] ?? join(root, 'docs', 'site'))
if (!existsSync(join(site, 'index.html'))) {
  console.error(`[docs-site] no site at ${site}: run the docs build first`)
  process.exit(2)
}
const ensure = spawnSync(
  process.execPath,
  [join(root, 'apps', 'demo', 'scripts', 'ensure-chromium.ts')],
  {
    stdio: 'inherit',
  },
)
if (ensure.status !== 0) process.exit(1)

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
}
const server = createServer((request, response) => {
  const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname)
  let file = normalize(join(site, path))
  if (!file.startsWith(site)) {
    response.writeHead(403).end()
    return
  }
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html')
  if (!existsSync(file)) {
    response.writeHead(404).end()
    return
  }
  response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' })
  createReadStream(file).pipe(response)
})
await new Promise((done) => server.listen(0, '127.0.0.1', done))
const origin = `http://127.0.0.1:${server.address().port}`

const problems = []
const profile = mkdtempSync(join(tmpdir(), 'ordersync-docs-site-'))
const context = await chromium.launchPersistentContext(profile, {
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
})
const outside = new Set()
context.on('request', (request) => {
  const url = request.url()
  if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('about:')) {
    outside.add(url)
  }
})
const page = context.pages()[0] ?? (await context.newPage())

async function open(url) {
  const response = await page.goto(url, { waitUntil: 'load' })
  if (response === null || !response.ok()) {
    problems.push(`${url} did not load (${response?.status() ?? 'no response'})`)
    return false
  }
  return true
}

try {
  // The home page.
  await open(`${origin}/index.html`)
  const headings = await page.locator('.col-content h1, .col-content h2').allTextContents()
  const named = headings.filter((text) => text.trim().toLowerCase() === 'ordersync')
  if (named.length !== 1) {
    problems.push(
      `the home page has ${named.length} "ordersync" headings, not one: ${headings.join(' | ')}`,
    )
  }
  const homeText = (await page.locator('.col-content').textContent()) ?? ''
  for (const expected of [
    'npm install @ordersync/core',
    'Choose your platform',
    'Getting started',
  ]) {
    if (!homeText.includes(expected)) problems.push(`the home page does not say "${expected}"`)
  }
  for (const contributorOnly of ['npm test', 'npm run bench', 'CONTRIBUTING']) {
    if (homeText.includes(contributorOnly)) {
      problems.push(`the home page shows a contributor's command or page: "${contributorOnly}"`)
    }
  }

  // Choose your platform, from the home page.
  await page
    .getByRole('link', { name: /choose your platform/i })
    .first()
    .click()
  await page.waitForLoadState('load')
  const title = await page.locator('.col-content h1').first().textContent()
  if (!/choose your platform/i.test(title ?? '')) {
    problems.push(`the home page's "Choose your platform" link led to "${title}"`)
  }

  // The search: words inside the guides.
  for (const word of ['install', 'fen', 'sandbox']) {
    await open(`${origin}/index.html`)
    await page.locator('#tsd-search-trigger').click()
    await page.locator('#tsd-search-input').fill(word)
    const results = page.locator('#tsd-search-results li a')
    try {
      await results.first().waitFor({ timeout: 15_000 })
    } catch {
      problems.push(`searching "${word}" finds nothing`)
      continue
    }
    const hrefs = await results.evaluateAll((links) =>
      links.map((link) => link.getAttribute('href') ?? ''),
    )
    if (!hrefs.some((href) => href.includes('documents/'))) {
      problems.push(
        `searching "${word}" finds no guide page, only: ${hrefs.slice(0, 5).join(', ')}`,
      )
    }
  }

  // Every link of the home page and of each guide it reaches: a page of this site that loads.
  const visited = new Set()
  const queue = [`${origin}/index.html`]
  while (queue.length > 0) {
    const url = queue.shift()
    if (visited.has(url)) continue
    visited.add(url)
    if (!(await open(url))) continue
    const links = await page
      .locator('.col-content a[href]')
      .evaluateAll((anchors) => anchors.map((anchor) => anchor.href))
    for (const link of links) {
      const target = link.split('#')[0]
      if (!target.startsWith(origin)) {
        if (/^https?:\/\/ordersync\.github\.io\//.test(target)) {
          problems.push(`${url.slice(origin.length)} links to the published site: ${target}`)
        }
        continue
      }
      // Follow the guides (and the home page's links) one level into the API pages.
      if (target.includes('/documents/') || url === `${origin}/index.html`) queue.push(target)
      else if (!visited.has(target)) {
        visited.add(target)
        await open(target)
      }
    }
  }
  if (outside.size > 0) {
    problems.push(`pages asked for things outside the site: ${[...outside].slice(0, 5).join(', ')}`)
  }
  console.log(`[docs-site] ${visited.size} pages opened from the home page and the guides`)
} finally {
  await context.close()
  server.close()
  rmSync(profile, { recursive: true, force: true })
}

if (problems.length > 0) {
  console.error(`[docs-site] ${problems.length} problems:\n  ${problems.join('\n  ')}`)
  process.exit(1)
}
console.log('[docs-site] the home page, Choose your platform, the search and every guide link work')
