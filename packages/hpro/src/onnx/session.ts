import * as ort from 'onnxruntime-node';
import type { LeadFeatures } from '../features/extract';
import { ONNX_INPUTS, ONNX_OUTPUTS } from './graph';

/** onnxruntime-node behind the model's input/output contract. */
export class OnnxScorer {
  private constructor(private readonly session: ort.InferenceSession) {}

  static async load(pathOrBytes: string | Uint8Array): Promise<OnnxScorer> {
    const options: ort.InferenceSession.SessionOptions = {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
    };
    const session =
      typeof pathOrBytes === 'string'
        ? await ort.InferenceSession.create(pathOrBytes, options)
        : await ort.InferenceSession.create(pathOrBytes, options);
    return new OnnxScorer(session);
  }

  /** Logits and probabilities for a batch of leads. */
  async score(
    batch: LeadFeatures[],
  ): Promise<{ logits: Float32Array; probabilities: Float32Array }> {
    const feeds = toFeeds(batch);
    const out = await this.session.run(feeds);
    return {
      logits: (out[ONNX_OUTPUTS.logit] as ort.Tensor).data as Float32Array,
      probabilities: (out[ONNX_OUTPUTS.probability] as ort.Tensor)
        .data as Float32Array,
    };
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

/** Packs a batch; text ids are right-padded with 0 to the longest bag. */
export function toFeeds(batch: LeadFeatures[]): Record<string, ort.Tensor> {
  const n = batch.length;
  const denseDim = batch[0]?.dense.length ?? 0;
  const catFields = batch[0]?.catIds.length ?? 0;
  // At least one column: a zero-width tensor is legal ONNX but needless risk.
  const textLen = Math.max(1, ...batch.map((x) => x.textIds.length));
  const dense = new Float32Array(n * denseDim);
  const cat = new BigInt64Array(n * catFields);
  const text = new BigInt64Array(n * textLen);
  batch.forEach((x, r) => {
    dense.set(x.dense, r * denseDim);
    x.catIds.forEach((id, k) => (cat[r * catFields + k] = BigInt(id)));
    x.textIds.forEach((id, k) => (text[r * textLen + k] = BigInt(id)));
  });
  return {
    [ONNX_INPUTS.dense]: new ort.Tensor('float32', dense, [n, denseDim]),
    [ONNX_INPUTS.catIds]: new ort.Tensor('int64', cat, [n, catFields]),
    [ONNX_INPUTS.textIds]: new ort.Tensor('int64', text, [n, textLen]),
  };
}
