#!/usr/bin/env node
// The shape of the code, checked rather than hoped for:
//
// 1. No top-level function in `packages/*/src` (tests aside) is longer than 150 lines unless the
//    comment right above it (its TSDoc or a line comment) says why, with the words "long because".
//    A top-level function is a function declaration or a `const` bound to an arrow function or a
//    function expression. ky's `Ky.ts` and vercel/ai's provider-utils keep their largest units at
//    about 170 lines, most under 30: past 150, a reader loses the route.
// 2. No `as unknown as` in a schema or options file (`*-schema.ts`, `*-options.ts`): a cast there
//    would tie a wire type to its schema by hand, and a field whose type drifts would still compile.
//
// Usage: node scripts/check-code-shape.mjs [--report]   (--report prints the longest function of
// every package, and passes whatever it finds)

import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, relative } from 'node:path'
import { root } from './lib/workspace.mjs'

const require = createRequire(import.meta.url)
const ts = require('typescript')

const maxLines = 150
const report = process.argv.includes('--report')

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    if (!/\.tsx?$/.test(entry.name) || /\.test(-d)?\.tsx?$|\.d\.ts$/.test(entry.name)) return []
    return [path]
  })
}

/** Every top-level function of a file: its name, its first line and its length in lines. */
function topLevelFunctions(file, text) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
  const lineOf = (position) => source.getLineAndCharacterOfPosition(position).line + 1
  const found = []
  const add = (name, statement, body) => {
    const start = lineOf(body.getStart(source))
    const lines = lineOf(body.end) - start + 1
    const leading = text.slice(statement.getFullStart(), statement.getStart(source))
    found.push({ name, start, lines, explained: /long because/i.test(leading) })
  }
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.body !== undefined) {
      add(statement.name?.text ?? '(default)', statement, statement)
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const initializer = declaration.initializer
        if (
          initializer !== undefined &&
          (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer)) &&
          ts.isIdentifier(declaration.name)
        ) {
          add(declaration.name.text, statement, initializer)
        }
      }
    }
  }
  return found
}

const problems = []
const longest = []
const packagesDir = join(root, 'packages')
for (const name of readdirSync(packagesDir).sort()) {
  let srcDir
  try {
    srcDir = join(packagesDir, name, 'src')
    readdirSync(srcDir)
  } catch {
    continue
  }
  let packageLongest
  let packageLines = 0
  for (const file of sourceFiles(srcDir)) {
    const text = readFileSync(file, 'utf8')
    packageLines += text.split('\n').length
    const where = relative(root, file)
    for (const fn of topLevelFunctions(file, text)) {
      if (packageLongest === undefined || fn.lines > packageLongest.lines) {
        packageLongest = { ...fn, where }
      }
      if (fn.lines > maxLines && !fn.explained) {
        problems.push(
          `${where}:${fn.start} ${fn.name} is ${fn.lines} lines (more than ${maxLines}): split it into named units, or say why it is long in a comment above it ("long because …")`,
        )
      }
    }
    if (/-(schema|options)\.ts$/.test(file) && /\bas unknown as\b/.test(text)) {
      const line = text.split('\n').findIndex((content) => /\bas unknown as\b/.test(content)) + 1
      problems.push(
        `${where}:${line} casts with "as unknown as": tie the wire type to its schema through the compiler instead`,
      )
    }
  }
  if (packageLongest !== undefined) {
    longest.push(
      `${name}: ${packageLines} lines of source; longest function ${packageLongest.name} (${packageLongest.lines} lines, ${packageLongest.where}:${packageLongest.start})`,
    )
  }
}

if (report) {
  console.log(longest.join('\n'))
  if (problems.length > 0) console.log(`\n${problems.length} problems:\n  ${problems.join('\n  ')}`)
  process.exit(0)
}
if (problems.length > 0) {
  console.error(`[code-shape] ${problems.length} problems:\n  ${problems.join('\n  ')}`)
  process.exit(1)
}
console.log(
  `[code-shape] no function over ${maxLines} lines without its reason; no "as unknown as" in a schema`,
)
