import { LeadscoreError } from '@leadscore/errors';
import type { Logger } from '@leadscore/logging';
import * as ort from 'onnxruntime-node';

export type ProviderName = 'cuda' | 'cpu';

let warnedFallback = false;

/**
 * Opens an ONNX model with the configured execution providers in order.
 * CUDA is used only where onnxruntime-node has its binaries (a GPU
 * install); otherwise the session runs on CPU and one warning per process
 * says so. CPU is always appended as the last resort.
 */
export async function openSession(
  path: string,
  providers: readonly string[],
  intraOpThreads: number,
  logger: Logger,
): Promise<{ session: ort.InferenceSession; providers: ProviderName[] }> {
  const wanted = providers.filter(
    (p): p is ProviderName => p === 'cuda' || p === 'cpu',
  );
  const usable = wanted.filter((p) => p === 'cpu' || cudaBundled());
  const chosen: ProviderName[] = usable.includes('cpu')
    ? usable
    : [...usable, 'cpu'];
  if (wanted.includes('cuda') && !chosen.includes('cuda'))
    warnOnce(logger, 'CUDA binaries are not installed');

  const options = (
    eps: ProviderName[],
  ): ort.InferenceSession.SessionOptions => ({
    executionProviders: eps,
    intraOpNumThreads: intraOpThreads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
  });
  try {
    return {
      session: await ort.InferenceSession.create(path, options(chosen)),
      providers: chosen,
    };
  } catch (cause) {
    if (!chosen.includes('cuda')) {
      throw new LeadscoreError(
        'model_invalid',
        `ONNX Runtime could not open ${path}`,
        { cause, context: { path } },
      );
    }
    warnOnce(
      logger,
      `the CUDA provider failed to start: ${(cause as Error).message}`,
    );
    return {
      session: await ort.InferenceSession.create(path, options(['cpu'])),
      providers: ['cpu'],
    };
  }
}

function cudaBundled(): boolean {
  const backends = ort.listSupportedBackends?.() ?? [];
  return backends.some((b) => b.name === 'cuda' && b.bundled);
}

function warnOnce(logger: Logger, why: string): void {
  if (warnedFallback) return;
  warnedFallback = true;
  logger.warn('CUDA execution provider requested; running on CPU', { why });
}
