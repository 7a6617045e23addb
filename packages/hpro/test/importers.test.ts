import { existsSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { readDataset } from '../src/dataset/read';
import { parseCsv } from '../src/importers/csv';
import { importOlist, OLIST_DEFAULT_SINCE } from '../src/importers/olist';
import { importXEducation } from '../src/importers/x-education';
import { applyProtocol, DEFAULT_PROTOCOL } from '../src/protocol';

const SHARED = new URL('../../../../shared/datasets/', import.meta.url)
  .pathname;
const X_DIR = join(SHARED, 'x-education-leads');
const OLIST_DIR = join(SHARED, 'olist-marketing-funnel');

t.test('CSV: quotes, escaped quotes, embedded newlines, CRLF', async (t) => {
  const rows = parseCsv(
    'a,b,c\r\n1,"x, y","say ""hi"""\r\n2,"line\nbreak",\r\n',
  );
  t.same(rows, [
    { a: '1', b: 'x, y', c: 'say "hi"' },
    { a: '2', b: 'line\nbreak', c: '' },
  ]);
});

t.test(
  'x-education import',
  { skip: existsSync(X_DIR) ? false : `no ${X_DIR}` },
  async (t) => {
    const out = join(t.testdir(), 'x');
    const result = await importXEducation(X_DIR, out, 'P3D', 'P90D');
    t.equal(result.leads, 9240);
    const ds = await readDataset(out);
    t.equal(ds.report.badLines.length, 0);
    t.equal(ds.funnel.syntheticTime, true);
    const lead = ds.leads[0]!;
    t.notOk('Tags' in lead.attributes, 'sales-set columns are never features');
    t.notOk('Lead Quality' in lead.attributes);
    t.notOk('Converted' in lead.attributes);
    t.equal(
      Object.values(ds.leads.map((l) => l.attributes.Specialization)).includes(
        'Select',
      ),
      false,
    );

    const split = applyProtocol(ds, DEFAULT_PROTOCOL);
    const all = [...split.train, ...split.test];
    t.equal(
      all.length,
      9240,
      'nothing decided or unmatured: signals come after as_of',
    );
    t.equal(
      all.reduce((n, e) => n + e.label, 0),
      3561,
      'labels match PROVENANCE.md',
    );
    for (let depth = 0; depth <= 3; depth++)
      t.ok(
        all.some((e) => e.depth === depth),
        `depth ${depth} present`,
      );
  },
);

t.test(
  'olist import',
  { skip: existsSync(OLIST_DIR) ? false : `no ${OLIST_DIR}` },
  async (t) => {
    const out = join(t.testdir(), 'o');
    const result = await importOlist(OLIST_DIR, out, OLIST_DEFAULT_SINCE);
    t.equal(result.leads, 6198);
    const ds = await readDataset(out);
    t.equal(ds.report.badLines.length, 0);
    t.same(Object.keys(ds.leads[0]!.attributes).sort(), [
      'landing_page_id',
      'origin',
    ]);
    const won = ds.leads.filter((l) =>
      l.events.some((e) => e.type === 'stage_changed'),
    ).length;
    t.ok(won > 700 && won < 842, `${won} kept leads have a deal`);
  },
);
