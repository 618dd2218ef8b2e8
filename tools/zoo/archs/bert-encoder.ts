/**
 * A BERT-style transformer encoder (post-LN, as BERT): `layers` blocks of multi-head
 * self-attention (Q/K/V/output dense, softmax(QKᵀ/√d)·V) and a GELU feed-forward of 4× width,
 * each followed by a residual add and layer norm. Default: BERT-mini's encoder (Turc et al.
 * 2019: L = 4, H = 256, A = 4). Input: `[T, H]` hidden states (the embedding output; the token
 * embedding lookup is not part of this graph), output: `[T, H]` final hidden states.
 */
import { GraphBuilder } from '../builder.ts';
import { type Graph, type Tensor } from '../ir.ts';

export interface EncoderConfig {
  hidden: number;
  heads: number;
  layers: number;
}

export const BERT_MINI: EncoderConfig = Object.freeze({ hidden: 256, heads: 4, layers: 4 });

function attention(g: GraphBuilder, name: string, x: Tensor, tokens: number, c: EncoderConfig): Tensor {
  const d = c.hidden / c.heads;
  // [T, H] → [T, A, d] → heads first: [A, T, d] (keys: [A, d, T], transposed explicitly).
  const heads = (t: Tensor, key: string, perm: number[]) =>
    g.transpose(`${name}/${key}_heads`, g.reshape(`${name}/${key}_split`, t, [tokens, c.heads, d]), perm);
  const q = heads(g.dense(`${name}/query`, x, c.hidden), 'q', [1, 0, 2]);
  const k = heads(g.dense(`${name}/key`, x, c.hidden), 'k', [1, 2, 0]);
  const v = heads(g.dense(`${name}/value`, x, c.hidden), 'v', [1, 0, 2]);
  const scores = g.scale(`${name}/scaled_scores`, g.matmul(`${name}/scores`, q, k), 1 / Math.sqrt(d));
  const context = g.matmul(`${name}/context`, g.softmax(`${name}/probs`, scores), v);
  const merged = g.reshape(`${name}/merge`, g.transpose(`${name}/tokens_first`, context, [1, 0, 2]), [
    tokens,
    c.hidden,
  ]);
  return g.dense(`${name}/output`, merged, c.hidden);
}

export function bertEncoder(tokens = 128, c: EncoderConfig = BERT_MINI): Graph {
  const g = new GraphBuilder('bert-encoder');
  let x: Tensor = g.input('hidden_states', [tokens, c.hidden]);
  for (let l = 0; l < c.layers; l++) {
    const name = `layer${l + 1}`;
    const a = attention(g, `${name}/attention`, x, tokens, c);
    x = g.layerNorm(`${name}/attention_norm`, g.addTensors(`${name}/attention_add`, x, a));
    const h = g.gelu(`${name}/ffn_gelu`, g.dense(`${name}/ffn_in`, x, c.hidden * 4));
    const f = g.dense(`${name}/ffn_out`, h, c.hidden);
    x = g.layerNorm(`${name}/ffn_norm`, g.addTensors(`${name}/ffn_add`, x, f));
  }
  return g.build([x]);
}
