import type { LeadFeatures } from '../features/extract';
import { intAttr, node, ONNX_FLOAT, type NodeSpec } from '../onnx/proto';
import type { TouchedRows } from './backward';
import { bagBackward, bagMean } from './embedding-bag';
import type { ModelParams } from './params';

/**
 * The seam for the text encoder. A tower turns a lead's text input into
 * `shape.textDim` numbers of the joined layer, passes gradients back, and
 * exports itself as an ONNX subgraph that ends in the tensor
 * `text_vector`. The hashed n-gram bag below is the one implementation; a
 * pretrained encoder exported to ONNX would be another (frozen: a no-op
 * backward), with the head and everything after it unchanged.
 */
export interface TextTower {
  readonly name: string;
  encode(
    params: ModelParams,
    x: LeadFeatures,
    out: Float64Array,
    offset: number,
  ): void;
  backward(
    params: ModelParams,
    grads: ModelParams,
    x: LeadFeatures,
    dOut: Float64Array,
    offset: number,
    touched: TouchedRows,
  ): void;
  /** Nodes reading the `text_ids` input and writing `text_vector`. */
  onnxNodes(textIdsInput: string): NodeSpec[];
}

export const NGRAM_BAG_TOWER: TextTower = {
  name: 'ngram-bag',

  encode(params, x, out, offset) {
    bagMean(params.textEmb.data, params.shape.textDim, x.textIds, out, offset);
  },

  backward(_params, grads, x, dOut, offset, touched) {
    bagBackward(
      grads.textEmb.data,
      grads.shape.textDim,
      x.textIds,
      dOut,
      offset,
      touched.text,
    );
  },

  onnxNodes(textIds) {
    return [
      node(
        'Gather',
        ['text_embedding', textIds],
        ['text_rows'],
        [intAttr('axis', 0)],
      ),
      node(
        'ReduceSum',
        ['text_rows', 'axis_1'],
        ['text_sum'],
        [intAttr('keepdims', 0)],
      ),
      node('Greater', [textIds, 'zero_i64'], ['text_present']),
      node(
        'Cast',
        ['text_present'],
        ['text_mask'],
        [intAttr('to', ONNX_FLOAT)],
      ),
      node(
        'ReduceSum',
        ['text_mask', 'axis_1'],
        ['text_count'],
        [intAttr('keepdims', 1)],
      ),
      // No text: the sum is zero and the divisor one, so the vector is zero.
      node('Max', ['text_count', 'one_f'], ['text_divisor']),
      node('Div', ['text_sum', 'text_divisor'], ['text_vector']),
    ];
  },
};
