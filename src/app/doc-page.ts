/**
 * Renders one of our own markdown documents (trusted text, bundled at build time) into `#doc`,
 * each heading with an id from its text ("The score" → #the-score) so other pages can link to a
 * section. Used by the methodology and privacy pages.
 */
import { marked } from 'marked';

export async function renderDoc(text: string): Promise<void> {
  const main = document.getElementById('doc');
  if (!main) return;
  main.innerHTML = await marked.parse(text);
  for (const heading of main.querySelectorAll('h2, h3')) {
    heading.id = (heading.textContent ?? '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  }
  if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
}
