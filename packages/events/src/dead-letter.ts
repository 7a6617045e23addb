import type { ConsumedRecord, OutgoingRecord } from '@leadscore/kafka';
import { headerKeys } from './topics';

export interface DeadLetterCause {
  /** A short sentence: what is wrong with the record. */
  reason: string;
  /** An error code of packages/errors/src/codes.ts. */
  code: string;
  /** The service that gives up on the record. */
  service: string;
}

/** The input record as it came (key and value untouched), with why and
 * where from in headers: the one dead-letter shape every service writes. */
export function deadLetterRecord(
  record: ConsumedRecord,
  topic: string,
  cause: DeadLetterCause,
): OutgoingRecord {
  return {
    topic,
    key: record.key,
    value: record.value,
    headers: {
      [headerKeys.deadLetterReason]: cause.reason.slice(0, 2_000),
      [headerKeys.deadLetterCode]: cause.code,
      [headerKeys.deadLetterSourceTopic]: record.topic,
      [headerKeys.deadLetterSourcePartition]: String(record.partition),
      [headerKeys.deadLetterSourceOffset]: record.offset,
      [headerKeys.deadLetterService]: cause.service,
    },
  };
}
