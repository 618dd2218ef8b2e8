/**
 * An LSTM keyword spotter: Hello Edge's "Basic LSTM" (Zhang et al. 2017, "Hello Edge: Keyword
 * Spotting on Microcontrollers"; ARM-software/ML-KWS-for-MCU `models.py` create_basic_lstm_model,
 * size S in `train_commands.txt`: 118 cells, 10 MFCC per 40 ms window with a 20 ms stride → 49
 * frames of a 1 s clip, 12 labels). One standard LSTM layer (no peepholes, no projection), gates
 * i, f, g, o: c' = f⊙c + i⊙g, h' = o⊙tanh(c'), zero initial state; the last hidden state → dense →
 * class logits (no softmax). Input: `[T, F]` feature frames, output `[1, classes]`.
 *
 * Unrolled over time in the IR, as plain ops, so all three formats compute the same arithmetic:
 * ONNX has a native `LSTM` op and TFLite `UNIDIRECTIONAL_SEQUENCE_LSTM`, but TF.js graph models
 * have no LSTM op, so the unrolled graph is the fair common form. The input product of all T frames
 * is one dense `[T, F] × [F, 4H]` (+ the one bias), whose rows are sliced per step; the recurrent
 * product `h·W_h` is a bias-free dense whose weight is declared once and shared by every step
 * (`shareWith`), so each format stores it once. With h₀ = c₀ = 0 the first step has no recurrent
 * product and no forget gate (f⊙c₀ = 0), so the graph does (T − 1) recurrent products, not T.
 * TF's BasicLSTMCell adds a constant forget bias of 1 (a trained export folds it into the bias);
 * the synthetic bias here is drawn like every other one.
 */
import { GraphBuilder } from '../builder.ts';
import { type Graph, type Tensor } from '../ir.ts';

export interface LstmConfig {
  /** Features per frame (MFCC coefficients). */
  features: number;
  /** LSTM cells (hidden width H). */
  hidden: number;
  classes: number;
}

/** Hello Edge Basic LSTM S: 10 MFCC, 118 cells, 12 labels (10 words, silence, unknown). */
export const BASIC_LSTM_S: LstmConfig = Object.freeze({ features: 10, hidden: 118, classes: 12 });

/** Gate order of the packed `[4H]` pre-activations (PyTorch's). */
const GATES = ['i', 'f', 'g', 'o'] as const;

export function lstmKws(frames = 49, c: LstmConfig = BASIC_LSTM_S): Graph {
  const g = new GraphBuilder('lstm-kws');
  const H = c.hidden;
  const x = g.input('mfcc', [frames, c.features]);
  // x·W_x + b for every frame at once: [T, 4H].
  const projected = g.dense('lstm/input', x, 4 * H);
  let h: Tensor | undefined;
  let cell: Tensor | undefined;
  for (let t = 0; t < frames; t++) {
    const p = (s: string) => `lstm/t${t}/${s}`;
    const row = g.slice(p('x'), projected, [t, 0], [1, 4 * H]);
    const pre = h
      ? g.addTensors(
          p('pre'),
          row,
          g.dense(p('rec'), h, 4 * H, 'none', { shareWith: 'lstm/rec', bias: false }),
        )
      : row;
    const gate = (name: (typeof GATES)[number]) => {
      const k = GATES.indexOf(name);
      const s = g.slice(p(`${name}_pre`), pre, [0, k * H], [1, H]);
      return g.unary(p(name), s, name === 'g' ? 'tanh' : 'sigmoid');
    };
    const input = g.mul(p('i_g'), gate('i'), gate('g'));
    // c₀ = 0: the first step has no forget gate (a dead node would also become a TF.js graph output).
    cell = cell ? g.addTensors(p('c'), g.mul(p('f_c'), gate('f'), cell), input) : input;
    const o = gate('o');
    h = g.mul(p('h'), o, g.unary(p('c_tanh'), cell, 'tanh'));
  }
  if (!h) throw new Error('lstm-kws needs at least one frame');
  return g.build([g.dense('logits', h, c.classes)]);
}
