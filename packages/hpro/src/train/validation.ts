import type { LeadFeatures } from '../features/extract';
import { rocAuc } from '../eval/metrics';
import { rankOrder } from '../eval/ranking';
import { forward } from '../model/forward';
import type { ModelParams } from '../model/params';
import type { Example } from '../protocol';

/** Label ROC AUC on the validation slice: the early-stopping criterion. */
export function validationAuc(
  params: ModelParams,
  validation: Example[],
  x: LeadFeatures[],
): number | null {
  const scores = Float64Array.from(x, (f) => forward(params, f).logit);
  const leadIds = validation.map((e) => e.lead.leadId);
  const set = {
    leadIds,
    scores,
    labels: Uint8Array.from(validation, (e) => e.label),
    depths: Int32Array.from(validation, (e) => e.depth),
    probabilities: null,
  };
  return rocAuc(set, rankOrder(scores, leadIds));
}
