import { defineConfig } from 'tsdown'
import manifest from './package.json' with { type: 'json' }

export default defineConfig({
  // The client; the platform document's examples; the descriptor the repository's checks, the
  // demo and the benchmark read (see `@ordersync/core`'s PlatformDescriptor).
  entry: { index: 'src/index.ts', fixtures: 'src/fixtures.ts', testing: 'src/testing.ts' },
  format: 'esm',
  platform: 'neutral',
  dts: true,
  sourcemap: true,
  clean: true,
  // The package's version, for its user-agent (`ordersync/<package>/<version>`) and its export.
  define: { __PACKAGE_VERSION__: JSON.stringify(manifest.version) },
})
