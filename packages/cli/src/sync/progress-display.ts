import cliProgress from 'cli-progress'
import picocolors from 'picocolors'
import { type Colors, colorsFor, formatCount, formatDuration, plural } from '../terminal/colors.ts'

/** The live counts of a run. */
export interface RunCounts {
  succeeded: number
  failed: number
  uncertain: number
  skipped: number
  /** Dry run: prepared, and would be sent. */
  prepared: number
}

/** The orders with an outcome so far. */
const doneOf = (counts: RunCounts): number =>
  counts.succeeded + counts.failed + counts.uncertain + counts.skipped + counts.prepared

/** The progress of a run on stderr: a bar on a terminal, a plain line now and then otherwise. */
export interface ProgressDisplay {
  /** A message of its own line (above the bar on a terminal). */
  note(message: string): void
  /** What the run is doing, shown after the counts (`stopping…`). */
  setState(state: string): void
  /** Stops the display; the last figures stay on screen. */
  stop(): void
}

export interface ProgressOptions {
  readonly platform: string
  /** The number of orders, when known (a file), for the percentage and ETA. */
  readonly total: number | undefined
  readonly counts: RunCounts
  /** A bar on a terminal (stderr is one), plain lines otherwise. */
  readonly interactive: boolean
  /** How often a plain line is written (ms). */
  readonly intervalMs: number
  readonly dryRun: boolean
}

/**
 * The rate of completion over the last few seconds (orders per second), from samples of the
 * count: steadier than per tick, quicker than since the start. The run's start (nothing done) is
 * the first sample: the first rate asked for is the one since the start, never 0 for want of an
 * earlier sample.
 */
function createRate(windowMs: number, startedAt: number) {
  const samples: { at: number; done: number }[] = [{ at: startedAt, done: 0 }]
  return (done: number, at: number): number => {
    samples.push({ at, done })
    while (samples.length > 2 && at - (samples[1] as { at: number }).at >= windowMs) samples.shift()
    const first = samples[0] as { at: number; done: number }
    const elapsed = at - first.at
    return elapsed <= 0 ? 0 : ((done - first.done) * 1000) / elapsed
  }
}

/** The figures of a progress line, each as it is shown. */
interface ProgressFigures {
  /** The orders with an outcome so far, and their count as shown (`7,851`). */
  readonly doneCount: number
  readonly done: string
  readonly total: string
  readonly percent: number | undefined
  readonly rate: string
  readonly eta: string
  /** `7,700 succeeded · 150 uncertain · 1 failed · 0 skipped`. */
  readonly counts: string
}

function describe(options: ProgressOptions, colors: Colors, rate: number): ProgressFigures {
  const { counts, total } = options
  const done = doneOf(counts)
  const eta =
    total === undefined || rate <= 0 ? undefined : formatDuration(((total - done) / rate) * 1000)
  const count = (value: number, word: string, paint: (text: string) => string) =>
    `${paint(formatCount(value))} ${word}`
  const parts = options.dryRun
    ? [count(counts.prepared, 'ready to send', colors.green)]
    : [
        count(counts.succeeded, 'succeeded', colors.green),
        count(counts.uncertain, 'uncertain', colors.yellow),
      ]
  parts.push(
    count(counts.failed, 'failed', colors.red),
    count(counts.skipped, 'skipped', colors.dim),
  )
  return {
    doneCount: done,
    done: formatCount(done),
    total: total === undefined ? '?' : formatCount(total),
    percent: total === undefined || total === 0 ? undefined : Math.floor((done / total) * 100),
    rate: `${formatCount(Math.round(rate))} orders/s`,
    eta: eta ?? '?',
    counts: parts.join(' · '),
  }
}

function plainDisplay(options: ProgressOptions): ProgressDisplay {
  const colors = colorsFor(process.stderr)
  const rate = createRate(10_000, Date.now())
  let state = ''
  const line = (): string => {
    const figures = describe(options, colors, rate(doneOf(options.counts), Date.now()))
    const share = figures.percent === undefined ? '' : ` (${figures.percent}%)`
    const eta = options.total === undefined ? '' : ` · ETA ${figures.eta}`
    return `[${options.platform}] ${figures.done}/${figures.total}${share} · ${figures.rate}${eta} · ${figures.counts}${state}\n`
  }
  const timer = setInterval(() => process.stderr.write(line()), options.intervalMs)
  timer.unref()
  return {
    note: (message) => process.stderr.write(`${message}\n`),
    setState: (next) => {
      state = next === '' ? '' : ` · ${next}`
      process.stderr.write(line())
    },
    stop: () => clearInterval(timer),
  }
}

const barWidth = 24

/**
 * The bar's line, fitted to `columns`: the counts always in words; when the line is too long, the
 * bar gets shorter, then goes, then the rate, then the time left.
 */
function barLine(
  options: Pick<ProgressOptions, 'platform' | 'total'>,
  figures: ProgressFigures,
  state: string,
  columns: number,
): string {
  const known = options.total !== undefined
  const tail = (rate: boolean, eta: boolean): string =>
    [
      known ? `${figures.done}/${figures.total}` : plural(figures.doneCount, 'order'),
      ...(rate ? [figures.rate] : []),
      ...(known && eta ? [`ETA ${figures.eta}`] : []),
      `${figures.counts}${state}`,
    ].join(' │ ')
  const fits = (line: string): boolean => line.length < columns
  const percent = `${String(figures.percent ?? 0).padStart(3)}%`
  const full = tail(true, true)
  if (known) {
    // What the bar may take: the width left, at most its own.
    const room = columns - 1 - `${options.platform}  ${percent} │ ${full}`.length
    const size = Math.min(barWidth, room)
    if (size >= 8) {
      const share = options.total ? Math.min(1, figures.doneCount / options.total) : 0
      const filled = Math.round(share * size)
      return `${options.platform} ${'█'.repeat(filled)}${'░'.repeat(size - filled)} ${percent} │ ${full}`
    }
  }
  const head = known ? `${options.platform} ${percent} │ ` : `${options.platform} `
  for (const line of [full, tail(false, true), tail(false, false)]) {
    if (fits(head + line)) return head + line
  }
  return `${options.platform} ${tail(false, false)}`
}

function barDisplay(options: ProgressOptions): ProgressDisplay {
  // No colour inside the bar's line: cli-progress fits the line to the terminal's width by its
  // length, escapes included, and would cut it short.
  const colors = picocolors.createColors(false)
  const rate = createRate(5_000, Date.now())
  const multibar = new cliProgress.MultiBar(
    {
      format: '{line}',
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      fps: 10,
      autopadding: false,
      emptyOnZero: true,
    },
    cliProgress.Presets.shades_classic,
  )
  let state = ''
  // The line is made here, fitted to the terminal's width as it is now, the counts in words in
  // every frame (the last one too).
  const payload = () => {
    const figures = describe(options, colors, rate(doneOf(options.counts), Date.now()))
    return { line: barLine(options, figures, state, process.stderr.columns ?? 80) }
  }
  const bar = multibar.create(options.total ?? 0, 0, payload())
  const timer = setInterval(() => bar.update(doneOf(options.counts), payload()), 100)
  timer.unref()
  return {
    note: (message) => multibar.log(`${message}\n`),
    setState: (next) => {
      state = next === '' ? '' : ` │ ${next}`
      bar.update(doneOf(options.counts), payload())
    },
    stop: () => {
      clearInterval(timer)
      bar.update(doneOf(options.counts), payload())
      multibar.stop()
    },
  }
}

/** Starts the progress display of a run. */
export function startProgressDisplay(options: ProgressOptions): ProgressDisplay {
  return options.interactive ? barDisplay(options) : plainDisplay(options)
}
