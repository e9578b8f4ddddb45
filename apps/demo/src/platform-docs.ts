import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { PlatformDocs } from './demo-api-types.ts'
import type { DemoPlatform } from './platform-registry.ts'

// The workspace's root, from src/ (the tests) and from dist/ (the built demo) alike.
const rootDirectory = fileURLToPath(new URL('../../../', import.meta.url))

/** Where the documentation site is published: the root package.json's `docsSite`. */
function docsSite(): string {
  const manifest = JSON.parse(readFileSync(`${rootDirectory}package.json`, 'utf8')) as {
    docsSite?: unknown
  }
  if (typeof manifest.docsSite !== 'string') {
    throw new Error('[demo] the root package.json has no "docsSite"')
  }
  return manifest.docsSite
}

/** The `title:` of a Markdown page's front matter. */
function titleOf(markdown: string): string | undefined {
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(markdown)?.[1] ?? ''
  return /^title:\s*(.+)$/m.exec(front)?.[1]?.trim()
}

/**
 * Where a platform's documentation is on the site the repository builds (`npm run docs:build`,
 * TypeDoc, published at the root package.json's `docsSite`): its guide, `docs/platforms/<id>.md`,
 * is the page `documents/<title>.html` with the spaces of its title as `_` (as TypeDoc names a
 * project document, and as the package READMEs link to it); its package is the API reference's
 * module page `modules/_ordersync_<name>.html`.
 *
 * @param platform - The platform's descriptor.
 * @returns The links of its guide (when the repository has one) and of its API reference.
 */
export function platformDocsOf(platform: DemoPlatform): PlatformDocs {
  const site = docsSite()
  const apiUrl = `${site}modules/${platform.packageName.replace(/[@/]/g, '_')}.html`
  const repositoryPath = `docs/platforms/${platform.id}.md`
  const file = `${rootDirectory}${repositoryPath}`
  const title = existsSync(file) ? titleOf(readFileSync(file, 'utf8')) : undefined
  if (title === undefined) return { apiUrl }
  return {
    guide: { title, url: `${site}documents/${title.replaceAll(' ', '_')}.html`, repositoryPath },
    apiUrl,
  }
}
