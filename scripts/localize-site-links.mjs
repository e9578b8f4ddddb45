#!/usr/bin/env node
// Keeps the documentation site's links local. The package READMEs link to their guide on the
// published site (the root package.json's "docsSite"), which is right on npm; once TypeDoc has
// made those READMEs into pages of the site, the same links would leave the site a reader is on
// (a local build, a preview). This rewrites every link to the published site, in every page of the
// built site, into a relative link to the same page of this build; check-site-links.mjs then
// refuses any that is left.
//
// Usage: node scripts/localize-site-links.mjs docs/site

import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { root } from './lib/workspace.mjs'

const site = resolve(process.argv[2] ?? join(root, 'docs', 'site'))
const { docsSite } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))

function files(directory) {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name)
    return statSync(path).isDirectory() ? files(path) : [path]
  })
}

const escaped = docsSite.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const published = new RegExp(`(\\s(?:href|src)=")${escaped}([^"]*)"`, 'g')
let rewritten = 0
for (const page of files(site).filter((path) => path.endsWith('.html'))) {
  const html = readFileSync(page, 'utf8')
  const local = html.replace(published, (_match, attribute, path) => {
    rewritten += 1
    const target = relative(dirname(page), join(site, path)).split(sep).join('/')
    return `${attribute}${target === '' ? './' : target}"`
  })
  if (local !== html) writeFileSync(page, local)
}
console.log(`[localize] ${rewritten} links to ${docsSite} now point inside the site`)
