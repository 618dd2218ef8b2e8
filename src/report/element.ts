/**
 * The one small DOM helper of the page and the views shared with the dashboard: an element with
 * optional text (always textContent, never markup — the text may be client data) and class.
 */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}
