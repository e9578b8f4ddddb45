import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'money/index': 'src/money/index.ts',
    'time/index': 'src/time/index.ts',
    'codecs/index': 'src/codecs/index.ts',
    'status/index': 'src/status/index.ts',
    'order/index': 'src/order/index.ts',
    'errors/index': 'src/errors/index.ts',
    'fixtures/index': 'src/fixtures/index.ts',
  },
  format: 'esm',
  platform: 'neutral',
  dts: true,
  sourcemap: true,
  clean: true,
})
