import t from 'tap';
import type { Assignment } from '@leadscore/events';
import { AssignmentCache } from '../src/assignment-cache';
import { gradeCutsOf } from '../src/grades';
import { route, type RoutingTable } from '../src/route';
import { experiment, manifest, score } from './fixtures';

const cuts = new Map(
  ['model-a', 'model-b'].map((v) => [v, gradeCutsOf(manifest(v), v, v)]),
);
const table = (overrides: Partial<RoutingTable> = {}): RoutingTable => ({
  experiments: [experiment()],
  gradeCuts: cuts,
  defaultModelVersion: undefined,
  ...overrides,
});
const now = Date.parse('2026-12-03T00:00:00Z');

/** A lead whose bucket puts it in `arm` of the fixture experiment. */
function leadIn(arm: string): string {
  for (let i = 0; ; i++) {
    const decision = route(score({ lead_id: `L${i}` }), [], table(), now);
    if (decision.assignment?.arm === arm) return `L${i}`;
  }
}

/** Routes a lead's scores with every live model, as the router does,
 * through a cache over an in-memory store. */
async function routeAll(
  store: Map<string, Assignment[]>,
  routing: RoutingTable,
  leadId: string,
  eventId: string,
) {
  const cache = new AssignmentCache(
    async (ids) => ids.flatMap((id) => store.get(id) ?? []),
    100,
  );
  const results = [];
  for (const model of ['model-a', 'model-b']) {
    const s = score({
      lead_id: leadId,
      event_id: eventId,
      model_version: model,
      score_id: `${eventId}-${model}`,
    });
    const decision = route(s, await cache.assignmentsOf(leadId), routing, now);
    if (decision.isNewAssignment && decision.assignment) {
      store.set(leadId, [...(store.get(leadId) ?? []), decision.assignment]);
      cache.remember(decision.assignment);
    }
    results.push(decision);
  }
  return results;
}

t.test('only the arm model score is routed, with its grade', async (t) => {
  const lead = leadIn('challenger');
  const [a, b] = await routeAll(new Map(), table(), lead, 'e1');
  t.equal(a?.scored, undefined, 'model-a score of a challenger lead stays');
  t.equal(b?.scored?.model_version, 'model-b');
  t.equal(b?.scored?.score, 0.42);
  t.equal(b?.scored?.grade, 'B', '0.42 is between q75 (0.4) and q90 (0.6)');
  t.equal(b?.scored?.experiment_id, 'exp-1');
  t.equal(b?.scored?.arm, 'challenger');
  t.equal(b?.scored?.holdout, false);
  t.ok(a?.isNewAssignment && a.publishAssignment, 'assigned on first score');
  t.notOk(b?.isNewAssignment || b?.publishAssignment, 'once per lead');
});

t.test(
  'a holdout lead gets one record per event, no score, no grade',
  async (t) => {
    const lead = leadIn('holdout');
    const decisions = await routeAll(new Map(), table(), lead, 'e1');
    const records = decisions.flatMap((d) => (d.scored ? [d.scored] : []));
    t.equal(records.length, 1, 'one record although two models scored');
    const [record] = records;
    t.equal(record?.holdout, true);
    t.equal(record?.score, null);
    t.equal(record?.grade, null);
    t.equal(record?.model_version, null);
    t.equal(record?.score_id, null);
    t.equal(record?.event_ts, score().event_ts, 'carries the event time');
  },
);

t.test(
  'stickiness: a lead keeps its arm when the weights change',
  async (t) => {
    const store = new Map<string, Assignment[]>();
    const lead = leadIn('champion');
    await routeAll(store, table(), lead, 'e1');
    t.equal(store.get(lead)?.[0]?.arm, 'champion');

    // Weights now send every new lead to the challenger; a fresh cache
    // over the same store stands for a restarted router.
    const shifted = table({
      experiments: [
        experiment({
          arms: [
            { name: 'champion', weight: 0, modelVersion: 'model-a' },
            { name: 'challenger', weight: 1, modelVersion: 'model-b' },
          ],
        }),
      ],
    });
    const [a] = await routeAll(store, shifted, lead, 'e2');
    t.equal(a?.scored?.arm, 'champion', 'the assigned lead stays');
    t.equal(a?.isNewAssignment, false);
    const [, fresh] = await routeAll(store, shifted, 'a-new-lead', 'e3');
    t.equal(fresh?.scored?.arm, 'challenger', 'a new lead follows new weights');
  },
);

t.test(
  'redelivery of the assigning score republishes the assignment',
  async (t) => {
    const store = new Map<string, Assignment[]>();
    const lead = leadIn('champion');
    const [first] = await routeAll(store, table(), lead, 'e1');
    const [again] = await routeAll(store, table(), lead, 'e1');
    t.equal(again?.isNewAssignment, false, 'not assigned twice');
    t.equal(again?.publishAssignment, true, 'but published again');
    t.same(again?.assignment, first?.assignment, 'unchanged');
    t.equal(again?.scored?.scored_id, first?.scored?.scored_id, 'same id');
  },
);

t.test(
  'one running experiment per lead; outside, the default model',
  async (t) => {
    const store = new Map<string, Assignment[]>();
    const lead = leadIn('champion');
    const newer = experiment({
      id: 'exp-2',
      salt: 'salt-2',
      startMs: Date.parse('2026-02-01T00:00:00Z'),
    });
    const both = table({ experiments: [experiment(), newer] });
    const early = score({ lead_id: lead, event_ts: Date.parse('2026-01-15') });
    const first = route(early, [], both, now);
    t.equal(first.assignment?.experiment_id, 'exp-1', 'only exp-1 ran then');
    store.set(lead, [first.assignment as Assignment]);
    const later = route(
      score({ lead_id: lead }),
      store.get(lead) ?? [],
      both,
      now,
    );
    t.equal(later.assignment?.experiment_id, 'exp-1', 'stays while it runs');
    t.equal(later.isNewAssignment, false);

    const outside = score({ lead_id: 'x', event_ts: Date.parse('2030-01-01') });
    t.equal(route(outside, [], table(), now).scored, undefined);
    const routed = route(
      outside,
      [],
      table({ defaultModelVersion: 'model-a' }),
      now,
    );
    t.equal(routed.scored?.experiment_id, null);
    t.equal(routed.scored?.grade, 'B');
  },
);

t.test(
  'the cache holds at most maxLeads and reloads the evicted',
  async (t) => {
    let loads = 0;
    const cache = new AssignmentCache(async () => {
      loads++;
      return [];
    }, 2);
    for (const id of ['a', 'b', 'a', 'c', 'a', 'b'])
      await cache.assignmentsOf(id);
    t.equal(cache.size, 2);
    t.equal(loads, 4, 'a stayed (recently used); b was evicted by c');
  },
);
