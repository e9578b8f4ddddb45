#!/usr/bin/env node
// Checks the links of the built documentation site (docs/site), after `typedoc`:
//
// - every internal link (href or src) resolves to a file of the site, and its #anchor, if any, to
//   an element with that id (or name) in the target page;
// - no link leaves the site for a local file: no relative link that climbs out of docs/site, no
//   file: URL, and no link to a Markdown file that TypeDoc did not turn into a page;
// - no URL whose host is a file name (an auto-linked "something.md" becomes http://something.md);
// - no link to the published site (package.json's "docsSite"): localize-site-links.mjs made them
//   relative;
// - every hand-written page is in the navigation's Guides or Platforms group (`group:` in its
//   front matter), so the navigation stays one;
// - each published package's README links to its guide on the published site (the root
//   package.json's "docsSite"), and every such link names a page that exists in the built site.
//
// Usage: node scripts/check-site-links.mjs docs/site

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { publishedPackages, root } from './lib/workspace.mjs'

const site = resolve(process.argv[2] ?? join(root, 'docs', 'site'))
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const docsSite = manifest.docsSite
if (!existsSync(join(site, 'index.html'))) {
  console.error(`[links] no site at ${site}: run the docs build first`)
  process.exit(2)
}

function files(directory) {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name)
    return statSync(path).isDirectory() ? files(path) : [path]
  })
}

const pages = files(site).filter((path) => path.endsWith('.html'))
const anchorsCache = new Map()
function anchorsOf(page) {
  let anchors = anchorsCache.get(page)
  if (anchors === undefined) {
    const html = readFileSync(page, 'utf8')
    anchors = new Set(
      [...html.matchAll(/\s(?:id|name)="([^"]*)"/g)].map((match) => decodeEntities(match[1])),
    )
    anchorsCache.set(page, anchors)
  }
  return anchors
}

function decodeEntities(text) {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
}

const fileLikeHost = /\.(md|mdx|ts|mts|js|mjs|json|txt|ya?ml)$/i
const problems = []
let checked = 0
for (const page of pages) {
  const html = readFileSync(page, 'utf8')
  const where = relative(site, page)
  for (const match of html.matchAll(/\s(href|src)="([^"]*)"/g)) {
    const link = decodeEntities(match[2])
    checked += 1
    if (/^(mailto|data|javascript):/i.test(link)) continue
    if (/^file:/i.test(link)) {
      problems.push(`${where}: a link to a local file: ${link}`)
      continue
    }
    if (link.startsWith(docsSite)) {
      problems.push(
        `${where}: ${link} leaves the site for the published one (run scripts/localize-site-links.mjs after TypeDoc)`,
      )
      continue
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith('//')) {
      let host = ''
      try {
        host = new URL(link, 'https://site.invalid/').hostname
      } catch {
        problems.push(`${where}: a malformed URL: ${link}`)
        continue
      }
      if (fileLikeHost.test(host)) {
        problems.push(
          `${where}: ${link} is a file name made into a URL (an auto-linked mention): reword it`,
        )
      }
      continue
    }
    const [pathPart, anchor] = splitAnchor(link)
    const target =
      pathPart === '' ? page : resolve(dirname(page), decodeURIComponent(pathPart.split('?')[0]))
    if (target !== site && !target.startsWith(site + sep)) {
      problems.push(`${where}: ${link} points outside the site`)
      continue
    }
    let file = target
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html')
    if (!existsSync(file)) {
      const hint = /\.mdx?$/i.test(pathPart)
        ? ' (a Markdown file that is not a page of the site: link to the page, or add the file to projectDocuments)'
        : ''
      problems.push(`${where}: ${link} does not exist${hint}`)
      continue
    }
    if (anchor !== undefined && anchor !== '' && file.endsWith('.html')) {
      if (!anchorsOf(file).has(decodeURIComponent(anchor))) {
        problems.push(`${where}: ${link}: no anchor "#${anchor}" in ${relative(site, file)}`)
      }
    }
  }
}

function splitAnchor(link) {
  const index = link.indexOf('#')
  return index === -1 ? [link, undefined] : [link.slice(0, index), link.slice(index + 1)]
}

// The hand-written pages: one navigation, two groups.
const typedoc = JSON.parse(readFileSync(join(root, 'docs', 'typedoc.json'), 'utf8'))
const documents = files(join(root, 'docs')).filter(
  (path) => path.endsWith('.md') && !path.startsWith(join(root, 'docs', 'site')),
)
// The site's home page (TypeDoc's "readme") is no entry of the navigation.
const homePage = resolve(join(root, 'docs'), typedoc.readme)
for (const path of documents) {
  if (path === homePage) continue
  const text = readFileSync(path, 'utf8')
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? ''
  const group = /^group:\s*(.+)$/m.exec(front)?.[1]?.trim()
  const where = relative(root, path)
  const expected = where.startsWith(`docs${sep}platforms${sep}`) ? 'Platforms' : 'Guides'
  if (group !== expected) {
    problems.push(`${where}: its front matter needs "group: ${expected}" (one navigation)`)
  }
  const listed = typedoc.projectDocuments.some((pattern) =>
    new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`).test(
      relative(join(root, 'docs'), path).split(sep).join('/'),
    ),
  )
  if (!listed) problems.push(`${where} is not in docs/typedoc.json's projectDocuments`)
}

// Package READMEs: a link to the guide on the published site, and only to pages that exist.
if (typeof docsSite !== 'string' || !docsSite.endsWith('/')) {
  problems.push('package.json needs "docsSite": the URL the site is published at, ending in "/"')
} else {
  for (const pkg of publishedPackages()) {
    const readme = join(pkg.dir, 'README.md')
    if (!existsSync(readme)) continue // the consistency check reports it
    const text = readFileSync(readme, 'utf8')
    const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1])
    const onSite = links.filter((link) => link.startsWith(docsSite))
    if (onSite.length === 0) {
      problems.push(`${relative(root, readme)} has no link to its guide on the site (${docsSite}…)`)
    }
    for (const link of onSite) {
      const [path, anchor] = splitAnchor(link.slice(docsSite.length))
      const file = join(site, decodeURIComponent(path === '' ? 'index.html' : path))
      if (!existsSync(file)) {
        problems.push(`${relative(root, readme)}: ${link} is not a page of the built site`)
      } else if (anchor && !anchorsOf(file).has(decodeURIComponent(anchor))) {
        problems.push(`${relative(root, readme)}: ${link}: no anchor "#${anchor}"`)
      }
    }
    for (const link of links) {
      if (!/^[a-z]+:/i.test(link) && !link.startsWith('#')) {
        problems.push(
          `${relative(root, readme)}: ${link} is a path in the repository, which the package does not ship: link to the site`,
        )
      }
    }
  }
}

if (problems.length > 0) {
  console.error(`[links] ${problems.length} problems:\n  ${problems.join('\n  ')}`)
  process.exit(1)
}
console.log(`[links] ${checked} links in ${pages.length} pages resolve; READMEs link to the site`)
