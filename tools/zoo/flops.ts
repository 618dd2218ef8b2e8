/**
 * Parameter and multiply-accumulate counts of a zoo graph, the way papers report them:
 * params = every weight element once (shared weights once; batch-norm folded into biases);
 * MACs = conv `outH·outW·outC·(inC/groups)·kH·kW` + dense `rows·in·out` + matmul `M·K·N` per batch. Adds, activations, pooling
 * and biases are not counted (as in the MobileNet/ResNet papers' "mult-adds").
 */
import { type Graph } from './ir.ts';
import { dim, elementCount, nodeIndex, shapeOf } from './shapes.ts';

export interface Cost {
  /** Weight elements. */
  params: number;
  /** Multiply-accumulates of one inference at the graph's input size. */
  macs: number;
}

export function cost(graph: Graph): Cost {
  const index = nodeIndex(graph);
  let params = 0;
  for (const w of graph.weights.values()) params += elementCount(w.shape);
  let macs = 0;
  for (const node of graph.nodes) {
    if (node.op === 'conv2d') {
      const inChannels = dim(shapeOf(index, node.input), 1);
      macs += elementCount(node.shape) * (inChannels / node.groups) * node.kernel[0] * node.kernel[1];
    } else if (node.op === 'dense') {
      macs += elementCount(node.shape) * dim(shapeOf(index, node.input), 1);
    } else if (node.op === 'matmul') {
      const a = shapeOf(index, node.inputs[0]);
      macs += elementCount(node.shape) * dim(a, a.length - 1);
    }
  }
  return { params, macs };
}
