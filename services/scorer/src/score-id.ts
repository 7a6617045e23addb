import { createHash } from 'node:crypto';

/** Hex SHA-256 (first 32 characters) of lead, causing event and model
 * version, joined by 0x1f (a byte no id contains): the same event scored
 * by the same model always gets the same id, so consumers can drop repeats
 * after an at-least-once redelivery. */
export function scoreId(
  leadId: string,
  eventId: string,
  modelVersion: string,
): string {
  return createHash('sha256')
    .update(`${leadId}\u001f${eventId}\u001f${modelVersion}`)
    .digest('hex')
    .slice(0, 32);
}
