/** Renders docs/methodology.md (our own, trusted text) on the methodology page. */
import { marked } from 'marked';
import text from '../../docs/methodology.md?raw';

const main = document.getElementById('doc');
if (main) main.innerHTML = await marked.parse(text);
