/** The methodology page: docs/methodology.md rendered (see `doc-page.ts`). */
import text from '../../docs/methodology.md?raw';
import { renderDoc } from './doc-page.ts';

await renderDoc(text);
