/**
 * `npm run bench:factors -- A.json [B.json …]`: the "library, number format or GPU?" table
 * (./factors-report.ts) over the cases of several results files of one machine — e.g. a WASM run
 * of the zoo and a GPU run of it, so the table has both its CPU base and its GPU column. Refuses
 * runs from different browsers or core counts (their medians do not compare).
 */
import { readRuns } from './compare.ts';
import { factorsTableOf } from './factors-report.ts';

function main(): void {
  const paths = process.argv.slice(2);
  if (!paths.length) throw new Error('usage: npm run bench:factors -- A.json [B.json …]');
  const runs = paths.flatMap(readRuns);
  const machines = new Set(runs.map((r) => `${r.env.userAgent}, ${r.env.hardwareConcurrency} cores`));
  if (machines.size > 1)
    throw new Error(`the runs come from different machines: ${[...machines].join(' / ')}`);
  const table = factorsTableOf(
    runs.flatMap((r) => r.cases),
    runs.some((r) => r.env.softwareGpu !== undefined),
  );
  console.log(table || 'these runs compare nothing (no network in two libraries or in a reduced format)');
}

if (process.argv[1]?.endsWith('factors.ts')) {
  try {
    main();
  } catch (error) {
    console.error(`bench:factors: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
