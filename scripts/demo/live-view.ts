import { createScoredLeadSerde, topics } from '@leadscore/events';
import type { ConsumerRunner, KafkaClient } from '@leadscore/kafka';
import { randomUUID } from 'node:crypto';

export interface LiveCounts {
  routed: number;
  leads: Set<string>;
  leadsPerArm: Map<string, Set<string>>;
}

/**
 * A consumer of leads.scored.v1, as a CRM would point one at it, counting
 * routed scores, distinct leads and leads per arm for the live view.
 */
export async function watchScored(
  kafka: KafkaClient,
  registryUrl: string,
): Promise<{ counts: LiveCounts; runner: ConsumerRunner }> {
  const serde = await createScoredLeadSerde(registryUrl);
  const counts: LiveCounts = {
    routed: 0,
    leads: new Set(),
    leadsPerArm: new Map(),
  };
  const runner = await kafka.runConsumer({
    // Its own group each run: the view shows what arrives while it runs.
    groupId: `leadscore-live-view.${randomUUID()}`,
    topics: [topics.scored],
    fromBeginning: false,
    handleRecord: async (record) => {
      const scored = await serde.decode(record.value ?? Buffer.alloc(0));
      counts.routed++;
      counts.leads.add(scored.lead_id);
      const arm = scored.arm ?? '(no experiment)';
      const leads = counts.leadsPerArm.get(arm) ?? new Set<string>();
      leads.add(scored.lead_id);
      counts.leadsPerArm.set(arm, leads);
    },
  });
  return { counts, runner };
}

export function describeCounts(counts: LiveCounts): string {
  const arms = [...counts.leadsPerArm]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([arm, leads]) => `${arm} ${leads.size}`)
    .join(', ');
  return `scored leads ${counts.leads.size} (routed scores ${counts.routed}); leads per arm: ${arms || '-'}`;
}
