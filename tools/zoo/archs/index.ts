/**
 * The zoo's architectures: id, builder, input size and the published parameter and MAC counts
 * each must reproduce within 2% (tests/node/zoo-archs.test.ts).
 */
import type { Graph } from '../ir.ts';
import { bertEncoder } from './bert-encoder.ts';
import { mobilenetV1 } from './mobilenet-v1.ts';
import { mobilenetV2 } from './mobilenet-v2.ts';
import { resnet18 } from './resnet-18.ts';
import { squeezenet11 } from './squeezenet-1-1.ts';

export interface Arch {
  id: string;
  description: string;
  /** Builds the graph for a square input of `size` pixels (tokens for sequence models). */
  build(size: number): Graph;
  /** Input side (or sequence length) of the published model and of the emitted files. */
  size: number;
  /** Published counts at `size` with 1000 classes, and where they come from. */
  published: { params: number; macs: number; source: string };
}

export const ARCHS: readonly Arch[] = Object.freeze([
  {
    id: 'mobilenet-v1',
    description: 'MobileNetV1 1.0, 224×224, 1000 classes',
    build: mobilenetV1,
    size: 224,
    published: { params: 4.2e6, macs: 569e6, source: 'Howard et al. 2017, Table 8' },
  },
  {
    id: 'mobilenet-v2',
    description: 'MobileNetV2 1.0, 224×224, 1000 classes',
    build: mobilenetV2,
    size: 224,
    published: {
      params: 3.49e6,
      macs: 300e6,
      source: 'Sandler et al. 2018, Table 4 (300 M MACs); torchvision 3.50 M params less folded BN',
    },
  },
  {
    id: 'resnet-18',
    description: 'ResNet-18, 224×224, 1000 classes',
    build: resnet18,
    size: 224,
    published: { params: 11.69e6, macs: 1.82e9, source: 'He et al. 2016, Table 1; torchvision' },
  },
  {
    id: 'squeezenet-1.1',
    description: 'SqueezeNet 1.1, 224×224, 1000 classes',
    build: squeezenet11,
    size: 224,
    published: {
      params: 1.235e6,
      macs: 352e6,
      source: 'torchvision squeezenet1_1 (1.24 M params, 0.35 GFLOPS)',
    },
  },
  {
    id: 'bert-mini-encoder',
    description: 'BERT-mini encoder stack (L=4, H=256, A=4), 128 tokens of hidden states',
    build: (tokens) => bertEncoder(tokens),
    size: 128,
    published: {
      // Turc et al. 2019 publish 11.2 M with embeddings; the encoder alone is L·(12H² + 13H).
      params: 4 * (12 * 256 ** 2 + 13 * 256),
      macs: 4 * (12 * 128 * 256 ** 2 + 2 * 128 ** 2 * 256),
      source: 'BERT-mini (Turc et al. 2019) encoder: L·(12H²+13H) params, L·(12TH²+2T²H) MACs',
    },
  },
]);

export function archById(id: string): Arch {
  const arch = ARCHS.find((a) => a.id === id);
  if (!arch) throw new Error(`no zoo architecture "${id}"; known: ${ARCHS.map((a) => a.id).join(', ')}`);
  return arch;
}
