/**
 * Task checks: whether an output means the right thing for the model's task on its
 * deterministic input (the OCR recogniser reads the rendered string, the text detector lights up
 * the rendered lines, the voice detector stays quiet on silence, the classifier picks the class).
 * They complement the fingerprint check of check.ts, which only says "same numbers as the
 * reference backend".
 */
import { textLineBoxes } from '../suite/text-input.ts';
import type { InputSpec, TaskCheck } from '../suite/types.ts';
import type { OutputTensor } from './adapter.ts';

export interface TaskCheckResult {
  ok: boolean;
  kind: TaskCheck['kind'];
  /** One short line: what was found (e.g. `read "ATLAS 2026"`, `max 0.004 < 0.1`). */
  detail: string;
}

/** What a task check may need besides the outputs: the model's inputs and its files' bytes. */
export interface TaskCheckContext {
  inputs: readonly InputSpec[];
  /** File bytes keyed by path relative to public/models (the catalog files of the model). */
  files: ReadonlyMap<string, ArrayBuffer>;
}

/**
 * The characters of a CTC dictionary file: class 0 is the blank (''), classes 1…n the file's
 * lines (a trailing newline or `\r` is ignored), then `' '` when `space` (PaddleOCR's
 * `use_space_char`).
 */
export function parseDictionary(text: string, space: boolean): string[] {
  const lines = text.replace(/\r/g, '').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return ['', ...lines, ...(space ? [' '] : [])];
}

/**
 * Greedy CTC decoding of scores shaped [1, T, C] (or [T, C]): the best class per time step,
 * repeats collapsed, blanks (class 0) dropped, classes mapped through `dictionary`.
 */
export function ctcGreedyDecode(
  data: ArrayLike<number>,
  shape: readonly number[],
  dictionary: readonly string[],
): string {
  const classes = shape.at(-1) ?? 0;
  const steps = shape.length >= 2 ? (shape.at(-2) ?? 0) : 0;
  if (!classes || data.length < steps * classes) {
    throw new Error(`CTC scores must be [1, T, C], got [${shape.join(', ')}]`);
  }
  if (classes > dictionary.length) {
    throw new Error(`${classes} classes but the dictionary has ${dictionary.length} entries`);
  }
  let text = '';
  let previous = -1;
  for (let t = 0; t < steps; t++) {
    const base = t * classes;
    let best = 0;
    for (let c = 1; c < classes; c++)
      if ((data[base + c] as number) > (data[base + best] as number)) best = c;
    if (best !== 0 && best !== previous) text += dictionary[best] ?? '';
    previous = best;
  }
  return text;
}

function numbers(output: OutputTensor): ArrayLike<number> {
  const data = output.data;
  return data instanceof BigInt64Array ? Array.from(data, Number) : (data as ArrayLike<number>);
}

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}

function fmt(value: number): string {
  return Number.isFinite(value) ? value.toPrecision(3) : String(value);
}

/** Mean of a probability map inside each text line's box and outside all boxes (grown by margin). */
export function textRegionMeans(
  map: ArrayLike<number>,
  shape: readonly number[],
  input: InputSpec,
  margin: number,
): { inside: number[]; outside: number } {
  const fill = input.fill;
  if (fill.kind !== 'text') throw new Error(`input "${input.name}" is not a text image`);
  const nchw = fill.layout === 'nchw';
  const inH = (nchw ? input.shape[2] : input.shape[1]) ?? 0;
  const inW = (nchw ? input.shape[3] : input.shape[2]) ?? 0;
  const outH = shape.at(-2) ?? 0;
  const outW = shape.at(-1) ?? 0;
  if (!outH || !outW || map.length !== outH * outW) {
    throw new Error(`a text-region map must be [1, 1, H, W], got [${shape.join(', ')}]`);
  }
  const sy = outH / inH;
  const sx = outW / inW;
  const boxes = textLineBoxes(fill, inW, inH);
  const scaled = (b: readonly number[], grow: number) => [
    Math.max(0, Math.floor(((b[0] as number) - grow) * sx)),
    Math.max(0, Math.floor(((b[1] as number) - grow) * sy)),
    Math.min(outW, Math.ceil(((b[2] as number) + grow) * sx)),
    Math.min(outH, Math.ceil(((b[3] as number) + grow) * sy)),
  ];
  const inside = boxes.map((b) => {
    const [x0, y0, x1, y1] = scaled(b, 0) as [number, number, number, number];
    let sum = 0;
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += map[y * outW + x] as number;
    return sum / Math.max(1, (x1 - x0) * (y1 - y0));
  });
  const covered = new Uint8Array(outH * outW);
  for (const b of boxes) {
    const [x0, y0, x1, y1] = scaled(b, margin) as [number, number, number, number];
    for (let y = y0; y < y1; y++) covered.fill(1, y * outW + x0, y * outW + x1);
  }
  let sum = 0;
  let count = 0;
  for (let i = 0; i < covered.length; i++) {
    if (!covered[i]) {
      sum += map[i] as number;
      count++;
    }
  }
  return { inside, outside: count ? sum / count : 0 };
}

function evaluate(check: TaskCheck, output: OutputTensor, context: TaskCheckContext): TaskCheckResult {
  const values = numbers(output);
  switch (check.kind) {
    case 'ctcText': {
      const bytes = context.files.get(check.dictionary);
      if (!bytes) return { ok: false, kind: check.kind, detail: `dictionary ${check.dictionary} not loaded` };
      const dictionary = parseDictionary(new TextDecoder().decode(bytes), check.space);
      const text = ctcGreedyDecode(values, output.shape, dictionary);
      const ok = text === check.expected;
      return {
        ok,
        kind: check.kind,
        detail: ok ? `read "${text}"` : `read "${text}", expected "${check.expected}"`,
      };
    }
    case 'maxBelow': {
      let max = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < values.length; i++) max = Math.max(max, values[i] as number);
      const ok = max < check.max;
      return { ok, kind: check.kind, detail: `max ${fmt(max)} ${ok ? '<' : '≥'} ${check.max}` };
    }
    case 'argmax': {
      const index = argmax(values);
      const ok = index === check.expected;
      return {
        ok,
        kind: check.kind,
        detail: ok
          ? `class ${index} (${check.label}), p ${fmt(values[index] as number)}`
          : `class ${index}, expected ${check.expected} (${check.label})`,
      };
    }
    case 'textRegions': {
      const input = context.inputs.find((i) => i.name === check.input);
      if (!input) return { ok: false, kind: check.kind, detail: `no input "${check.input}"` };
      const { inside, outside } = textRegionMeans(values, output.shape, input, check.margin);
      const lowest = Math.min(...inside);
      const ok = lowest >= check.insideMin && outside <= check.outsideMax;
      return {
        ok,
        kind: check.kind,
        detail: `inside ≥ ${fmt(lowest)} (min ${check.insideMin}), outside ${fmt(outside)} (max ${check.outsideMax})`,
      };
    }
  }
}

/** Runs a model's task check on one set of outputs; never throws (a failure is a failed check). */
export function runTaskCheck(
  check: TaskCheck,
  outputs: readonly OutputTensor[],
  context: TaskCheckContext,
): TaskCheckResult {
  const output = outputs.find((o) => o.name === check.output);
  if (!output) return { ok: false, kind: check.kind, detail: `no output "${check.output}"` };
  try {
    const result = evaluate(check, output, context);
    return { ...result, detail: result.detail.slice(0, 200) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, kind: check.kind, detail: message.slice(0, 200) };
  }
}
