import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  countOrderLines,
  malformedReason,
  type OrderRecord,
  readOrderRecords,
} from './read-order-records.ts'

const work = mkdtempSync(join(tmpdir(), 'ordersync-records-test-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

const reasonOf = (text: string): string => {
  try {
    JSON.parse(text)
  } catch (error) {
    return malformedReason(error, text)
  }
  throw new Error('expected the text not to parse')
}

describe('reading orders', () => {
  it('says where a line breaks and never what it holds (it may hold a phone number)', () => {
    const reason = reasonOf('{"phone": "13712345678", oops}')
    expect(reason).toBe('not valid JSON at column 26: expected a property name in double quotes')
    expect(reasonOf('{"phone": ')).toBe('not valid JSON at column 10: it ends too early')
  })

  it('says why a line is not JSON, in a few words, always with the column', () => {
    // A line cut in the middle of a string (V8: "Unterminated string in JSON at position 295").
    const cut = `{"id":"youshu-order-1","note":"${'x'.repeat(264)}`
    expect(cut).toHaveLength(295)
    expect(reasonOf(cut)).toBe('not valid JSON at column 296: it ends too early')
    expect(reasonOf('{"id":')).toBe('not valid JSON at column 7: it ends too early')
    expect(reasonOf('[1,2')).toBe('not valid JSON at column 5: it ends too early')
    expect(reasonOf('{"a":"a\tb"}')).toBe(
      'not valid JSON at column 8: a string holds a control character (a tab or a line break)',
    )
    expect(reasonOf('{"a":"\\x"}')).toBe(
      'not valid JSON at column 8: a string holds a bad escape (\\)',
    )
    expect(reasonOf('{a:1}')).toBe(
      'not valid JSON at column 2: expected a property name in double quotes',
    )
    expect(reasonOf('{"a" 1}')).toBe(
      "not valid JSON at column 6: expected ':' after a property name",
    )
    expect(reasonOf('{"a":1]')).toBe(
      "not valid JSON at column 7: expected ',' or '}' after a value",
    )
    expect(reasonOf('[1 2]')).toBe(
      "not valid JSON at column 4: expected ',' or ']' after an array element",
    )
    expect(reasonOf('{"a":1} {"b":2}')).toBe(
      'not valid JSON at column 9: more text after the end of the JSON',
    )
    expect(reasonOf('{"a":01}')).toBe('not valid JSON at column 7: an unexpected number')
    expect(reasonOf('{"a":-x}')).toBe('not valid JSON at column 7: a bad number')
    // V8 gives no position here, and its message quotes the text: the reason without a column,
    // the text never shown.
    expect(reasonOf('{"phone":"13712345678","ok":tru}')).toBe(
      'not valid JSON: an unexpected character',
    )
    expect(reasonOf('{"phone":"13712345678","ok":x}')).toBe(
      'not valid JSON: an unexpected character',
    )
  })

  it('reads JSON Lines with line numbers, skipping blank lines, and goes on past a broken line', async () => {
    const file = join(work, 'orders.jsonl')
    writeFileSync(file, '{"id":"a"}\n\n{"id":\n  {"id":"c"}  \r\n  {"id" 1}\n')
    const input = await readOrderRecords(file, work)
    const records: OrderRecord[] = []
    for await (const record of input.records) records.push(record)
    expect(records.map((record) => [record.kind, record.line, record.position])).toEqual([
      ['order', 1, 0],
      ['malformed', 3, 1],
      ['order', 4, 2],
      ['malformed', 5, 3],
    ])
    // The column is the line's, its leading white space counted.
    expect(records.map((record) => (record.kind === 'malformed' ? record.reason : ''))).toEqual([
      '',
      'not valid JSON at column 7: it ends too early',
      '',
      "not valid JSON at column 9: expected ':' after a property name",
    ])
    expect(await countOrderLines(file, work)).toBe(4)
  })

  it('reads a JSON array as one document, each order at its position', async () => {
    const file = join(work, 'orders.json')
    writeFileSync(file, JSON.stringify([{ id: 'a' }, { id: 'b' }], null, 2))
    const input = await readOrderRecords(file, work)
    const records: OrderRecord[] = []
    for await (const record of input.records) records.push(record)
    expect(input.size).toBe(2)
    expect(
      records.map((record) => (record.kind === 'order' ? [record.position, record.text] : [])),
    ).toEqual([
      [0, '{"id":"a"}'],
      [1, '{"id":"b"}'],
    ])
  })
})
