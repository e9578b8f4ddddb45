import { type Colors, formatCount, plural } from '../terminal/colors.ts'
import { problemTable } from '../terminal/problem-table.ts'
import type { OrderExplanation, PlatformExplanation } from './explain-order.ts'

/** Where the clients' settings came from, said once above the platforms. */
export type SettingsSource =
  | { readonly kind: 'config'; readonly name: string; readonly platforms: readonly string[] }
  /**
   * Every client with the sandbox's settings: `--sandbox` asked for it, there is no configuration,
   * or the configuration (`name`) has none of the platforms.
   */
  | {
      readonly kind: 'sandbox'
      readonly because: 'flag' | 'no-config' | 'not-configured'
      readonly name?: string
    }

function indentBlock(text: string, indent: string): string {
  return text
    .split('\n')
    .map((line) => indent + line)
    .join('\n')
}

function platformSection(
  explanation: PlatformExplanation,
  options: { readonly colors: Colors; readonly width: number },
): string[] {
  const { colors } = options
  const table = { ...options, indent: '    ' }
  if (explanation.verdict === 'refuses') {
    const refusal = explanation.refusal
    const lines = [
      `${colors.red('✗')} ${colors.bold(explanation.platform)} refuses it: ${refusal?.message ?? 'its prepare refused the order'}`,
    ]
    if (refusal !== undefined && refusal.problems.length > 0)
      lines.push(problemTable(refusal.problems, table))
    return lines
  }
  const warnings = explanation.warnings
  const lines = [
    `${colors.green('✓')} ${colors.bold(explanation.platform)} would send it${warnings.length === 0 ? '' : `, with ${plural(warnings.length, 'warning')} (what it cannot carry)`}`,
  ]
  if (warnings.length > 0) lines.push(problemTable(warnings, table))
  lines.push(`  ${colors.dim('payload')}`)
  lines.push(indentBlock(JSON.stringify(explanation.payload, null, 2), '    '))
  return lines
}

function settingsNote(source: SettingsSource, platforms: readonly PlatformExplanation[]): string {
  if (source.kind === 'sandbox') {
    const why =
      source.because === 'flag'
        ? 'with --sandbox the configuration is not used'
        : source.because === 'not-configured'
          ? `${source.name ?? 'the configuration'} configures none of these platforms`
          : 'no configuration used; --config names one'
    return `clients made with the sandbox's settings (${why})`
  }
  const others = platforms.filter((platform) => !source.platforms.includes(platform.platform))
  const rest =
    others.length === 0
      ? ''
      : `, ${others.map((platform) => platform.platform).join(', ')} with the sandbox's settings`
  return `clients of ${source.platforms.join(', ')} made as ${source.name} makes them${rest}`
}

/** The explanation for a person: the order's check, then each platform's verdict. */
export function renderExplanation(
  explanation: OrderExplanation,
  options: { readonly colors: Colors; readonly width: number; readonly settings: SettingsSource },
): string {
  const { colors } = options
  const name = explanation.orderId === undefined ? 'the order' : `order ${explanation.orderId}`
  if (!explanation.valid) {
    return [
      `${colors.red('✗')} ${colors.bold(name)} is not a valid canonical order: ${plural(explanation.problems.length, 'problem')}`,
      problemTable(explanation.problems, { ...options, indent: '  ' }),
      '',
      colors.dim('No platform can take it until these are fixed.'),
      '',
    ].join('\n')
  }
  const settings = settingsNote(options.settings, explanation.platforms)
  const sends = explanation.platforms.filter((platform) => platform.verdict === 'sends').length
  const refuses = explanation.platforms.length - sends
  const sections = explanation.platforms.flatMap((platform) => [
    '',
    ...platformSection(platform, options),
  ])
  return [
    `${colors.green('✓')} ${colors.bold(name)} is a valid canonical order (${explanation.summary ?? ''})`,
    colors.dim(`  ${settings}; nothing is sent`),
    ...sections,
    '',
    `${plural(sends, 'platform')} would send it${refuses === 0 ? '' : `, ${formatCount(refuses)} ${refuses === 1 ? 'refuses' : 'refuse'} it`}.`,
    '',
  ].join('\n')
}
