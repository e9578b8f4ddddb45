import { defineConfig } from 'tsdown'
import manifest from './package.json' with { type: 'json' }

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: 'esm',
  platform: 'neutral',
  dts: true,
  sourcemap: true,
  clean: true,
  // The package's version, for its user-agent (`ordersync/<package>/<version>`) and its export.
  define: { __PACKAGE_VERSION__: JSON.stringify(manifest.version) },
})
