/**
 * `npm run bench:harness`: the harness's own cost and spread. Opens harness-check.html, which runs
 * each model through the full harness and through a bare onnxruntime-web loop in alternating
 * rounds on one page, and prints the overhead (harness − bare median) and the round-to-round
 * difference of each.
 */
import { parseArgs } from 'node:util';
import { withBrowserSession } from '../bench/browser-session.ts';
import { HarnessError } from '../bench/drive.ts';
import { formatTable } from '../bench/list.ts';

const log = (line: string) => process.stderr.write(`${line}\n`);

interface Row {
  model: string;
  round: number;
  harnessMedianMs: number;
  bareMedianMs: number;
  runs: number;
}

const pct = (a: number, b: number) => `${(((a - b) / b) * 100).toFixed(2)}%`;
const spread = (a: number, b: number) => `${((Math.abs(a - b) / ((a + b) / 2)) * 100).toFixed(2)}%`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string' },
      rounds: { type: 'string' },
      model: { type: 'string' },
      url: { type: 'string' },
    },
  });
  const search = new URLSearchParams({
    runs: values.runs ?? '300',
    rounds: values.rounds ?? '2',
    model: values.model ?? 'ppocr-cls,silero-vad',
  });
  const rows = await withBrowserSession({ url: values.url, log }, async ({ browser, baseUrl }) => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}harness-check.html?${search}`);
    await page.waitForFunction(() => window.harnessCheck?.state !== 'running', null, {
      timeout: 30 * 60_000,
      polling: 1000,
    });
    const state = await page.evaluate(() => window.harnessCheck);
    if (state.state === 'failed') throw new HarnessError(state.error ?? 'harness check failed');
    return state.rows as Row[];
  });
  const table = rows.map((r) => [
    r.model,
    String(r.round),
    String(r.runs),
    r.harnessMedianMs.toFixed(4),
    r.bareMedianMs.toFixed(4),
    (r.harnessMedianMs - r.bareMedianMs).toFixed(4),
    pct(r.harnessMedianMs, r.bareMedianMs),
  ]);
  console.log(
    formatTable(
      ['model', 'round', 'runs', 'harness median ms', 'bare median ms', 'overhead ms', 'overhead'],
      table,
    ),
  );
  const models = [...new Set(rows.map((r) => r.model))];
  const repeat = models.map((m) => {
    const [a, b] = rows.filter((r) => r.model === m);
    return a && b
      ? [m, spread(a.harnessMedianMs, b.harnessMedianMs), spread(a.bareMedianMs, b.bareMedianMs)]
      : [m, '—', '—'];
  });
  console.log(`\n${formatTable(['model', 'harness round-to-round', 'bare round-to-round'], repeat)}`);
}

main().catch((error: unknown) => {
  log(`bench:harness: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
