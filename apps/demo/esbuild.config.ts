// Bundles the demo's page (src/page) with esbuild into a folder: app.js, app.css, index.html,
// favicon.svg.
// `pnpm build` writes dist/page/, beside the server; the browser test builds into a folder of its own.
import { copyFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const demoDirectory = fileURLToPath(new URL('.', import.meta.url))

/**
 * Builds the page into `outputDirectory`.
 *
 * @param outputDirectory - Where index.html, app.js, app.css and favicon.svg go.
 */
export async function buildPage(outputDirectory: string): Promise<void> {
  await mkdir(outputDirectory, { recursive: true })
  await build({
    absWorkingDir: demoDirectory,
    entryPoints: ['src/page/main.ts'],
    outfile: join(outputDirectory, 'app.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
  })
  for (const file of ['index.html', 'app.css', 'favicon.svg']) {
    await copyFile(join(demoDirectory, 'src/page', file), join(outputDirectory, file))
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildPage(join(demoDirectory, 'dist/page'))
}
