/**
 * Tiny DOM helpers for the dashboard and run pages. Every piece of text goes through textContent
 * (never innerHTML): user agents, device names, model ids and error strings are client data.
 */

export interface ElOptions {
  className?: string;
  text?: string;
  title?: string;
  attrs?: Record<string, string>;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElOptions = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  if (options.title !== undefined) node.title = options.title;
  for (const [name, value] of Object.entries(options.attrs ?? {})) node.setAttribute(name, value);
  // append() inserts strings as text nodes, never as markup.
  node.append(...children);
  return node;
}

/** The element with this id, or an error naming it (the HTML and the script disagree). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from the page`);
  return node as T;
}

/** Shows a message in a banner (or hides the banner when the message is empty). */
export function showBanner(banner: HTMLElement, message: string): void {
  banner.textContent = message;
  banner.hidden = message === '';
}

/** A select's options from [value, text] pairs, keeping the current choice when it is still offered. */
export function setOptions(select: HTMLSelectElement, options: readonly (readonly [string, string])[]): void {
  const current = select.value;
  select.replaceChildren(...options.map(([value, text]) => el('option', { text, attrs: { value } })));
  if (options.some(([value]) => value === current)) select.value = current;
}
