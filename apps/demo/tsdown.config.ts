import { defineConfig } from 'tsdown'

// The server side of the demo (Node). The page is bundled by esbuild.config.ts.
export default defineConfig({
  entry: { main: 'src/main.ts', walkthrough: 'src/walkthrough-main.ts' },
  format: 'esm',
  platform: 'node',
  dts: false,
  clean: true,
})
