import type { TopicSpec } from '@leadscore/kafka';
import {
  deadLetterTopicConfigs,
  DEFAULT_PARTITIONS,
  eventTimeTopicConfigs,
  topics,
} from './topics';

export interface RouterTopicNames {
  scores: string;
  scored: string;
  assignments: string;
  deadLetter: string;
}

/**
 * The topics of the A/B router, created when missing. All keyed by
 * lead_id with the same partition count, so a lead's scores, routed
 * records and assignments share a partition number. The input is created
 * too, so that a router started before the scorer can subscribe.
 */
export function routerTopicSpecs(
  names: RouterTopicNames = {
    scores: topics.scores,
    scored: topics.scored,
    assignments: topics.assignments,
    deadLetter: topics.deadLetter,
  },
  partitions = DEFAULT_PARTITIONS,
): TopicSpec[] {
  return [
    { topic: names.scores, partitions, configs: eventTimeTopicConfigs },
    { topic: names.scored, partitions, configs: eventTimeTopicConfigs },
    { topic: names.assignments, partitions, configs: eventTimeTopicConfigs },
    {
      topic: names.deadLetter,
      partitions: 1,
      configs: deadLetterTopicConfigs,
    },
  ];
}
