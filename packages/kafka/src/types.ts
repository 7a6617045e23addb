import type { RecordHeaders } from '@leadscore/telemetry';

/** A record to produce. `timestampMs` is the record's event time; leave it
 * out to let the broker stamp it. */
export interface OutgoingRecord {
  topic: string;
  key: string | Buffer | null;
  value: string | Buffer | null;
  headers?: Record<string, string | Buffer>;
  timestampMs?: number;
  partition?: number;
}

export interface RecordAck {
  topic: string;
  partition: number;
  baseOffset: string;
}

/** A record as a consumer sees it. Offsets are strings: they are int64. */
export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeaders;
  timestampMs: number;
}

export interface TopicSpec {
  topic: string;
  partitions: number;
  replicationFactor?: number;
  /** Topic-level configs, e.g. `{ 'cleanup.policy': 'compact' }`. */
  configs?: Readonly<Record<string, string>>;
  /** Create the topic when missing but leave an existing one as it is.
   * For topics another component owns: adding partitions to a keyed topic
   * moves keys to other partitions. */
  createOnly?: boolean;
}

export interface EnsureTopicsResult {
  created: string[];
  existing: string[];
  /** Existing topics whose partitions or configs were brought in line. */
  updated: string[];
}

export interface ClusterInfo {
  clusterId: string;
  controllerId: number | null;
  brokers: { nodeId: number; host: string; port: number }[];
}
