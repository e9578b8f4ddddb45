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
    return malformedReason(error)
  }
  throw new Error('expected the text not to parse')
}

describe('reading orders', () => {
  it('says where a line breaks and never what it holds (it may hold a phone number)', () => {
    const reason = reasonOf('{"phone": "13712345678", oops}')
    expect(reason).toMatch(/^not valid JSON at column \d+$/)
    expect(reasonOf('{"phone": ')).toBe('not valid JSON: it ends too early')
  })

  it('reads JSON Lines with line numbers, skipping blank lines, and goes on past a broken line', async () => {
    const file = join(work, 'orders.jsonl')
    writeFileSync(file, '{"id":"a"}\n\n{"id":\n  {"id":"c"}  \r\n')
    const input = await readOrderRecords(file, work)
    const records: OrderRecord[] = []
    for await (const record of input.records) records.push(record)
    expect(records.map((record) => [record.kind, record.line, record.position])).toEqual([
      ['order', 1, 0],
      ['malformed', 3, 1],
      ['order', 4, 2],
    ])
    expect(await countOrderLines(file, work)).toBe(3)
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
