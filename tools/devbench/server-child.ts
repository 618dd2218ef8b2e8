/**
 * The server as a child process, for tests and benchmarks that must kill it or keep it off their
 * own CPU: `node --import tsx tools/devbench/server-child.ts --database-url URL --dist-dir DIR`.
 * It listens on 127.0.0.1 (a free port unless --port), then tells its parent
 * `{ ready: true, port }` over IPC (or prints `listening PORT` on stderr without IPC).
 * Rate limit, log level and salt come from the environment as for `npm start`.
 */
import { parseArgs } from 'node:util';
import { startServer } from '../../server/main.ts';

export interface ChildReady {
  ready: true;
  port: number;
}

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    'dist-dir': { type: 'string' },
    port: { type: 'string', default: '0' },
  },
});

const server = await startServer(Number(values.port), '127.0.0.1', {
  ...(values['database-url'] ? { databaseUrl: values['database-url'] } : {}),
  ...(values['dist-dir'] ? { distDir: values['dist-dir'] } : {}),
});
const address = server.app.server.address();
const port = typeof address === 'object' && address ? address.port : Number(values.port);
const ready: ChildReady = { ready: true, port };
if (process.send) process.send(ready);
else process.stderr.write(`listening ${port}\n`);
// With IPC the parent's exit would otherwise leave this process running.
process.on('disconnect', () => void server.close().then(() => process.exit(0)));
