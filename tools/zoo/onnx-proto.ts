/**
 * The part of `onnx.proto` (github.com/onnx/onnx, Apache-2.0; field numbers copied exactly)
 * the zoo writes, compiled by protobufjs at load time. Encoding through protobufjs rather than
 * hand-written wire code: it is the library ONNX Runtime Web itself depends on, kept up, and
 * its field encoding order is the declaration order, so the same object gives the same bytes.
 * proto2 as upstream: explicitly set zeros are written, repeated scalars are unpacked.
 */
import protobuf from 'protobufjs';

const SCHEMA = `
syntax = "proto2";
package onnx;
message AttributeProto {
  optional string name = 1;
  optional float f = 2;
  optional int64 i = 3;
  optional bytes s = 4;
  repeated float floats = 7;
  repeated int64 ints = 8;
  optional int32 type = 20;
}
message ValueInfoProto {
  optional string name = 1;
  optional TypeProto type = 2;
}
message NodeProto {
  repeated string input = 1;
  repeated string output = 2;
  optional string name = 3;
  optional string op_type = 4;
  repeated AttributeProto attribute = 5;
  optional string domain = 7;
}
message ModelProto {
  optional int64 ir_version = 1;
  optional string producer_name = 2;
  optional string producer_version = 3;
  optional string domain = 4;
  optional int64 model_version = 5;
  optional string doc_string = 6;
  optional GraphProto graph = 7;
  repeated OperatorSetIdProto opset_import = 8;
}
message GraphProto {
  repeated NodeProto node = 1;
  optional string name = 2;
  repeated TensorProto initializer = 5;
  optional string doc_string = 10;
  repeated ValueInfoProto input = 11;
  repeated ValueInfoProto output = 12;
}
message TensorProto {
  repeated int64 dims = 1;
  optional int32 data_type = 2;
  optional string name = 8;
  optional bytes raw_data = 9;
}
message TensorShapeProto {
  message Dimension {
    optional int64 dim_value = 1;
  }
  repeated Dimension dim = 1;
}
message TypeProto {
  message Tensor {
    optional int32 elem_type = 1;
    optional TensorShapeProto shape = 2;
  }
  optional Tensor tensor_type = 1;
}
message OperatorSetIdProto {
  optional string domain = 1;
  optional int64 version = 2;
}
`;

/** AttributeProto.AttributeType values used here. */
export const ATTR = Object.freeze({ FLOAT: 1, INT: 2, STRING: 3, FLOATS: 6, INTS: 7 });
/** TensorProto.DataType values used here. */
export const DTYPE = Object.freeze({ FLOAT: 1, UINT8: 2, INT8: 3, INT32: 6, INT64: 7, FLOAT16: 10 });

const root = protobuf.parse(SCHEMA, { keepCase: true }).root;
const ModelProto = root.lookupType('onnx.ModelProto');

/**
 * Encodes a plain ModelProto object (keys as in onnx.proto) to bytes, in a Uint8Array of its own.
 * In Node protobufjs returns a `Buffer`, small ones cut from Node's shared 8 KB pool, and
 * `Buffer#slice()` does not copy: `.slice().buffer` of a small model was the whole pool.
 */
export function encodeModel(model: object): Uint8Array {
  const problem = ModelProto.verify(model as Record<string, unknown>);
  if (problem) throw new Error(`invalid ONNX model: ${problem}`);
  return new Uint8Array(ModelProto.encode(ModelProto.fromObject(model as Record<string, unknown>)).finish());
}
