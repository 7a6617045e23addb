import { readFileSync } from 'node:fs';
import protobuf from 'protobufjs';

// ONNX TensorProto.DataType values.
export const ONNX_FLOAT = 1;
export const ONNX_BOOL = 9;
export const ONNX_INT64 = 7;

const protoPath = new URL('./onnx-subset.proto', import.meta.url);
const root = protobuf.parse(readFileSync(protoPath, 'utf8'), {
  keepCase: true,
}).root;
export const ModelProto = root.lookupType('onnx.ModelProto');

export interface NodeSpec {
  op: string;
  inputs: string[];
  outputs: string[];
  attributes?: Array<Record<string, unknown>>;
}

export function node(
  op: string,
  inputs: string[],
  outputs: string[],
  attributes: Array<Record<string, unknown>> = [],
): NodeSpec {
  return { op, inputs, outputs, attributes };
}

export const intAttr = (name: string, i: number) => ({ name, i, type: 2 });

export function floatTensor(
  name: string,
  dims: number[],
  values: ArrayLike<number>,
) {
  const data = Float32Array.from(values as ArrayLike<number>);
  return {
    name,
    dims,
    data_type: ONNX_FLOAT,
    raw_data: littleEndianBytes(data.buffer, 4),
  };
}

export function int64Tensor(name: string, dims: number[], values: number[]) {
  const data = BigInt64Array.from(values, (v) => BigInt(v));
  return {
    name,
    dims,
    data_type: ONNX_INT64,
    raw_data: littleEndianBytes(data.buffer, 8),
  };
}

/** raw_data is little-endian by the ONNX spec, whatever the host. */
function littleEndianBytes(buffer: ArrayBufferLike, width: number): Uint8Array {
  const bytes = new Uint8Array(buffer.slice(0));
  const hostIsLittle = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
  if (!hostIsLittle) {
    for (let i = 0; i < bytes.length; i += width)
      bytes.subarray(i, i + width).reverse();
  }
  return bytes;
}

/** ValueInfo for a tensor; a string dimension is symbolic ("batch"). */
export function valueInfo(
  name: string,
  elemType: number,
  dims: Array<number | string>,
  doc: string,
) {
  return {
    name,
    doc_string: doc,
    type: {
      tensor_type: {
        elem_type: elemType,
        shape: {
          dim: dims.map((d) =>
            typeof d === 'number' ? { dim_value: d } : { dim_param: d },
          ),
        },
      },
    },
  };
}
