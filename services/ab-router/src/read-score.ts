import {
  isTransientSerdeError,
  leadScoreProblem,
  type LeadScore,
} from '@leadscore/events';
import { LeadscoreError } from '@leadscore/errors';

export type ReadResult = { score: LeadScore } | { problem: string };

/**
 * Decodes one input record. A record that cannot be a score is a problem
 * for the dead-letter topic; a registry that cannot be reached is thrown
 * (retriable), since the same record may decode once it is back.
 */
export async function readScore(
  value: Buffer | null,
  decode: (bytes: Buffer) => Promise<LeadScore>,
): Promise<ReadResult> {
  if (value === null || value.length === 0) {
    return { problem: 'record has no value' };
  }
  let decoded: LeadScore;
  try {
    decoded = await decode(value);
  } catch (error) {
    if (isTransientSerdeError(error)) {
      throw new LeadscoreError(
        'schema_registration_failed',
        'schema registry unreachable while decoding a score',
        { cause: error, retriable: true },
      );
    }
    return { problem: `not a leads.scores.v1 record: ${firstLine(error)}` };
  }
  const problem = leadScoreProblem(decoded);
  return problem ? { problem } : { score: decoded };
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]?.slice(0, 300) ?? '';
}
