/**
 * `npm run score:reference -- --suite phone FILE.json…`: writes the frozen score reference of a
 * suite (src/suite/score-references/<suite>-<version>.json) from bench result files of runs on
 * the reference device: per class of backend and model, the median over runs of each run's best
 * correct median. Refuses runs of another suite version and a model with no correct case in a
 * class, unless `--leave-out CLASS:MODEL` names it: the class is then defined without it, and the
 * file records why (what its cases were in the runs). Run once per suite version; the score's
 * meaning depends on the file never changing after.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CLASS_BACKENDS, isCorrect, SCORE_CLASSES } from '../../src/report/score.ts';
import { type Run, validateRun } from '../../src/schema/run.ts';
import type { ScoreClass, ScoreReference } from '../../src/suite/score-references.ts';
import { suiteById } from '../../src/suite/suites.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    suite: { type: 'string', default: 'phone' },
    device: { type: 'string' },
    'leave-out': { type: 'string', multiple: true },
  },
});
const leaveOut = new Set(values['leave-out'] ?? []);
for (const item of leaveOut) {
  const [scoreClass, model] = item.split(':');
  if (!SCORE_CLASSES.includes(scoreClass as ScoreClass) || !model)
    throw new Error(
      `--leave-out ${item}: expected CLASS:MODEL with CLASS one of ${SCORE_CLASSES.join(', ')}`,
    );
}
const suite = suiteById(values.suite ?? 'phone');
const runs: Run[] = positionals.flatMap((file) => {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  return (Array.isArray(parsed) ? parsed : [parsed]).map((value) => {
    const checked = validateRun(value);
    if (!checked.ok) throw new Error(`${file}: not a valid run record: ${JSON.stringify(checked.issues[0])}`);
    if (checked.run.suite.id !== suite.id || checked.run.suite.version !== suite.version)
      throw new Error(
        `${file}: a run of ${checked.run.suite.id} v${checked.run.suite.version}, not ${suite.id} v${suite.version}`,
      );
    return checked.run;
  });
});
if (runs.length === 0) throw new Error('give at least one bench result file');

const middle = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

/** What a left-out model's cases of a class were, e.g. "ort webgpu: wrong in 2 of 2 runs". */
function whyLeftOut(model: string, scoreClass: ScoreClass): string {
  const seen = new Map<string, string[]>();
  for (const run of runs)
    for (const c of run.cases)
      if (c.model === model && CLASS_BACKENDS[scoreClass].includes(c.backend)) {
        const key = `${c.runtime} ${c.backend}`;
        seen.set(key, [...(seen.get(key) ?? []), isCorrect(c) ? 'correct' : c.status]);
      }
  if (seen.size === 0) return `no ${scoreClass.toUpperCase()} case in any run`;
  return [...seen]
    .map(([key, states]) => {
      const counts = [...new Set(states)].map((s) => `${s} in ${states.filter((x) => x === s).length}`);
      return `${key}: ${counts.join(', ')} of ${states.length} runs`;
    })
    .join('; ');
}

const leftOut: Partial<Record<ScoreClass, Record<string, string>>> = {};
const medians = Object.fromEntries(
  SCORE_CLASSES.map((scoreClass) => [
    scoreClass,
    Object.fromEntries(
      suite.models.flatMap((model) => {
        if (leaveOut.has(`${scoreClass}:${model}`)) {
          leftOut[scoreClass] = { ...leftOut[scoreClass], [model]: whyLeftOut(model, scoreClass) };
          return [];
        }
        const best = runs.flatMap((run) => {
          const ms = run.cases
            .filter(
              (c) => c.model === model && CLASS_BACKENDS[scoreClass].includes(c.backend) && isCorrect(c),
            )
            .map((c) => (c.status === 'ok' ? (c.timings?.warm.medianMs ?? Number.NaN) : Number.NaN))
            .filter((m) => m > 0);
          return ms.length ? [Math.min(...ms)] : [];
        });
        if (best.length === 0)
          throw new Error(
            `no correct ${scoreClass} case of ${model} in any run (${whyLeftOut(model, scoreClass)}); --leave-out ${scoreClass}:${model} defines the class without it`,
          );
        return [[model, Number(middle(best).toPrecision(4))]];
      }),
    ),
  ]),
) as ScoreReference['medians'];

const first = runs[0];
const reference: ScoreReference = {
  version: `${suite.id}-${suite.version}`,
  suite: suite.id,
  suiteVersion: suite.version,
  device:
    values.device ??
    `${first?.env.hardwareConcurrency}-core host, ${first?.env.userAgent.match(/Chrom\w+\/[\d.]+/)?.[0] ?? 'browser'}, GPU ${first?.env.webglRenderer ?? 'none'}`,
  runs: runs.length,
  medians,
  ...(Object.keys(leftOut).length ? { leftOut } : {}),
};
const out = join('src/suite/score-references', `${suite.id}-${suite.version}.json`);
writeFileSync(out, `${JSON.stringify(reference, null, 2)}\n`);
console.log(`wrote ${out} from ${runs.length} run(s)`);
