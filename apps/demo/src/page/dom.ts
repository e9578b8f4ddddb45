type Child = Node | string | null | undefined | false
type Attributes = Readonly<Record<string, string | boolean | undefined>>

/**
 * Creates an element with attributes and children. Text is always set as text, never parsed as
 * HTML, so nothing the server or the editor returns can inject markup.
 */
export function h<Tag extends keyof HTMLElementTagNameMap>(
  tag: Tag,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[Tag] {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue
    element.setAttribute(name, value === true ? '' : value)
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue
    element.append(child)
  }
  return element
}

/** The element with this id; the page's markup guarantees it. */
export function byId<Element extends HTMLElement>(id: string): Element {
  const element = document.getElementById(id)
  if (element === null) throw new Error(`the page has no #${id}`)
  return element as Element
}

/** Pretty JSON for a `<pre>`. */
export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2)
}

/** A body as the hooks give it: pretty when it is JSON, as it is otherwise. */
export function prettyBody(body: string | undefined): string {
  if (body === undefined || body === '') return '(no body)'
  try {
    return prettyJson(JSON.parse(body))
  } catch {
    return body
  }
}

/** The nodes that are present, for `replaceChildren` with optional parts. */
export function present(...nodes: (Node | null)[]): Node[] {
  return nodes.filter((node): node is Node => node !== null)
}
