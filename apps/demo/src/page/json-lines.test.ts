import { expect, it } from 'vitest'
import { lineOfPath, linesOfPaths } from './json-lines.ts'

const text = JSON.stringify(
  {
    id: 'o-1',
    lines: [{ id: 'a', quantity: 2, note: 'a "quoted", [text]' }, { id: 'b' }],
    paid: true,
  },
  null,
  2,
)

it('finds the line of each value of a JSON text by its canonical path', () => {
  const lines = linesOfPaths(text)
  expect(text.split('\n')[(lines.get('lines[0].quantity') ?? 0) - 1]).toBe('      "quantity": 2,')
  expect(Object.fromEntries(lines)).toEqual({
    '(root)': 1,
    id: 2,
    lines: 3,
    'lines[0]': 4,
    'lines[0].id': 5,
    'lines[0].quantity': 6,
    'lines[0].note': 7,
    'lines[1]': 9,
    'lines[1].id': 10,
    paid: 13,
  })
})

it('places a missing field on its nearest parent', () => {
  const lines = linesOfPaths(text)
  expect(lineOfPath(lines, 'lines[1].quantity')).toBe(9)
  expect(lineOfPath(lines, 'lines[4].id')).toBe(3)
  expect(lineOfPath(lines, 'createdAt')).toBe(1)
})
