#!/usr/bin/env node
// Runs the `@example`s of the public API as tests. Reads the JSON TypeDoc writes (so it sees every
// example the site shows), and for each ```ts block of each exported declaration (and its members),
// of each published package's README, of the repository README and of every guide in docs/guides
// and docs/platforms:
//
// 1. writes a module: the exports of every published package (its own first) imported by name (the names the example imports itself win), the example's own
//    imports and `declare module` blocks at the top, and its statements in a function that first
//    takes the free identifiers it uses from the harness (scripts/doc-examples/harness.ts);
// 2. turns each expression statement followed by `// <value>` (a literal: string, number, boolean,
//    null, an array or object of literals) into an assertion that the expression equals the value,
//    and each one followed by `// throws…` into an assertion that it throws;
// 3. type-checks every module (tsc, strict), then runs them one after the other on Node, each with
//    a fresh harness — a sandbox with every default module started on 127.0.0.1, clients made
//    against it, and every fetch to a platform's real host sent to the sandbox instead.
//
// An example whose leading comment lines include `// type-checked only: <why>` is type-checked and
// not run.
// The rule, and the identifiers the harness supplies, are in CONTRIBUTING.md ("Examples are tests").
//
// Usage: node scripts/run-doc-examples.mjs docs/site/typedoc.json

import { spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { basename, dirname, join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { platformPackages, publishedPackages, root, testingEntry } from './lib/workspace.mjs'

const require = createRequire(import.meta.url)
const ts = require('typescript')

const file = process.argv[2] ?? join(root, 'docs', 'site', 'typedoc.json')
const project = JSON.parse(readFileSync(file, 'utf8'))

// TypeDoc's ReflectionKind values.
const kind = { project: 1, module: 2, namespace: 4, interface: 256, typeAlias: 2097152 }
const typeKinds = new Set([kind.interface, kind.typeAlias])

// Each module of the site: its import specifier and its exports (value or type).
const modules = []
for (const pkg of project.children ?? []) {
  if (pkg.kind !== kind.module) continue
  const subModules = (pkg.children ?? []).filter((child) => child.kind === kind.module)
  const entries =
    subModules.length > 0
      ? subModules.map((sub) => ({
          specifier: sub.name === 'index' ? pkg.name : `${pkg.name}/${sub.name}`,
          reflection: sub,
        }))
      : [{ specifier: pkg.name, reflection: pkg }]
  for (const entry of entries) {
    const exports = (entry.reflection.children ?? []).map((child) => ({
      name: child.name,
      type: typeKinds.has(child.kind),
    }))
    modules.push({
      package: pkg.name,
      specifier: entry.specifier,
      reflection: entry.reflection,
      exports,
    })
  }
}

function commentText(parts) {
  return parts.map((part) => part.text).join('')
}

// Every example: { module, symbol, code }.
const examples = []
function collect(reflection, module, path) {
  const comments = [reflection.comment, ...(reflection.signatures ?? []).map((s) => s.comment)]
  for (const comment of comments) {
    for (const tag of comment?.blockTags ?? []) {
      if (tag.tag !== '@example') continue
      const text = commentText(tag.content)
      for (const match of text.matchAll(/```(?:ts|typescript)\n([\s\S]*?)```/g)) {
        examples.push({ module, symbol: path.join('.'), code: match[1] })
      }
    }
  }
  for (const child of reflection.children ?? []) {
    if (child.kind === kind.module) continue
    collect(child, module, [...path, child.name])
  }
}
for (const module of modules) {
  for (const child of module.reflection.children ?? []) collect(child, module, [child.name])
}

// The package READMEs' examples too: a README must work on its own.
for (const pkg of publishedPackages()) {
  const module = modules.find((candidate) => candidate.specifier === pkg.name)
  const readme = join(pkg.dir, 'README.md')
  if (!module || !existsSync(readme)) continue
  for (const match of readFileSync(readme, 'utf8').matchAll(
    /```(?:ts|typescript)\n([\s\S]*?)```/g,
  )) {
    examples.push({ module, symbol: 'README', code: match[1] })
  }
}

// The guides' and the repository README's code blocks too: a guide must work as written. A
// platform's guide (docs/platforms/<platform>.md) has its package's exports in scope, the others
// core's; each block is numbered in its file, so a failure names the block.
const coreModule = modules.find((candidate) => candidate.specifier === '@ordersync/core')
const guideFiles = [
  join(root, 'README.md'),
  join(root, 'docs', 'home.md'),
  ...['guides', 'platforms'].flatMap((folder) =>
    readdirSync(join(root, 'docs', folder))
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => join(root, 'docs', folder, name)),
  ),
]
for (const path of guideFiles) {
  const platformPackage = path.includes(`${join('docs', 'platforms')}`)
    ? `@ordersync/${basename(path, '.md')}`
    : undefined
  const module = modules.find((candidate) => candidate.specifier === platformPackage) ?? coreModule
  const blocks = [...readFileSync(path, 'utf8').matchAll(/```(?:ts|typescript)\n([\s\S]*?)```/g)]
  for (const [index, match] of blocks.entries()) {
    examples.push({ module, symbol: `${relative(root, path)} block ${index + 1}`, code: match[1] })
  }
}

// A scratch directory outside node_modules (Node strips types only outside it); kept on failure.
const workDir = mkdtempSync(join(tmpdir(), 'ordersync-doc-examples-'))
mkdirSync(join(workDir, 'examples'), { recursive: true })

// node_modules of the work directory: every published package, and what the harness imports.
function link(name, target) {
  const at = join(workDir, 'node_modules', name)
  mkdirSync(dirname(at), { recursive: true })
  symlinkSync(target, at, 'dir')
}
for (const pkg of publishedPackages()) link(pkg.name, pkg.dir)
const core = publishedPackages().find((pkg) => pkg.name === '@ordersync/core')
for (const name of ['io-ts', 'fp-ts', 'zod', 'fast-check', '@types/node']) {
  link(name, join(core.dir, 'node_modules', name))
}
// The runtime dependencies of every published package (ioredis, bullmq, …), for their examples.
for (const pkg of publishedPackages()) {
  for (const name of Object.keys(pkg.manifest.dependencies ?? {})) {
    const target = join(pkg.dir, 'node_modules', name)
    if (!existsSync(join(workDir, 'node_modules', name)) && existsSync(target)) link(name, target)
  }
}

const harnessSource = join(root, 'scripts', 'doc-examples', 'harness.ts')
writeFileSync(join(workDir, 'harness.ts'), readFileSync(harnessSource, 'utf8'))

const literalKinds = new Set([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.TrueKeyword,
  ts.SyntaxKind.FalseKeyword,
  ts.SyntaxKind.NullKeyword,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
])
function isLiteral(node) {
  if (literalKinds.has(node.kind)) return true
  if (ts.isIdentifier(node) && node.text === 'undefined') return true
  if (ts.isPrefixUnaryExpression(node)) return isLiteral(node.operand)
  if (ts.isParenthesizedExpression(node)) return isLiteral(node.expression)
  if (ts.isArrayLiteralExpression(node)) return node.elements.every(isLiteral)
  if (ts.isObjectLiteralExpression(node)) {
    return node.properties.every(
      (property) => ts.isPropertyAssignment(property) && isLiteral(property.initializer),
    )
  }
  return false
}

// The expected value of a `// …` comment, or undefined when it is prose.
function expectedValue(comment) {
  // The whole comment, the part before " — " (prose after a dash), or a scalar before ":" or "(".
  const candidates = [comment, comment.split(' — ')[0]]
  const scalar = /^(true|false|null|undefined|-?\d[\d_]*(?:\.\d+)?|'[^']*')(?=:|\s[—(]|$)/.exec(
    comment,
  )
  if (scalar) candidates.push(scalar[1])
  for (const candidate of candidates) {
    const source = ts.createSourceFile('value.ts', `(${candidate})`, ts.ScriptTarget.Latest, true)
    const statement = source.statements[0]
    if (source.parseDiagnostics.length > 0 || source.statements.length !== 1) continue
    if (!ts.isExpressionStatement(statement)) continue
    const expression = statement.expression.expression ?? statement.expression
    if (isLiteral(expression)) return candidate
  }
  return undefined
}

// The names the harness supplies: the keys of its `factories` object.
const harnessText = readFileSync(harnessSource, 'utf8')
const factoriesText = harnessText.slice(harnessText.indexOf('  const factories = {'))
const harnessNames = new Set([...factoriesText.matchAll(/^ {4}(\w+): /gm)].map((match) => match[1]))

// Every platform package's descriptor (its built `./testing` entry): the harness loads them from
// the list in platforms.json, and an example may name a platform's client by its id (`wechat`,
// or a newer platform's) where the harness has no identifier of that name: it is taken from the
// harness's `clients`.
const descriptorPackages = []
for (const pkg of platformPackages()) {
  const entry = testingEntry(pkg)
  if (entry === undefined || !existsSync(entry)) continue
  const { platformDescriptor } = await import(pathToFileURL(entry).href)
  if (platformDescriptor !== undefined)
    descriptorPackages.push({ name: pkg.name, id: platformDescriptor.id })
}
writeFileSync(
  join(workDir, 'platforms.json'),
  `${JSON.stringify(descriptorPackages.map((entry) => entry.name))}\n`,
)
const clientIds = descriptorPackages
  .map((entry) => entry.id)
  .filter((id) => !harnessNames.has(id) && /^[A-Za-z_$][\w$]*$/.test(id))

// A guide's program may span blocks: one that starts `// queue.ts — …` and that another block
// imports (`import { queue } from './queue.ts'`) is also written out as that module, as it stands.
const relativeImports = new Set(
  examples.flatMap((example) =>
    [...example.code.matchAll(/from '\.\/([\w-]+\.ts)'/g)].map((match) => match[1]),
  ),
)
for (const example of examples) {
  const file = /^\/\/ ([\w-]+\.ts)\b/.exec(example.code)?.[1]
  if (file !== undefined && relativeImports.has(file)) {
    writeFileSync(join(workDir, 'examples', file), example.code)
  }
}

const generated = []
for (const [index, example] of examples.entries()) {
  // The marker may follow other leading comment lines (a guide's `// worker.ts — …`).
  const typeOnly = /^(?:[ \t]*\/\/.*\n)*?[ \t]*\/\/ type-checked only: \S/.test(example.code)
  const source = ts.createSourceFile('example.ts', example.code, ts.ScriptTarget.Latest, true)
  const top = []
  const body = []
  const importedByExample = new Set()
  for (const statement of source.statements) {
    const text = example.code.slice(statement.getStart(source), statement.end)
    if (ts.isImportDeclaration(statement)) {
      const specifier = statement.moduleSpecifier.text
      const named = statement.importClause?.namedBindings
      const names = named && ts.isNamedImports(named) ? named.elements.map((e) => e.name.text) : []
      for (const name of names) importedByExample.add(name)
      const defaultName = statement.importClause?.name?.text
      if (defaultName !== undefined || (named && ts.isNamespaceImport(named))) {
        if (defaultName) importedByExample.add(defaultName)
        if (named && ts.isNamespaceImport(named)) importedByExample.add(named.name.text)
        top.push(text)
        continue
      }
      // syncOrders comes from the harness, which checks that every order went through.
      const kept = names.filter(
        (name) => !(specifier === '@ordersync/core' && name === 'syncOrders'),
      )
      if (kept.length > 0) {
        const typeOnlyImport = statement.importClause?.isTypeOnly ? 'type ' : ''
        top.push(`import ${typeOnlyImport}{ ${kept.join(', ')} } from '${specifier}'`)
      }
      continue
    }
    if (ts.isModuleDeclaration(statement)) {
      top.push(text)
      continue
    }
    if (ts.isExpressionStatement(statement)) {
      const trailing = ts.getTrailingCommentRanges(example.code, statement.end) ?? []
      // The value may also be on the next line, a comment by itself.
      // (or on the next lines, comments by themselves).
      const nextLines = /^[ \t]*\r?\n((?:[ \t]*\/\/.*(?:\r?\n|$))+)/.exec(
        example.code.slice(statement.end),
      )
      const comment = trailing[0]
        ? example.code.slice(trailing[0].pos, trailing[0].end).replace(/^\/\/\s?/, '')
        : (nextLines?.[1] ?? '')
            .split('\n')
            .map((line) => line.replace(/^\s*\/\/\s?/, ''))
            .join(' ')
            .trim()
      const expression = example.code.slice(
        statement.expression.getStart(source),
        statement.expression.end,
      )
      const label = JSON.stringify(
        expression.length > 80 ? `${expression.slice(0, 77)}…` : expression,
      )
      if (/^throws\b/.test(comment)) {
        body.push(`await __expectThrows(async () => (${expression}), ${label})`)
        continue
      }
      const expected = comment === '' ? undefined : expectedValue(comment)
      if (expected !== undefined) {
        body.push(`await __expect(async () => (${expression}), (${expected}), ${label})`)
        continue
      }
    }
    // A guide's block may be a module of the reader's program (`export const queue = …`): its
    // exports become plain declarations inside the example's function.
    body.push(text.replace(/^export\s+(?=(?:const|let|function|async|class)\b)/, ''))
  }

  // The prelude: exports of the example's package, core, fixtures and the sandbox, by name.
  const wanted = [
    example.module.specifier,
    '@ordersync/core',
    '@ordersync/core/fixtures',
    '@ordersync/sandbox',
    ...modules.map((candidate) => candidate.specifier).filter((name) => !name.endsWith('/testing')),
  ]
  const bound = new Set([...importedByExample, 'syncOrders'])
  const prelude = []
  for (const specifier of [...new Set(wanted)]) {
    const module = modules.find((candidate) => candidate.specifier === specifier)
    if (!module) continue
    const values = []
    const types = []
    for (const entry of module.exports) {
      if (bound.has(entry.name)) continue
      bound.add(entry.name)
      ;(entry.type ? types : values).push(entry.name)
    }
    if (types.length > 0) prelude.push(`import type { ${types.join(', ')} } from '${specifier}'`)
    if (values.length > 0) prelude.push(`import { ${values.join(', ')} } from '${specifier}'`)
  }

  const words = new Set(example.code.match(/[A-Za-z_$][\w$]*/g) ?? [])
  const fromHarness = [...harnessNames].filter(
    (name) => words.has(name) && !bound.has(name) && name !== 'syncOrders',
  )
  const clientsById = clientIds.filter((id) => words.has(id) && !bound.has(id))
  if (clientsById.length > 0 && !fromHarness.includes('clients')) fromHarness.push('clients')
  const name = `${String(index).padStart(3, '0')}-${example.symbol.replace(/[^\w.-]/g, '_')}`
  const where = `${example.module.specifier} ${example.symbol}`
  const lines = [
    `// ${where}${typeOnly ? ' (type-checked only)' : ''}`,
    ...prelude,
    ...top,
    `import { __expect, __expectThrows, setUp, syncOrders } from '../harness.ts'`,
    '',
    'export default async function example(): Promise<void> {',
    // Reading process.env means reading the sandbox's credentials: start it.
    `  const { ${fromHarness.join(', ')} } = await setUp(${JSON.stringify(example.module.package)}, ${JSON.stringify(
      /process\.env\./.test(example.code) && !fromHarness.includes('sandbox')
        ? [...fromHarness, 'sandbox']
        : fromHarness,
    )})`,
    ...clientsById.map((id) => `  const ${id} = clients[${JSON.stringify(id)}]`),
    '  {',
    ...body.flatMap((statement) => statement.split('\n').map((line) => `    ${line}`)),
    '  }',
    '}',
    '',
  ]
  const path = join(workDir, 'examples', `${name}.ts`)
  writeFileSync(path, lines.join('\n'))
  generated.push({ path, where, typeOnly, code: example.code })
}

// Type-check every example at once.
writeFileSync(
  join(workDir, 'tsconfig.json'),
  JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2023',
        lib: ['ES2023', 'DOM'],
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        allowImportingTsExtensions: true,
        verbatimModuleSyntax: true,
        types: ['node'],
      },
      include: ['harness.ts', 'examples/*.ts'],
    },
    null,
    2,
  ),
)
writeFileSync(join(workDir, 'package.json'), '{ "type": "module", "private": true }\n')
const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', workDir], {
  encoding: 'utf8',
})
if (tsc.status !== 0) {
  const output = `${tsc.stdout}${tsc.stderr}`
  const byFile = new Map()
  for (const line of output.split('\n')) {
    const match = /examples\/([^(]+)\((\d+),\d+\): (.*)$/.exec(line)
    if (!match) continue
    const generatedFile = generated.find((entry) => entry.path.endsWith(match[1]))
    const key = generatedFile ? generatedFile.where : match[1]
    byFile.set(key, [...(byFile.get(key) ?? []), `line ${match[2]}: ${match[3]}`])
  }
  console.error(`[examples] ${byFile.size || 'some'} examples do not type-check:`)
  for (const [where, errors] of byFile) console.error(`  ${where}\n    ${errors.join('\n    ')}`)
  if (byFile.size === 0) console.error(output)
  console.error(`  (generated modules in ${workDir}/examples)`)
  process.exit(1)
}

// Run them, one process, one after the other.
const runnable = generated.filter((entry) => !entry.typeOnly)
writeFileSync(
  join(workDir, 'examples.json'),
  JSON.stringify(
    runnable.map((entry) => [
      entry.where,
      `./examples/${relative(join(workDir, 'examples'), entry.path)}`,
    ]),
  ),
)
writeFileSync(
  join(workDir, 'run.ts'),
  readFileSync(join(root, 'scripts', 'doc-examples', 'run.ts'), 'utf8'),
)
const run = spawnSync(process.execPath, [join(workDir, 'run.ts')], {
  cwd: workDir,
  stdio: 'inherit',
  env: { ...process.env, NODE_NO_WARNINGS: '1' },
})
if (run.status !== 0) {
  console.error(`  (generated modules in ${workDir}/examples)`)
  process.exit(1)
}
console.log(
  `[examples] ${generated.length} examples type-check; ${runnable.length} run and pass (${generated.length - runnable.length} type-checked only)`,
)
rmSync(workDir, { recursive: true, force: true })
