/**
 * The TFLite builtin operator codes and BuiltinOptions union indices the zoo's TFLite emitters
 * write (emit-tflite.ts, emit-tflite-int8.ts), as TensorFlow's `schema.fbs` numbers them.
 */
/** BuiltinOperator codes used. */
export const OP = Object.freeze({
  QUANTIZE: 114,
  DEQUANTIZE: 6,
  ADD: 0,
  LOGISTIC: 14,
  TANH: 28,
  RELU: 19,
  RELU6: 21,
  HARD_SWISH: 117,
  AVERAGE_POOL_2D: 1,
  CONCATENATION: 2,
  CONV_2D: 3,
  DEPTHWISE_CONV_2D: 4,
  FULLY_CONNECTED: 9,
  MAX_POOL_2D: 17,
  MUL: 18,
  RESHAPE: 22,
  RESIZE_BILINEAR: 23,
  RESIZE_NEAREST_NEIGHBOR: 97,
  LEAKY_RELU: 98,
  SPLIT: 49,
  SLICE: 65,
  SOFTMAX: 25,
  TRANSPOSE: 39,
  MEAN: 40,
  SUB: 41,
  RSQRT: 76,
  BATCH_MATMUL: 126,
  GELU: 150,
});
/** BuiltinOptions union indices used. */
export const OPTIONS = Object.freeze({
  Conv2D: 1,
  DepthwiseConv2D: 2,
  Pool2D: 5,
  FullyConnected: 8,
  Softmax: 9,
  Concatenation: 10,
  Add: 11,
  ResizeBilinear: 15,
  Mul: 21,
  ResizeNearestNeighbor: 74,
  Reducer: 27,
  Sub: 28,
  BatchMatMul: 101,
  Split: 35,
  LeakyRelu: 75,
  Gelu: 116,
});
