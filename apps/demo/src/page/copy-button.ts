import { h } from './dom.ts'

const copiedForMs = 2000

/**
 * A "Copy" button that puts a text on the clipboard and says so on the button for a moment.
 *
 * @param what - What is copied, for its accessible name ("Copy the payload").
 * @param text - The text, read when the button is pressed.
 * @returns The button.
 */
export function copyButton(what: string, text: () => string): HTMLButtonElement {
  const button = h(
    'button',
    { type: 'button', class: 'copy-button', 'aria-label': `Copy ${what}`, title: `Copy ${what}` },
    'Copy',
  )
  let reset: ReturnType<typeof setTimeout> | undefined
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text())
      button.textContent = 'Copied'
    } catch {
      button.textContent = 'Copy failed: select the text instead'
    }
    if (reset !== undefined) clearTimeout(reset)
    reset = setTimeout(() => {
      button.textContent = 'Copy'
    }, copiedForMs)
  })
  return button
}

/**
 * A `<pre>` of JSON with a copy button above it.
 *
 * @param what - What it shows, for the button's name.
 * @param text - The text of the block.
 * @param className - The `<pre>`'s class.
 * @returns The block.
 */
export function copyableBlock(what: string, text: string, className: string): HTMLDivElement {
  return h(
    'div',
    { class: 'copyable' },
    copyButton(what, () => text),
    h('pre', { class: className, tabindex: '0' }, text),
  )
}
