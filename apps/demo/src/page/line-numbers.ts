/**
 * Numbers the lines of a textarea in a gutter beside it: the gutter holds one number per line of
 * the text and scrolls with it (the textarea does not wrap lines, so that each number stays beside
 * its line).
 *
 * @param editor - The textarea.
 * @param gutter - The element beside it that shows the numbers.
 * @returns A function to call after the text is set from code (typing updates it by itself).
 */
export function numberLines(editor: HTMLTextAreaElement, gutter: HTMLElement): () => void {
  let shown = 0
  const update = () => {
    const lines = editor.value.split('\n').length
    if (lines !== shown) {
      shown = lines
      gutter.textContent = Array.from({ length: lines }, (_, index) => String(index + 1)).join('\n')
    }
    gutter.scrollTop = editor.scrollTop
  }
  editor.addEventListener('input', update)
  editor.addEventListener('scroll', () => {
    gutter.scrollTop = editor.scrollTop
  })
  update()
  return update
}
