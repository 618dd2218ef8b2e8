/**
 * The models the scenarios run. MediaPipe's BlazeFace short-range detector (128×128) as a raw
 * `.tflite`: LiteRT.js runs it on WASM (XNNPACK) and WebGPU, fast enough on both that a phone
 * finishes the quick sizes in a minute or two (MobileNetV2 took 1.2 s per inference on a
 * software WebGPU).
 */
export const DETECTOR = 'face-detection-short';
