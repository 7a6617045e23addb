import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { readDataset } from '../src/dataset/read';
import { applyProtocol, DEFAULT_PROTOCOL } from '../src/protocol';
import { createRng } from '../src/rng';
import { simulate } from '../src/sim/simulate';
import { writeSimulation } from '../src/sim/write';
import { DEFAULT_PAIRS, PairIndex, TIERS } from '../src/train/pairs';

t.test('the simulator is deterministic for a seed', async (t) => {
  const a = simulate({ leads: 300, seed: 11, lang: 'en' });
  const b = simulate({ leads: 300, seed: 11, lang: 'en' });
  const c = simulate({ leads: 300, seed: 12, lang: 'en' });
  t.same(a, b);
  t.not(JSON.stringify(a.events), JSON.stringify(c.events));
});

t.test(
  'a simulated dataset reads cleanly and follows its funnel',
  async (t) => {
    const dir = join(t.testdir(), 'sim');
    const oracle = join(t.testdir(), 'oracle.jsonl');
    await writeSimulation(
      simulate({ leads: 6000, seed: 3, lang: 'zh' }),
      dir,
      oracle,
    );
    const ds = await readDataset(dir);
    t.equal(ds.report.badLines.length, 0);
    t.equal(ds.leads.length, 6000);
    t.equal(readFileSync(oracle, 'utf8').trim().split('\n').length, 6000);

    const split = applyProtocol(ds, DEFAULT_PROTOCOL);
    const all = [...split.train, ...split.test];
    const rate = all.reduce((n, e) => n + e.label, 0) / all.length;
    t.ok(rate >= 0.02 && rate <= 0.05, `conversion rate ${rate} in [2%, 5%]`);
    t.ok(split.excludedDecided > 0 && split.excludedUnmatured > 0);
    for (let depth = 0; depth <= 4; depth++) {
      t.ok(
        all.some((e) => e.depth === depth),
        `some lead ends at depth ${depth}`,
      );
    }
    t.ok(
      all.some((e) => e.lost),
      'some leads are lost',
    );

    const notes = ds.leads
      .flatMap((l) => l.events)
      .filter((e) => e.type === 'interaction');
    t.ok(
      notes.length > 0 &&
        notes.every(
          (e) => e.type === 'interaction' && /\p{Script=Han}/u.test(e.text),
        ),
      'Chinese notes',
    );
    const dealers = new Set(ds.leads.map((l) => l.attributes.dealer_id));
    t.ok(dealers.size >= 20, 'dealer ids are attributes');

    // The classic bug: a tier that never fires. One epoch's worth of batches.
    const index = new PairIndex(
      split.train.map((e) => ({
        createdAtMs: e.lead.createdAtMs,
        depth: e.depth,
        lost: e.lost,
      })),
      4,
      DEFAULT_PAIRS,
    );
    const counts = { wide: 0, medium: 0, narrow: 0 };
    const rng = createRng(1);
    for (let start = 0; start < split.train.length; start += 256) {
      const batch = Array.from(
        { length: Math.min(256, split.train.length - start) },
        (_, i) => start + i,
      );
      for (const pair of index.mine(batch, rng)) counts[pair.tier]++;
    }
    for (const tier of TIERS)
      t.ok(counts[tier] > 0, `tier ${tier} has ${counts[tier]} pairs`);
  },
);
