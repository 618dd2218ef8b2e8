/**
 * Catalog entries that share a `network` are the same weights in different formats. Where they
 * are fed the same input, their stored reference outputs (computed by different libraries) must
 * agree, position by position: this is what makes a cross-library comparison on one network fair.
 */
import { describe, expect, it } from 'vitest';
import { MODELS } from '../../src/suite/catalog.ts';
import { referenceFor } from '../../src/suite/references.ts';
import type { InputSpec, ModelEntry, ModelReference } from '../../src/suite/types.ts';

/** Inputs without their names (formats name tensors differently, e.g. `input` vs `input:0`). */
function inputKey(inputs: readonly InputSpec[]): string {
  return JSON.stringify(inputs.map(({ dtype, shape, fill }) => ({ dtype, shape, fill })));
}

/**
 * Outputs a format returns as logits where its pair returns probabilities: Human's BlazePose TF.js
 * graphs end the heatmap and segmentation heads in `Sigmoid` (`activation_heatmap`,
 * `activation_segmentation`); MediaPipe's `.tflite` files return the logits. These get a sigmoid
 * before comparing. Keyed by model id, then output name.
 */
const LOGIT_OUTPUTS: Readonly<Record<string, readonly string[]>> = {
  'pose-landmark-full': ['Identity_3', 'Identity_2'],
  'pose-landmark-heavy': ['Identity_3', 'Identity_2'],
};

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

/** A model's reference values per output, with logit outputs turned into probabilities. */
function comparable(model: ModelEntry): ModelReference {
  const ref = referenceFor(model.id);
  if (!ref) throw new Error(`missing reference for ${model.id}`);
  const logits = LOGIT_OUTPUTS[model.id] ?? [];
  return {
    ...ref,
    outputs: ref.outputs.map((o) => (logits.includes(o.name) ? { ...o, values: o.values.map(sigmoid) } : o)),
  };
}

function groups(): [string, ModelEntry[]][] {
  const byNetwork = new Map<string, ModelEntry[]>();
  for (const model of MODELS) {
    if (!model.network) continue;
    byNetwork.set(model.network, [...(byNetwork.get(model.network) ?? []), model]);
  }
  return [...byNetwork].filter(([, models]) => models.length > 1);
}

describe('paired networks', () => {
  it('network ids are kebab-case', () => {
    for (const model of MODELS) {
      if (model.network !== undefined) expect(model.network, model.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it.each(Object.entries(LOGIT_OUTPUTS))(
    '%s: outputs listed as logits are not probabilities',
    (id, names) => {
      const ref = referenceFor(id);
      for (const name of names) {
        const values = ref?.outputs.find((o) => o.name === name)?.values ?? [];
        expect(values.length, `${id} ${name}`).toBeGreaterThan(0);
        expect(
          values.some((v) => v < 0 || v > 1),
          `${id} ${name}`,
        ).toBe(true);
      }
    },
  );

  it('at least one network is paired across formats', () => {
    const formats = groups().map(([, models]) => new Set(models.map((m) => m.format)).size);
    expect(formats.some((n) => n > 1)).toBe(true);
  });

  it.each(groups())('%s: same-input references agree across formats', (_network, models) => {
    const [first, ...rest] = models as [ModelEntry, ...ModelEntry[]];
    for (const other of rest.filter((m) => inputKey(m.inputs) === inputKey(first.inputs))) {
      const a = comparable(first);
      const b = comparable(other);
      expect(b.outputs.map((o) => o.shape)).toEqual(a.outputs.map((o) => o.shape));
      // Different libraries and weight encodings (fp16 vs fp32) agree to a looser bound than one
      // library across backends.
      const tolerance = 10 * Math.max(first.check.maxAbsDiff, other.check.maxAbsDiff);
      for (const [i, out] of a.outputs.entries()) {
        const mate = b.outputs[i];
        expect(mate?.indices).toEqual(out.indices);
        const worst = Math.max(...out.values.map((v, j) => Math.abs(v - (mate?.values[j] ?? Number.NaN))));
        expect(worst, `${first.id} vs ${other.id}, output ${i}`).toBeLessThanOrEqual(tolerance);
      }
    }
  });
});
