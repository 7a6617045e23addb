import type { ModelParams } from '../model/params';
import { NGRAM_BAG_TOWER, type TextTower } from '../model/text-tower';
import {
  floatTensor,
  int64Tensor,
  intAttr,
  ModelProto,
  node,
  ONNX_FLOAT,
  ONNX_INT64,
  valueInfo,
  type NodeSpec,
} from './proto';

export const OPSET = 17;
export const IR_VERSION = 8;

/** The contract the scorer is built against. */
export const ONNX_INPUTS = {
  dense: 'dense',
  catIds: 'cat_ids',
  textIds: 'text_ids',
} as const;
export const ONNX_OUTPUTS = {
  logit: 'logit',
  probability: 'probability',
} as const;

function headNodes(): NodeSpec[] {
  return [
    node(
      'Gather',
      ['category_embedding', ONNX_INPUTS.catIds],
      ['cat_rows'],
      [intAttr('axis', 0)],
    ),
    node(
      'ReduceSum',
      ['cat_rows', 'axis_1'],
      ['cat_sum'],
      [intAttr('keepdims', 0)],
    ),
    node('Mul', ['cat_sum', 'inv_cat_fields'], ['cat_vector']),
    node(
      'Gemm',
      [ONNX_INPUTS.dense, 'struct_weight', 'struct_bias'],
      ['struct_pre'],
      [intAttr('transB', 1)],
    ),
    node('Relu', ['struct_pre'], ['struct_vector']),
    node(
      'Concat',
      ['text_vector', 'cat_vector', 'struct_vector'],
      ['joined'],
      [intAttr('axis', 1)],
    ),
    node(
      'Gemm',
      ['joined', 'hidden_weight', 'hidden_bias'],
      ['hidden_pre'],
      [intAttr('transB', 1)],
    ),
    node('Relu', ['hidden_pre'], ['hidden']),
    node(
      'Gemm',
      ['hidden', 'out_weight', 'out_bias'],
      [ONNX_OUTPUTS.logit],
      [intAttr('transB', 1)],
    ),
    node('Sigmoid', [ONNX_OUTPUTS.logit], [ONNX_OUTPUTS.probability]),
  ];
}

/** Serialises the model as an ONNX ModelProto. */
export function buildOnnx(
  params: ModelParams,
  metadata: Record<string, string>,
  tower: TextTower = NGRAM_BAG_TOWER,
): Uint8Array {
  const s = params.shape;
  const tensors = [
    params.textEmb,
    params.catEmb,
    params.structW,
    params.structB,
    params.hiddenW,
    params.hiddenB,
    params.outW,
    params.outB,
  ];
  const initializer = [
    ...tensors.map((t) => floatTensor(t.name, t.shape, t.data)),
    int64Tensor('axis_1', [1], [1]),
    int64Tensor('zero_i64', [], [0]),
    floatTensor('one_f', [], [1]),
    floatTensor('inv_cat_fields', [], [1 / s.catFields]),
  ];
  const nodes = [...tower.onnxNodes(ONNX_INPUTS.textIds), ...headNodes()].map(
    (n, i) => ({
      name: `${n.op.toLowerCase()}_${i}`,
      op_type: n.op,
      input: n.inputs,
      output: n.outputs,
      attribute: n.attributes,
    }),
  );

  const graph = {
    name: 'hpro',
    node: nodes,
    initializer,
    input: [
      valueInfo(
        ONNX_INPUTS.dense,
        ONNX_FLOAT,
        ['batch', s.denseDim],
        'standardised dense features, feature spec order',
      ),
      valueInfo(
        ONNX_INPUTS.catIds,
        ONNX_INT64,
        ['batch', s.catFields],
        'hashed category ids, one per field',
      ),
      valueInfo(
        ONNX_INPUTS.textIds,
        ONNX_INT64,
        ['batch', 'text_len'],
        'hashed text n-gram ids, 0 = padding',
      ),
    ],
    output: [
      valueInfo(ONNX_OUTPUTS.logit, ONNX_FLOAT, ['batch', 1], 'ranking score'),
      valueInfo(
        ONNX_OUTPUTS.probability,
        ONNX_FLOAT,
        ['batch', 1],
        'sigmoid(logit)',
      ),
    ],
  };
  const model = {
    ir_version: IR_VERSION,
    producer_name: '@leadscore/hpro',
    producer_version: '0.1.0',
    graph,
    opset_import: [{ domain: '', version: OPSET }],
    metadata_props: Object.entries(metadata).map(([key, value]) => ({
      key,
      value,
    })),
  };
  const error = ModelProto.verify(model);
  if (error) throw new Error(`ONNX model does not verify: ${error}`);
  return ModelProto.encode(ModelProto.fromObject(model)).finish();
}
