/**
 * Renders docs/methodology.md (our own, trusted text) on the methodology page, each heading with
 * an id from its text ("The score" → #the-score) so other pages can link to a section.
 */
import { marked } from 'marked';
import text from '../../docs/methodology.md?raw';

const main = document.getElementById('doc');
if (main) {
  main.innerHTML = await marked.parse(text);
  for (const heading of main.querySelectorAll('h2, h3')) {
    heading.id = (heading.textContent ?? '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  }
  if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
}
