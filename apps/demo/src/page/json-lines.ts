interface Frame {
  readonly kind: 'object' | 'array'
  readonly path: string
  index: number
  key: string
  expectKey: boolean
}

const childPath = (frame: Frame): string =>
  frame.kind === 'array'
    ? `${frame.path}[${frame.index}]`
    : frame.path === ''
      ? frame.key
      : `${frame.path}.${frame.key}`

/**
 * The line of each value of a JSON text, by its canonical path (`lines[0].quantity`, as the SDK
 * names a problem's place): a property's line is its key's, an array item's its first character's.
 *
 * @param text - Valid JSON.
 * @returns The lines, from 1, by path; the whole document is `(root)`, line 1.
 */
export function linesOfPaths(text: string): Map<string, number> {
  const lines = new Map<string, number>([['(root)', 1]])
  const stack: Frame[] = []
  let line = 1
  const startValue = (): string => {
    const frame = stack.at(-1)
    if (frame === undefined) return ''
    const path = childPath(frame)
    if (frame.kind === 'array') lines.set(path, line)
    return path
  }
  for (let at = 0; at < text.length; at += 1) {
    const char = text[at] ?? ''
    if (char === '\n') line += 1
    else if (char === '"') {
      let end = at + 1
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1
      const frame = stack.at(-1)
      if (frame?.kind === 'object' && frame.expectKey) {
        frame.key = JSON.parse(text.slice(at, end + 1)) as string
        frame.expectKey = false
        lines.set(childPath(frame), line)
      } else startValue()
      at = end
    } else if (char === '{' || char === '[') {
      const path = startValue()
      const kind = char === '{' ? 'object' : 'array'
      stack.push({ kind, path, index: 0, key: '', expectKey: kind === 'object' })
    } else if (char === '}' || char === ']') stack.pop()
    else if (char === ',') {
      const frame = stack.at(-1)
      if (frame?.kind === 'array') frame.index += 1
      else if (frame !== undefined) frame.expectKey = true
    } else if (/[-\dtfn]/.test(char)) {
      startValue()
      while (at + 1 < text.length && /[^,\]}\s]/.test(text[at + 1] ?? '')) at += 1
    }
  }
  return lines
}

/**
 * The line of a path, or of its nearest parent the text has (a missing field's object).
 *
 * @param lines - {@link linesOfPaths} of the text.
 * @param path - A canonical path.
 * @returns The line, from 1.
 */
export function lineOfPath(lines: ReadonlyMap<string, number>, path: string): number {
  let current = path
  while (current !== '') {
    const found = lines.get(current)
    if (found !== undefined) return found
    current = current.replace(/(\.[^.[\]]+|\[\d+\])$|^[^.[\]]+$/, '')
  }
  return 1
}
