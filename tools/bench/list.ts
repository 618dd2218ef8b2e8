/**
 * `npm run bench -- --list`: the suite catalog and the scenario catalog, as the contract's JSON
 * shape or readable tables (the models, then the scenarios).
 */
import { runtimesFor } from '../../src/runtimes/index.ts';
import { suiteSize } from '../../src/runtimes/suite-variants.ts';
import { SCENARIOS, type ScenarioDefinition } from '../../src/scenarios/index.ts';
import { MODELS } from '../../src/suite/catalog.ts';
import { DEFAULT_SUITE, SUITES } from '../../src/suite/suites.ts';

export interface CatalogListing {
  models: {
    id: string;
    task: string;
    source: 'package' | 'generated';
    network?: string;
    /** A reduced-precision variant's number formats: stored and computed (absent: float32). */
    precision?: { stored: string; computed: string; note?: string };
    runtimes: string[];
    files: { path: string; bytes: number; sha256: string; from: string; license: string }[];
    inputs: { name: string; dtype: string; shape: number[] }[];
    suites: string[];
    params?: number;
    flops?: number;
  }[];
  /**
   * The suites `--suite` can run: cases and model bytes on a browser offering every API but WebNN
   * (src/runtimes/suite-variants.ts `CAPABLE_BROWSER`); `default` marks the one run when none is named.
   */
  suites: { id: string; title: string; default: boolean; version: string; cases: number; bytes: number }[];
  /** The scenarios `--scenario` can run, with their parameters at each size. */
  scenarios: {
    id: string;
    version: string;
    title: string;
    question: string;
    sizes: ScenarioDefinition['sizes'];
  }[];
}

export function catalogListing(): CatalogListing {
  return {
    models: MODELS.map((m) => ({
      id: m.id,
      task: m.task,
      source: m.source,
      ...(m.network === undefined ? {} : { network: m.network }),
      ...(m.precision === undefined ? {} : { precision: m.precision }),
      runtimes: runtimesFor(m.format).map((r) => r.id),
      files: m.files.map(({ path, bytes, sha256, from, license }) => ({
        path,
        bytes,
        sha256,
        from,
        license,
      })),
      inputs: m.inputs.map(({ name, dtype, shape }) => ({ name, dtype, shape })),
      suites: SUITES.filter((s) => s.models.includes(m.id)).map((s) => s.id),
      ...(m.params === undefined ? {} : { params: m.params }),
      ...(m.flops === undefined ? {} : { flops: m.flops }),
    })),
    suites: SUITES.map((s) => ({
      id: s.id,
      title: s.title,
      default: s.id === DEFAULT_SUITE,
      version: s.version,
      ...suiteSize(s),
    })),
    scenarios: SCENARIOS.map(({ id, version, title, question, sizes }) => ({
      id,
      version,
      title,
      question,
      sizes,
    })),
  };
}

export function catalogTable(listing: CatalogListing): string {
  const rows = listing.models.map((m) => [
    m.id,
    m.task,
    m.runtimes.join(','),
    m.suites.join(','),
    `${(m.files.reduce((n, f) => n + f.bytes, 0) / 1e6).toFixed(1)} MB`,
    m.params === undefined ? '' : `${(m.params / 1e6).toFixed(2)} M`,
    m.flops === undefined ? '' : `${(m.flops / 2e6).toFixed(1)} M`,
    m.files[0]?.from ?? '',
  ]);
  const header = ['model', 'task', 'runtimes', 'suites', 'size', 'params', 'MACs', 'from'];
  const table = formatTable(header, rows);
  const runtimes = new Set(listing.models.flatMap((m) => m.runtimes));
  const tasks = new Set(listing.models.map((m) => m.task));
  const totals = listing.suites.map(
    (s) =>
      `${s.id}${s.default ? ' (default)' : ''}: ${listing.models.filter((m) => m.suites.includes(s.id)).length} models, ${s.cases} cases, ${(s.bytes / 1e6).toFixed(1)} MB to download`,
  );
  const scenarios = listing.scenarios.length
    ? [
        '',
        formatTable(
          ['scenario', 'version', 'title'],
          listing.scenarios.map((s) => [s.id, s.version, s.title]),
        ),
        '',
        `${listing.scenarios.length} scenarios (npm run bench -- --scenario ID,…)`,
      ]
    : [];
  return [
    table,
    '',
    `${listing.models.length} models, ${tasks.size} tasks, ${runtimes.size} runtimes`,
    ...totals,
    ...scenarios,
  ].join('\n');
}

/** Left-aligned plain-text table. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
