// The import rules `npm run lint` checks with dependency-cruiser (https://github.com/sverweij/dependency-cruiser):
//
// - core's folders stand in layers, each using only the layers below it: ground (waiting,
//   shared work, redaction) → errors → money, time, status → codecs → order → tokens → http →
//   sync → platform (the kit platform packages build on) → fixtures. A module never reaches up, so each layer can be read, tested and changed
//   knowing only what lies under it;
// - no module of a package's source takes part in an import cycle (type-only imports included:
//   a cycle of types is still two modules that cannot be understood apart).
//
// Tests may reach anywhere: a test of `order` uses the fixtures.

const coreLayers = [
  'ground',
  'errors',
  '(money|time|status)',
  'codecs',
  'order',
  'tokens',
  'http',
  'sync',
  'platform',
  'fixtures',
]
const folder = (layer) => `^packages/core/src/${layer}/`
const tests = '\\.test(-d)?\\.ts$'

const layerRules = coreLayers.slice(0, -1).map((layer, index) => ({
  name: `core-layer-${layer.replace(/\W/g, '')}`,
  comment: `core's ${layer} layer may use only the layers below it (${coreLayers.slice(0, index).join(', ') || 'none'})`,
  severity: 'error',
  from: { path: folder(layer), pathNot: tests },
  to: { path: `^packages/core/src/(${coreLayers.slice(index + 1).join('|')})/` },
}))

export default {
  forbidden: [
    ...layerRules,
    {
      name: 'no-cycles',
      comment: 'no import cycle in a package source, type-only imports included',
      severity: 'error',
      from: { path: '^packages/[^/]+/src/', pathNot: tests },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs'] },
  },
}
