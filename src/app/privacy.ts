/** The privacy page (`/privacy`): docs/privacy.md rendered (see `doc-page.ts`). */
import text from '../../docs/privacy.md?raw';
import { renderDoc } from './doc-page.ts';

await renderDoc(text);
