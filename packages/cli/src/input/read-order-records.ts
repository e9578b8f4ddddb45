import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import { CliError, firstLine } from '../cli-error.ts'
import { describeJsonProblem, jsonProblem, lineAndColumn } from './json-problem.ts'

/** One entry of an input of orders: an order as read, or a line that is not JSON. */
export type OrderRecord =
  | {
      readonly kind: 'order'
      /** The line, in a JSON Lines input (from 1). */
      readonly line: number | undefined
      /** Its place among the input's entries (from 0), blank lines not counted. */
      readonly position: number
      /** Its JSON text: what its digest is taken of. */
      readonly text: string
      readonly value: unknown
    }
  | {
      readonly kind: 'malformed'
      readonly line: number
      readonly position: number
      /** Why, without the line's content (it may hold personal data). */
      readonly reason: string
    }

/** The entries of an input, read lazily, and a way to stop reading before its end. */
export interface OrderRecords {
  readonly records: AsyncIterable<OrderRecord>
  /** `jsonl` (read line by line) or `json` (one document: an order or an array of orders). */
  readonly format: 'jsonl' | 'json'
  /** How many entries a JSON document holds (read whole); `undefined` for JSON Lines. */
  readonly size: number | undefined
  /** Stops reading: the records end after those already read. */
  close(): void
}

/**
 * Why a line is not JSON: the column where it broke (from 1, in the line as read, `leading`
 * white space counted) and a short reason, never its content (it may hold personal data):
 * `not valid JSON at column 296: it ends too early`.
 */
export function malformedReason(error: unknown, text: string, leading = 0): string {
  const problem = jsonProblem(error, text)
  const place = problem.offset === undefined ? undefined : `column ${problem.offset + leading + 1}`
  return describeJsonProblem(problem, place)
}

/** Why a JSON document is not JSON: `not valid JSON at line 3, column 12: it ends too early`. */
function malformedDocumentReason(error: unknown, text: string): string {
  const problem = jsonProblem(error, text)
  if (problem.offset === undefined) return describeJsonProblem(problem, undefined)
  const { line, column } = lineAndColumn(text, problem.offset)
  return describeJsonProblem(problem, `line ${line}, column ${column}`)
}

function documentRecords(text: string, name: string): OrderRecord[] {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new CliError(`${name} is ${malformedDocumentReason(error, text)}`)
  }
  const entries = Array.isArray(value) ? value : [value]
  return entries.map((entry, position) => ({
    kind: 'order',
    line: undefined,
    position,
    text: JSON.stringify(entry),
    value: entry,
  }))
}

async function* lineRecords(
  lines: AsyncIterable<string> | Iterable<string>,
): AsyncGenerator<OrderRecord> {
  let line = 0
  let position = 0
  for await (const raw of lines) {
    line += 1
    const text = raw.trim()
    if (text === '') continue
    try {
      const value: unknown = JSON.parse(text)
      yield { kind: 'order', line, position, text, value }
    } catch (error) {
      const leading = raw.length - raw.trimStart().length
      yield { kind: 'malformed', line, position, reason: malformedReason(error, text, leading) }
    }
    position += 1
  }
}

function readableOf(source: string, cwd: string): { stream: Readable; name: string } {
  if (source === '-') return { stream: process.stdin, name: 'standard input' }
  const file = resolve(cwd, source)
  if (!existsSync(file)) throw new CliError(`cannot read ${source}: no such file`)
  if (statSync(file).isDirectory()) throw new CliError(`cannot read ${source}: it is a folder`)
  return { stream: createReadStream(file), name: source }
}

/** The first character of a stream that is not white space; the chunk read is put back. */
function peek(stream: Readable): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      stream.off('data', onData)
      stream.off('end', onEnd)
      stream.off('error', reject)
    }
    const onData = (chunk: Buffer | string): void => {
      stream.pause()
      done()
      stream.unshift(chunk)
      resolve(/\S/.exec(String(chunk))?.[0])
    }
    const onEnd = (): void => {
      done()
      resolve(undefined)
    }
    stream.on('data', onData)
    stream.once('end', onEnd)
    stream.once('error', reject)
  })
}

/**
 * Reads an input of orders: a `.jsonl`/`.ndjson` file or standard input (`-`) line by line, one
 * order per line; a `.json` file (or standard input starting with `[`) as one document, an order
 * or an array of orders. A line that is not JSON is a `malformed` record; the others go on.
 *
 * @throws {@link CliError} when the file cannot be read, or a JSON document does not parse.
 */
export async function readOrderRecords(source: string, cwd: string): Promise<OrderRecords> {
  const { stream, name } = readableOf(source, cwd)
  stream.on('error', () => {
    // Reported by the reader below, where the records are consumed.
  })
  const isDocument = source.endsWith('.json') || (source === '-' && (await peek(stream)) === '[')
  if (isDocument) {
    const text =
      source === '-' ? await streamText(stream) : readFileSync(resolve(cwd, source), 'utf8')
    if (source !== '-') stream.destroy()
    const records = documentRecords(text, name)
    return {
      records: iterate(records),
      format: 'json',
      size: records.length,
      close: () => records.splice(0),
    }
  }
  // The lines are read once the records are: readline starts reading as soon as it is made, and
  // lines it reads before anyone iterates are lost.
  let lines: ReturnType<typeof createInterface> | undefined
  let closed = false
  const records: AsyncIterable<OrderRecord> = {
    [Symbol.asyncIterator]: () => {
      if (!closed) lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })
      return lineRecords(lines ?? [])[Symbol.asyncIterator]()
    },
  }
  return {
    records,
    format: 'jsonl',
    size: undefined,
    close: () => {
      closed = true
      lines?.close()
      if (stream !== process.stdin) stream.destroy()
    },
  }
}

/**
 * Reads a whole input at once (what `explain` needs): a JSON document (an order, or an array of
 * orders) when it parses as one — a pretty-printed order on standard input too — otherwise JSON
 * Lines.
 */
export async function readAllOrderRecords(source: string, cwd: string): Promise<OrderRecord[]> {
  const { stream, name } = readableOf(source, cwd)
  const text = await streamText(stream).catch((error: unknown) => {
    throw new CliError(`cannot read ${name}: ${firstLine(error)}`)
  })
  if (source.endsWith('.json')) return documentRecords(text, name)
  try {
    JSON.parse(text)
    return documentRecords(text, name)
  } catch (error) {
    if (error instanceof CliError) throw error
  }
  const records: OrderRecord[] = []
  for await (const record of lineRecords(text.split('\n'))) records.push(record)
  return records
}

async function* iterate(records: OrderRecord[]): AsyncGenerator<OrderRecord> {
  while (records.length > 0) {
    const next = records.shift()
    if (next !== undefined) yield next
  }
}

async function streamText(stream: Readable): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer))
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * How many orders a file holds, for the progress display: its non-blank lines (JSON Lines), or
 * `undefined` for standard input, which can be read once only.
 */
export async function countOrderLines(source: string, cwd: string): Promise<number | undefined> {
  if (source === '-' || source.endsWith('.json')) return undefined
  let count = 0
  // Whether the current line has shown anything but white space yet.
  let content = false
  for await (const chunk of createReadStream(resolve(cwd, source))) {
    const bytes = chunk as Buffer
    let index = 0
    while (index < bytes.length) {
      if (content) {
        // The rest of a line with content does not matter: on to its end.
        const end = bytes.indexOf(10, index)
        if (end < 0) break
        count += 1
        content = false
        index = end + 1
        continue
      }
      const byte = bytes[index] as number
      if (byte !== 10 && byte !== 32 && byte !== 9 && byte !== 13) content = true
      index += 1
    }
  }
  return content ? count + 1 : count
}
