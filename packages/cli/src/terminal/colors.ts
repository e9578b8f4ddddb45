import picocolors from 'picocolors'

/** The colours of one output stream. */
export type Colors = ReturnType<typeof picocolors.createColors>

/**
 * Colours for `stream`: on when it is a terminal (and `TERM` is not `dumb`), off when it is piped
 * or a file; `NO_COLOR` turns them off and `FORCE_COLOR` on, as everywhere.
 */
export function colorsFor(stream: NodeJS.WriteStream): Colors {
  const { env } = process
  const enabled =
    env.NO_COLOR !== undefined && env.NO_COLOR !== ''
      ? false
      : env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0'
        ? true
        : stream.isTTY === true && env.TERM !== 'dumb'
  return picocolors.createColors(enabled)
}

/** A count with thousands separators: `12,345`. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US')
}

/** A duration for people: `850 ms`, `12.3 s`, `4 min 05 s`, `1 h 02 min`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?'
  if (ms < 1000) return `${Math.round(ms)} ms`
  const seconds = ms / 1000
  if (seconds < 60) return `${seconds.toFixed(1)} s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes} min ${String(Math.floor(seconds % 60)).padStart(2, '0')} s`
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`
}

/** A count and its noun, singular for 1: `1 order`, `12,345 orders`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`
}
