/**
 * The one script every protocol evaluates: an expression's value turned into JSON text in the
 * page, so a record crosses Playwright, BiDi and WebDriver the same way (`undefined` → `null`).
 */
export function jsonScript(expression: string): string {
  return `JSON.stringify((${expression}) ?? null)`;
}

export function parseJson<T>(text: unknown): T {
  if (typeof text !== 'string') throw new Error(`the page returned ${typeof text} instead of JSON text`);
  return JSON.parse(text) as T;
}
