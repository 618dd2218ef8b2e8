// Starts server/ingest/worker.ts in a worker thread: TypeScript through tsx, whether or not
// the parent process itself runs under tsx (or under Vitest, which transforms on its own).
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
