#!/usr/bin/env node
// Fails when an exported declaration has no TSDoc `@example`. Reads the JSON that TypeDoc writes
// (`typedoc --json`), so it sees exactly what the documentation site shows.
//
// Usage: node scripts/check-doc-examples.mjs docs/site/typedoc.json

import { readFileSync } from 'node:fs'

const file = process.argv[2]
if (!file) {
  console.error('usage: check-doc-examples.mjs <typedoc json>')
  process.exit(2)
}
const project = JSON.parse(readFileSync(file, 'utf8'))

// TypeDoc's ReflectionKind values for the declarations a module exports.
const kinds = new Map([
  [32, 'variable'],
  [64, 'function'],
  [128, 'class'],
  [256, 'interface'],
  [2097152, 'type alias'],
])

function hasExample(reflection) {
  const comments = [
    reflection.comment,
    ...(reflection.signatures ?? []).map((signature) => signature.comment),
  ]
  return comments.some((comment) => comment?.blockTags?.some((tag) => tag.tag === '@example'))
}

const missing = []
function visit(reflection, path) {
  const name = path.length === 0 ? reflection.name : `${path.join('/')}.${reflection.name}`
  const kind = kinds.get(reflection.kind)
  if (kind !== undefined && !hasExample(reflection)) missing.push(`${kind} ${name}`)
  // Modules (1, 2) hold exports; descend into them only.
  if (reflection.kind === 1 || reflection.kind === 2 || reflection.kind === 4) {
    for (const child of reflection.children ?? [])
      visit(child, reflection.kind === 1 ? [] : [...path, reflection.name])
  }
}
visit(project, [])

if (missing.length > 0) {
  console.error(`[docs] ${missing.length} exports have no @example:\n  ${missing.join('\n  ')}`)
  process.exit(1)
}
console.log('[docs] every export has an @example')
