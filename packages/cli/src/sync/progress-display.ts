import cliProgress from 'cli-progress'
import picocolors from 'picocolors'
import { type Colors, colorsFor, formatCount, formatDuration } from '../terminal/colors.ts'

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
 * count: steadier than per tick, quicker than since the start.
 */
function createRate(windowMs: number) {
  const samples: { at: number; done: number }[] = []
  return (done: number, at: number): number => {
    samples.push({ at, done })
    while (samples.length > 2 && at - (samples[1] as { at: number }).at >= windowMs) samples.shift()
    const first = samples[0] as { at: number; done: number }
    const elapsed = at - first.at
    return elapsed <= 0 ? 0 : ((done - first.done) * 1000) / elapsed
  }
}

function describe(options: ProgressOptions, colors: Colors, rate: number, words: boolean) {
  const { counts, total } = options
  const done = doneOf(counts)
  const eta =
    total === undefined || rate <= 0 ? undefined : formatDuration(((total - done) / rate) * 1000)
  const count = (value: number, word: string, symbol: string, paint: (text: string) => string) =>
    words ? `${paint(formatCount(value))} ${word}` : `${paint(symbol)} ${formatCount(value)}`
  const parts = options.dryRun
    ? [count(counts.prepared, 'ready to send', '→', colors.green)]
    : [
        count(counts.succeeded, 'succeeded', '✔', colors.green),
        count(counts.uncertain, 'uncertain', '?', colors.yellow),
      ]
  parts.push(
    count(counts.failed, 'failed', '✖', colors.red),
    count(counts.skipped, 'skipped', '↷', colors.dim),
  )
  return {
    done: formatCount(done),
    total: total === undefined ? '?' : formatCount(total),
    percent: total === undefined || total === 0 ? undefined : Math.floor((done / total) * 100),
    rate: `${formatCount(Math.round(rate))} orders/s`,
    eta: eta ?? '?',
    counts: parts.join(words ? ' · ' : '  '),
  }
}

function plainDisplay(options: ProgressOptions): ProgressDisplay {
  const colors = colorsFor(process.stderr)
  const rate = createRate(10_000)
  let state = ''
  const line = (): string => {
    const figures = describe(options, colors, rate(doneOf(options.counts), Date.now()), true)
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

function barDisplay(options: ProgressOptions): ProgressDisplay {
  // No colour inside the bar's line: cli-progress fits the line to the terminal's width by its
  // length, escapes included, and would cut it short.
  const colors = picocolors.createColors(false)
  const rate = createRate(5_000)
  const columns = process.stderr.columns ?? 80
  const known = options.total !== undefined
  const format = known
    ? '{platform} {bar} {percent}% │ {doneText}/{totalText} │ {rate} │ ETA {etaText} │ {counts}{state}'
    : '{platform} {doneText} orders │ {rate} │ {counts}{state}'
  const multibar = new cliProgress.MultiBar(
    {
      format,
      stream: process.stderr,
      barsize: 24,
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
  const payload = () => {
    const perSecond = rate(doneOf(options.counts), Date.now())
    // The counts in words when the line fits the terminal, in symbols when it would not.
    const worded = describe(options, colors, perSecond, true)
    const length = known
      ? `${options.platform} ${'#'.repeat(24)} 100% │ ${worded.done}/${worded.total} │ ${worded.rate} │ ETA ${worded.eta} │ ${worded.counts}${state}`
          .length
      : `${options.platform} ${worded.done} orders │ ${worded.rate} │ ${worded.counts}${state}`
          .length
    const figures = length < columns ? worded : describe(options, colors, perSecond, false)
    return {
      platform: options.platform,
      percent: String(figures.percent ?? 0).padStart(3),
      doneText: figures.done,
      totalText: figures.total,
      rate: figures.rate,
      etaText: figures.eta,
      counts: figures.counts,
      state,
    }
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
