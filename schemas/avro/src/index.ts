import { readFileSync } from 'node:fs';

/** Subjects follow Confluent's TopicNameStrategy: `<topic>-value`. */
export function valueSubject(topic: string): string {
  return `${topic}-value`;
}

function load(file: string): string {
  return readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
}

/** The lead event schema as registered: the .avsc file's text. */
export const leadEventSchemaText: string = load('leads.events.v1.avsc');

/** One score per lead event per live model version (leads.scores.v1). */
export const leadScoreSchemaText: string = load('leads.scores.v1.avsc');

/** Model releases and retirements (models.releases.v1). */
export const modelReleaseSchemaText: string = load('models.releases.v1.avsc');

/** A routed lead, what downstream systems consume (leads.scored.v1). */
export const scoredLeadSchemaText: string = load('leads.scored.v1.avsc');

/** One arm assignment per lead per experiment (experiments.assignments.v1). */
export const assignmentSchemaText: string = load(
  'experiments.assignments.v1.avsc',
);
