import type { SyncResponse } from '../demo-api-types.ts'
import { byId } from './dom.ts'
import type { PlatformCard } from './platform-card.ts'

/** What a "sync everywhere" came to, in a line: where it synced, failed, and was off. */
function summaryOf(
  cards: readonly PlatformCard[],
  answers: readonly (SyncResponse | undefined)[],
): string {
  const synced: string[] = []
  const failed: string[] = []
  const off: string[] = []
  for (const [index, card] of cards.entries()) {
    const answer = answers[index]
    const label = card.platform.label
    if (answer === undefined) off.push(`${label} (${card.badgeText().toLowerCase()})`)
    else if (answer.result.status === 'succeeded') synced.push(label)
    else failed.push(`${label} (${answer.result.badge.toLowerCase()})`)
  }
  if (synced.length === cards.length) return `Synced to all ${cards.length} platforms.`
  return [
    `Synced to ${synced.length} of ${cards.length} platforms.`,
    failed.length === 0 ? '' : ` Not synced: ${failed.join(', ')}.`,
    off.length === 0 ? '' : ` Sync off: ${off.join(', ')}.`,
  ].join('')
}

/**
 * Wires "Sync to every platform": every card whose Sync is on syncs the order at once, as its own
 * button would; the line below says where it synced, where it failed and where Sync was off.
 *
 * @param cards - The platforms' cards.
 * @returns A function that empties the line, for when the order changes.
 */
export function setUpSyncAll(cards: readonly PlatformCard[]): () => void {
  const button = byId<HTMLButtonElement>('sync-all')
  const summary = byId<HTMLParagraphElement>('sync-all-summary')
  const idle = summary.textContent ?? ''
  button.disabled = cards.length === 0
  button.addEventListener('click', async () => {
    button.disabled = true
    summary.textContent = 'Syncing to every platform…'
    try {
      const answers = await Promise.all(cards.map((card) => card.sync()))
      summary.textContent = summaryOf(cards, answers)
    } finally {
      button.disabled = false
    }
  })
  return () => {
    summary.textContent = idle
  }
}
