import { headerKeys } from '@leadscore/events';
import type { ConsumedRecord, OutgoingRecord } from '@leadscore/kafka';

/** The input record as it was (key, value), with why and where from in
 * headers, as every service dead-letters. */
export function deadLetterRecord(
  record: ConsumedRecord,
  topic: string,
  reason: string,
): OutgoingRecord {
  return {
    topic,
    key: record.key,
    value: record.value,
    headers: {
      [headerKeys.deadLetterReason]: reason.slice(0, 2_000),
      [headerKeys.deadLetterCode]: 'score_record_invalid',
      [headerKeys.deadLetterSourceTopic]: record.topic,
      [headerKeys.deadLetterSourcePartition]: String(record.partition),
      [headerKeys.deadLetterSourceOffset]: record.offset,
      [headerKeys.deadLetterService]: 'ab-router',
    },
  };
}
