import Table from 'cli-table3'
import type { Colors } from './colors.ts'

/** A table of problems or warnings, each with its canonical path, fitted to `width` columns. */
export function problemTable(
  rows: readonly { readonly path: string; readonly code: string; readonly message: string }[],
  options: {
    readonly colors: Colors
    readonly width: number
    readonly indent: string
    /** The columns' titles. */
    readonly head?: readonly [string, string, string]
  },
): string {
  const { colors, width, indent } = options
  const pathWidth = Math.min(36, Math.max(6, ...rows.map((row) => row.path.length)) + 2)
  const codeWidth = Math.min(24, Math.max(6, ...rows.map((row) => row.code.length)) + 2)
  // Borders take 4 columns, the indent its own.
  const messageWidth = Math.max(24, width - indent.length - pathWidth - codeWidth - 4)
  const table = new Table({
    head: (options.head ?? ['path', 'code', 'message']).map((title) => colors.bold(title)),
    colWidths: [pathWidth, codeWidth, messageWidth],
    wordWrap: true,
    wrapOnWordBoundary: true,
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
  })
  for (const row of rows) table.push([colors.cyan(row.path), row.code, row.message])
  return table
    .toString()
    .split('\n')
    .map((line) => indent + line)
    .join('\n')
}

/** A table of label → value rows (counts), right-aligned values. */
export function countTable(
  rows: readonly (readonly [label: string, value: string, note?: string | undefined])[],
  indent: string,
): string {
  const table = new Table({
    chars: {
      top: '',
      'top-mid': '',
      'top-left': '',
      'top-right': '',
      bottom: '',
      'bottom-mid': '',
      'bottom-left': '',
      'bottom-right': '',
      left: '',
      'left-mid': '',
      mid: '',
      'mid-mid': '',
      right: '',
      'right-mid': '',
      middle: ' ',
    },
    colAligns: ['left', 'right', 'left'],
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 1 },
  })
  for (const [label, value, note] of rows) table.push([label, value, note ?? ''])
  return table
    .toString()
    .split('\n')
    .map((line) => (indent + line).trimEnd())
    .join('\n')
}
