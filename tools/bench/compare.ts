/**
 * `npm run bench:compare -- A.json B.json`: per case, the median of run A vs run B and their
 * difference — repeatability when A and B are the same suite twice, a regression hunt when they
 * are two versions. Cases are matched by model, runtime, backend and options.
 */
import { readFileSync } from 'node:fs';
import { formatMs } from '../../src/report/format.ts';
import { type Case, type Run, validateRun } from '../../src/schema/run.ts';
import { formatTable } from './list.ts';

export function caseKey(c: Case): string {
  return `${c.model} ${c.runtime}/${c.backend} ${JSON.stringify(c.options ?? {})}`;
}

export function readRuns(path: string): Run[] {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  return (Array.isArray(parsed) ? parsed : [parsed]).map((value, i) => {
    const checked = validateRun(value);
    if (!checked.ok)
      throw new Error(
        `${path} run ${i} is not a valid atlas.run/1: ${checked.issues[0]?.path} ${checked.issues[0]?.message}`,
      );
    return checked.run;
  });
}

export interface CaseDifference {
  key: string;
  a: number;
  b: number;
  /** |a − b| / mean(a, b). */
  relative: number;
}

export function compareRuns(a: Run, b: Run): CaseDifference[] {
  const other = new Map(b.cases.filter((c) => c.status === 'ok').map((c) => [caseKey(c), c]));
  const out: CaseDifference[] = [];
  for (const c of a.cases) {
    const match = other.get(caseKey(c));
    const ma = c.status === 'ok' ? c.timings?.warm.medianMs : undefined;
    const mb = match?.timings?.warm.medianMs;
    if (ma === undefined || mb === undefined) continue;
    out.push({ key: caseKey(c), a: ma, b: mb, relative: Math.abs(ma - mb) / ((ma + mb) / 2) });
  }
  return out;
}

function main(): void {
  const [pathA, pathB] = process.argv.slice(2);
  if (!pathA || !pathB) throw new Error('usage: npm run bench:compare -- A.json B.json');
  const [a] = readRuns(pathA);
  const [b] = readRuns(pathB);
  if (!a || !b) throw new Error('each file must hold at least one run');
  const diffs = compareRuns(a, b);
  console.log(
    formatTable(
      ['case', 'A median ms', 'B median ms', '|A−B| / mean'],
      diffs.map((d) => [d.key, formatMs(d.a), formatMs(d.b), `${(d.relative * 100).toFixed(1)}%`]),
    ),
  );
  const sorted = diffs.map((d) => d.relative).sort((x, y) => x - y);
  const mid = sorted.length ? (sorted[Math.floor((sorted.length - 1) / 2)] as number) : Number.NaN;
  console.log(
    `\n${diffs.length} cases compared; median |A−B| / mean = ${(mid * 100).toFixed(1)}%, max = ${((sorted.at(-1) ?? Number.NaN) * 100).toFixed(1)}%`,
  );
}

if (process.argv[1]?.endsWith('compare.ts')) {
  try {
    main();
  } catch (error) {
    console.error(`bench:compare: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
