/**
 * MediaPipe Tasks adapter (`@mediapipe/tasks-vision`): runs a whole task graph — the task's own
 * image pre-processing, the model, and its post-processing (anchors + NMS, mask resizing,
 * landmark projection) — not a bare network. The only module that imports the library.
 *
 * Backends: `wasm` = MediaPipe's CPU delegate (XNNPACK in WASM), `webgl` = its GPU delegate
 * (WebGL2, on an OffscreenCanvas we hand it, as a worker has no document). The catalog entry
 * (the model source's `entry`) says which task API a file is for (`mediapipe.api`); results
 * become fixed-shape outputs so the usual fingerprint check applies:
 * - faceDetector → `detections` [maxResults, 17]: score, box (origin x, y, width, height, all
 *   divided by the image size), 6 keypoints (x, y), best first, zero rows when fewer faces;
 * - imageSegmenter → `confidenceMasks` [masks, H, W], read back to CPU memory inside the run;
 * - poseLandmarker → `landmarks` [maxResults, 33, 5] (x, y, z, visibility, presence) and
 *   `worldLandmarks` [maxResults, 33, 3], zero rows when fewer poses;
 * - imageClassifier → `scores` [1, maxResults] and `indices` [1, maxResults] (class index as a
 *   float), best first: the model's raw output values (no softmax is applied by the task).
 * The input tensor (NHWC float in [0, 1]) becomes RGBA ImageData once per input array (cached, so
 * only the first inference pays for it).
 */
import {
  FaceDetector,
  ImageClassifier,
  ImageSegmenter,
  type ImageSegmenterResult,
  type NormalizedLandmark,
  PoseLandmarker,
  type PoseLandmarkerResult,
} from '@mediapipe/tasks-vision';
import {
  type LoadedModel,
  type LoadRequest,
  type OutputTensor,
  type RuntimeAdapter,
  UnsupportedError,
} from '../measure/adapter.ts';
import type { CaseOptions } from '../schema/run.ts';
import type { InputTensor } from '../suite/inputs.ts';
import type { MediaPipeTaskSpec } from '../suite/types.ts';
import { refuseForeignFetch, visionFileset } from './mediapipe-web.ts';

/**
 * The package's version. Its package.json is not exported (no `./package.json` in `exports`), so
 * it is stated here and a Node test checks it against the installed package.
 */
export const MEDIAPIPE_VERSION = '1.1.0';

const DELEGATES: Readonly<Record<string, 'CPU' | 'GPU'>> = Object.freeze({ wasm: 'CPU', webgl: 'GPU' });
const FACE_KEYPOINTS = 6;
const POSE_LANDMARKS = 33;

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** NHWC float [1, H, W, 3] in [0, 1] → RGBA ImageData. */
export function toImageData(input: InputTensor): ImageData {
  const [n, height, width, channels] = input.shape;
  if (input.shape.length !== 4 || n !== 1 || channels !== 3 || !height || !width) {
    throw new UnsupportedError(
      `MediaPipe tasks take one RGB image [1, H, W, 3]; input "${input.name}" is [${input.shape.join(', ')}]`,
    );
  }
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    for (let c = 0; c < 3; c++) rgba[p * 4 + c] = Math.round(Number(input.data[p * 3 + c]) * 255);
    rgba[p * 4 + 3] = 255;
  }
  return new ImageData(rgba, width, height);
}

/** One task instance: runs on an image and returns fixed-shape outputs (already on the CPU). */
interface Task {
  runner: { close(): void };
  infer(image: ImageData): OutputTensor[];
}

function landmarkRows(
  poses: NormalizedLandmark[][] | { x: number; y: number; z: number }[][],
  count: number,
  fields: number,
): Float32Array {
  const data = new Float32Array(count * POSE_LANDMARKS * fields);
  poses.slice(0, count).forEach((pose, i) => {
    pose.slice(0, POSE_LANDMARKS).forEach((l, j) => {
      const values = [
        l.x,
        l.y,
        l.z,
        (l as NormalizedLandmark).visibility,
        (l as NormalizedLandmark).presence,
      ];
      for (let f = 0; f < fields; f++) data[(i * POSE_LANDMARKS + j) * fields + f] = values[f] ?? 0;
    });
  });
  return data;
}

async function createTask(
  spec: MediaPipeTaskSpec,
  model: Uint8Array,
  delegate: 'CPU' | 'GPU',
  canvas: OffscreenCanvas,
): Promise<Task> {
  const fileset = visionFileset();
  const baseOptions = { modelAssetBuffer: model, delegate };
  const count = spec.maxResults ?? 1;
  switch (spec.api) {
    case 'faceDetector': {
      const runner = await FaceDetector.createFromOptions(fileset, {
        baseOptions,
        canvas,
        runningMode: 'IMAGE',
      });
      return {
        runner,
        infer(image) {
          const { width, height } = image;
          const rows = 1 + 4 + 2 * FACE_KEYPOINTS;
          const data = new Float32Array(count * rows);
          const found = runner
            .detect(image)
            .detections.map((d) => ({ d, score: d.categories[0]?.score ?? 0 }))
            .sort((a, b) => b.score - a.score);
          found.slice(0, count).forEach(({ d, score }, i) => {
            const box = d.boundingBox;
            const row = [score, (box?.originX ?? 0) / width, (box?.originY ?? 0) / height];
            row.push((box?.width ?? 0) / width, (box?.height ?? 0) / height);
            for (const k of d.keypoints.slice(0, FACE_KEYPOINTS)) row.push(k.x, k.y);
            data.set(row, i * rows);
          });
          return [{ name: 'detections', dtype: 'float32', shape: [count, rows], data }];
        },
      };
    }
    case 'imageSegmenter': {
      const runner = await ImageSegmenter.createFromOptions(fileset, {
        baseOptions,
        canvas,
        runningMode: 'IMAGE',
        outputConfidenceMasks: true,
        outputCategoryMask: false,
      });
      return {
        runner,
        infer(image) {
          let outputs: OutputTensor[] = [];
          // The callback form: masks live only during the callback, so they are read back
          // (a GPU→CPU copy on the GPU delegate) and copied out right here.
          runner.segment(image, (result: ImageSegmenterResult) => {
            const masks = result.confidenceMasks ?? [];
            const first = masks[0];
            if (!first) throw new Error('the segmenter returned no confidence mask');
            const size = first.width * first.height;
            const data = new Float32Array(masks.length * size);
            masks.forEach((m, i) => data.set(m.getAsFloat32Array(), i * size));
            outputs = [
              {
                name: 'confidenceMasks',
                dtype: 'float32',
                shape: [masks.length, first.height, first.width],
                data,
              },
            ];
          });
          return outputs;
        },
      };
    }
    case 'poseLandmarker': {
      const runner = await PoseLandmarker.createFromOptions(fileset, {
        baseOptions,
        canvas,
        runningMode: 'IMAGE',
        numPoses: count,
        outputSegmentationMasks: false,
        ...(spec.minConfidence === undefined
          ? {}
          : {
              minPoseDetectionConfidence: spec.minConfidence,
              minPosePresenceConfidence: spec.minConfidence,
            }),
      });
      return {
        runner,
        infer(image) {
          let outputs: OutputTensor[] = [];
          runner.detect(image, (result: PoseLandmarkerResult) => {
            outputs = [
              {
                name: 'landmarks',
                dtype: 'float32',
                shape: [count, POSE_LANDMARKS, 5],
                data: landmarkRows(result.landmarks, count, 5),
              },
              {
                name: 'worldLandmarks',
                dtype: 'float32',
                shape: [count, POSE_LANDMARKS, 3],
                data: landmarkRows(result.worldLandmarks, count, 3),
              },
            ];
          });
          return outputs;
        },
      };
    }
    case 'imageClassifier': {
      const runner = await ImageClassifier.createFromOptions(fileset, {
        baseOptions,
        canvas,
        runningMode: 'IMAGE',
        maxResults: count,
      });
      return {
        runner,
        infer(image) {
          const categories = [...(runner.classify(image).classifications[0]?.categories ?? [])].sort(
            (a, b) => b.score - a.score || a.index - b.index,
          );
          const scores = new Float32Array(count);
          const indices = new Float32Array(count);
          categories.slice(0, count).forEach((c, i) => {
            scores[i] = c.score;
            indices[i] = c.index;
          });
          return [
            { name: 'scores', dtype: 'float32', shape: [1, count], data: scores },
            { name: 'indices', dtype: 'float32', shape: [1, count], data: indices },
          ];
        },
      };
    }
    default:
      throw new UnsupportedError(`MediaPipe adapter has no task API "${(spec as { api: string }).api}"`);
  }
}

async function load(request: LoadRequest): Promise<LoadedModel> {
  const { backend, model, options } = request;
  const delegate = DELEGATES[backend];
  if (!delegate) throw new UnsupportedError(`MediaPipe Tasks have no backend "${backend}"`);
  const spec = model.entry?.mediapipe;
  if (model.format !== 'mediapipe-task' || !spec) {
    throw new UnsupportedError(`MediaPipe Tasks need a catalog task entry; ${model.id} is ${model.format}`);
  }
  const bytes = model.files[0]?.bytes;
  if (!bytes) throw new Error(`model ${model.id} has no files`);
  if (typeof OffscreenCanvas === 'undefined') {
    throw new UnsupportedError('MediaPipe Tasks need OffscreenCanvas in a worker');
  }
  const refused = refuseForeignFetch();
  // The GPU delegate renders into this canvas; the CPU delegate gets one too, so the library never
  // tries to create a DOM canvas (there is no document in a worker).
  const canvas = new OffscreenCanvas(1, 1);
  if (!canvas.getContext('webgl2')) {
    throw new UnsupportedError(
      delegate === 'GPU'
        ? 'MediaPipe GPU delegate needs WebGL2 in a worker, which OffscreenCanvas here lacks'
        : 'MediaPipe Tasks upload every input image through WebGL2, even on the CPU delegate; OffscreenCanvas in a worker here has no WebGL2',
    );
  }

  let task: Task;
  try {
    task = await createTask(spec, new Uint8Array(bytes), delegate, canvas);
  } catch (error) {
    // A graph the GPU delegate cannot build is data; on the CPU delegate it is an error.
    const message = `MediaPipe ${spec.api} could not start ${model.id} on ${delegate}: ${errorText(error)}`;
    throw delegate === 'GPU' ? new UnsupportedError(message) : new Error(message);
  }

  const images = new WeakMap<InputTensor['data'], ImageData>();
  const applied: CaseOptions = { ...options, delegate, task: spec.api };
  const notes = [
    `MediaPipe ${spec.api} with the ${delegate} delegate${delegate === 'CPU' ? ' (XNNPACK, WASM)' : ' (WebGL2)'}; ` +
      'timings include the task graph’s own pre- and post-processing',
  ];
  return {
    async run(inputs) {
      const input = inputs[0];
      if (!input || inputs.length !== 1)
        throw new Error(`MediaPipe tasks take one image, got ${inputs.length}`);
      let image = images.get(input.data);
      if (!image) {
        image = toImageData(input);
        images.set(input.data, image);
      }
      const outputs = task.infer(image);
      return model.outputs.map((name) => {
        const out = outputs.find((o) => o.name === name);
        if (!out)
          throw new Error(`output "${name}" missing; the task gave ${outputs.map((o) => o.name).join(', ')}`);
        return out;
      });
    },
    info() {
      const logging = refused.length
        ? [
            `MediaPipe usage logging refused (${refused.length} request(s) to ${new URL(refused[0] as string).host})`,
          ]
        : [];
      return {
        actualBackend: backend,
        libraryVersion: `@mediapipe/tasks-vision@${MEDIAPIPE_VERSION}`,
        options: applied,
        notes: [...notes, ...logging],
      };
    },
    async dispose() {
      task.runner.close();
    },
  };
}

export const adapter: RuntimeAdapter<'mediapipe'> = Object.freeze({ id: 'mediapipe', load });
