/**
 * The zoo's architectures: id, builder, input size and the published parameter and MAC counts
 * each must reproduce within 2% (tests/node/zoo-archs.test.ts).
 */
import type { Graph } from '../ir.ts';
import { bertEncoder } from './bert-encoder.ts';
import { densenet121 } from './densenet-121.ts';
import { efficientnetB0 } from './efficientnet-b0.ts';
import { inceptionV3 } from './inception-v3.ts';
import { BASIC_LSTM_S, lstmKws } from './lstm-kws.ts';
import { mnasnet10 } from './mnasnet.ts';
import { mobilenetV1 } from './mobilenet-v1.ts';
import { mobilenetV2 } from './mobilenet-v2.ts';
import { mobilenetV3Large, mobilenetV3Small } from './mobilenet-v3.ts';
import { resnet18 } from './resnet-18.ts';
import { resnet50 } from './resnet-50.ts';
import { shufflenetV2 } from './shufflenet-v2.ts';
import { squeezenet11 } from './squeezenet-1-1.ts';
import { tinyYoloV2 } from './tiny-yolo-v2.ts';
import { unet } from './unet.ts';

export interface Arch {
  id: string;
  /** What the network does, as the catalog's `task` names it. */
  task: string;
  description: string;
  /** Builds the graph for a square input of `size` pixels (tokens or frames for sequence models). */
  build(size: number): Graph;
  /** Input side (or sequence length) of the published model and of the emitted files. */
  size: number;
  /**
   * Input side for the cross-library equivalence test when the default (64) is too small, e.g.
   * for unpadded (VALID) reductions that need a larger input.
   */
  testSize?: number;
  /** Published counts at `size` with 1000 classes, and where they come from. */
  published: { params: number; macs: number; source: string };
}

export const ARCHS: readonly Arch[] = Object.freeze([
  {
    id: 'mobilenet-v1',
    task: 'image classification',
    description: 'MobileNetV1 1.0, 224×224, 1000 classes',
    build: mobilenetV1,
    size: 224,
    published: { params: 4.2e6, macs: 569e6, source: 'Howard et al. 2017, Table 8' },
  },
  {
    id: 'mobilenet-v2',
    task: 'image classification',
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
    id: 'mobilenet-v3-small',
    task: 'image classification',
    description: 'MobileNetV3-Small 1.0, 224×224, 1000 classes',
    build: mobilenetV3Small,
    size: 224,
    published: {
      params: 2.54e6,
      macs: 56e6,
      source: 'torchvision mobilenet_v3_small (2.54 M); Howard et al. 2019 (56 M MACs)',
    },
  },
  {
    id: 'mobilenet-v3-large',
    task: 'image classification',
    description: 'MobileNetV3-Large 1.0, 224×224, 1000 classes',
    build: mobilenetV3Large,
    size: 224,
    published: {
      params: 5.48e6,
      macs: 217e6,
      source: 'torchvision mobilenet_v3_large (5.48 M); Howard et al. 2019 (217 M MACs)',
    },
  },
  {
    id: 'efficientnet-b0',
    task: 'image classification',
    description: 'EfficientNet-B0, 224×224, 1000 classes',
    build: efficientnetB0,
    size: 224,
    published: {
      params: 5.29e6,
      macs: 390e6,
      source: 'Tan & Le 2019, Table 2 (5.3 M params, 0.39 B FLOPs); torchvision 5.29 M',
    },
  },
  {
    id: 'resnet-18',
    task: 'image classification',
    description: 'ResNet-18, 224×224, 1000 classes',
    build: resnet18,
    size: 224,
    published: { params: 11.69e6, macs: 1.82e9, source: 'He et al. 2016, Table 1; torchvision' },
  },
  {
    id: 'resnet-50',
    task: 'image classification',
    description: 'ResNet-50 (v1.5), 224×224, 1000 classes',
    build: resnet50,
    size: 224,
    published: { params: 25.56e6, macs: 4.09e9, source: 'torchvision resnet50 (25.6 M params, 4.09 GFLOPS)' },
  },
  {
    id: 'densenet-121',
    task: 'image classification',
    description: 'DenseNet-121, 224×224, 1000 classes',
    build: densenet121,
    size: 224,
    published: {
      params: 7.98e6,
      macs: 2.834e9,
      source:
        'torchvision densenet121 (7,978,856 params incl. BN gamma/beta; 2.834 GFLOPS = conv+FC MACs); ' +
        'here BN after a conv folded into its bias, pre-activation BN as a 2-param/channel affine',
    },
  },
  {
    id: 'inception-v3',
    task: 'image classification',
    description: 'Inception-V3 (no auxiliary classifier), 299×299, 1000 classes',
    build: inceptionV3,
    size: 299,
    // The unpadded stem and reductions need ≥ 75 px; at 107 the last blocks still see 2×2 maps.
    testSize: 107,
    published: {
      params: 23.83e6,
      macs: 5.713e9,
      source:
        'torchvision inception_v3: 27,161,264 params less the 3,326,696 of AuxLogits = 23,834,568 ' +
        '(BN gamma/beta counted; here folded into conv biases), 5.713 GFLOPS = conv+FC MACs in eval ' +
        'mode (no aux); timm inception_v3.tv_in1k card: 23.8 M params, 5.7 GMACs',
    },
  },
  {
    id: 'mnasnet-1.0',
    task: 'image classification',
    description: 'MnasNet 1.0 (no squeeze-excite), 224×224, 1000 classes',
    build: mnasnet10,
    size: 224,
    published: {
      params: 4.38e6,
      macs: 312e6,
      source: 'torchvision mnasnet1_0 (4.38 M params); Tan et al. 2019 (312 M MACs)',
    },
  },
  {
    id: 'squeezenet-1.1',
    task: 'image classification',
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
    id: 'shufflenet-v2-1.0',
    task: 'image classification',
    description: 'ShuffleNetV2 1.0×, 224×224, 1000 classes',
    build: shufflenetV2,
    size: 224,
    published: {
      params: 2.28e6,
      macs: 146e6,
      source: 'torchvision shufflenet_v2_x1_0 (2.28 M); Ma et al. 2018 (146 M MACs)',
    },
  },
  {
    id: 'tiny-yolo-v2',
    task: 'object detection',
    description: 'Tiny-YOLOv2 (VOC) detector, 416×416, raw 13×13×125 grid',
    build: tinyYoloV2,
    size: 416,
    published: {
      params: 15.86e6,
      macs: 3.49e9,
      source: 'darknet yolov2-tiny-voc.cfg (6.97 BFLOPs = 2·MACs)',
    },
  },
  {
    id: 'bert-mini-encoder',
    task: 'text encoding',
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
  {
    id: 'unet',
    task: 'semantic segmentation',
    description:
      'U-Net segmenter (Ronneberger et al. 2015 topology, widths 16–256), 256×256, 3 classes of ' +
      'per-pixel logits; SAME padding (no valid convs or cropping), up-convolution = ×2 bilinear resize + 2×2 conv',
    build: (size) => unet(size),
    size: 256,
    published: {
      // No published model at these widths: closed forms of the original topology with widths
      // b·2^l (b = 16), 3 input channels, K = 3 classes, input S = 256. Params: encoder 9b² + 29b
      // + Σ(13.5w² + 2w) over 2b…16b, decoder Σ(35w² + 3w) over b…8b, head K(b + 1)
      // = 7574b² + 134b + K(b + 1) (a 2×2 conv has the 2×2 up-conv's weights; b = 64, K = 2 gives
      // 31.03 M, the original's usual figure). MACs: with SAME padding every level costs the same,
      // S²·b·(203b + 27 + K).
      params: 7574 * 16 ** 2 + 134 * 16 + 3 * (16 + 1),
      macs: 256 ** 2 * 16 * (203 * 16 + 27 + 3),
      source:
        'derived, not published: Ronneberger et al. 2015 U-Net at widths 16–256 with 3 classes, ' +
        '7574b²+134b+K(b+1) params, S²·b·(203b+27+K) MACs (SAME padding, resize + 2×2 conv up-convs)',
    },
  },
  {
    id: 'lstm-kws',
    task: 'keyword spotting',
    description: 'LSTM keyword spotter (Hello Edge Basic LSTM S: 118 cells), 49 frames × 10 MFCC, 12 classes',
    build: (frames) => lstmKws(frames),
    size: 49,
    published: lstmCounts(49, BASIC_LSTM_S.features, BASIC_LSTM_S.hidden, BASIC_LSTM_S.classes),
  },
]);

/**
 * Closed-form counts of a one-layer LSTM classifier: params 4H(F+H) + 4H + HC + C; MACs the
 * textbook T·4H(F+H) + HC less the first step's recurrent product 4H² (h₀ = 0, not computed).
 */
function lstmCounts(T: number, F: number, H: number, C: number) {
  return {
    params: 4 * H * (F + H) + 4 * H + H * C + C,
    macs: T * 4 * H * (F + H) - 4 * H * H + H * C,
    source:
      'Zhang et al. 2017 (Hello Edge) Basic LSTM S config from ARM-software/ML-KWS-for-MCU (118 cells, ' +
      '49×10 MFCC, 12 labels); closed form: 4H(F+H)+4H+HC+C params, T·4H(F+H)−4H²+HC MACs',
  };
}

export function archById(id: string): Arch {
  const arch = ARCHS.find((a) => a.id === id);
  if (!arch) throw new Error(`no zoo architecture "${id}"; known: ${ARCHS.map((a) => a.id).join(', ')}`);
  return arch;
}
