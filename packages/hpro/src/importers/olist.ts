import { join } from 'node:path';
import { readCsv } from './csv';
import { DatasetWriter } from './dataset-writer';

// Column choices are explained in olist.md, beside this file.

export const OLIST_STAGES = ['mql', 'won'];
/** MQLs before this date were sampled before deals were recorded. */
export const OLIST_DEFAULT_SINCE = '2017-12-01';

export async function importOlist(
  sourceDir: string,
  outDir: string,
  since: string,
): Promise<{ leads: number; events: number }> {
  const mqls = await readCsv(
    join(sourceDir, 'olist_marketing_qualified_leads_dataset.csv'),
  );
  const deals = await readCsv(
    join(sourceDir, 'olist_closed_deals_dataset.csv'),
  );
  const wonAt = new Map(
    deals.map((d) => [d.mql_id ?? '', utc(d.won_date ?? '')]),
  );
  const writer = new DatasetWriter();

  let leads = 0;
  let lastEventMs = -Infinity;
  for (const mql of mqls) {
    const day = mql.first_contact_date ?? '';
    if (day < since) continue;
    const leadId = mql.mql_id ?? '';
    const createdMs = utc(`${day} 00:00:00`);
    writer.event(leadId, createdMs, {
      type: 'lead_created',
      source: 'olist',
      attributes: {
        origin: mql.origin || null,
        landing_page_id: mql.landing_page_id || null,
      },
    });
    leads++;
    lastEventMs = Math.max(lastEventMs, createdMs);

    const wonMs = wonAt.get(leadId);
    if (wonMs !== undefined && Number.isFinite(wonMs)) {
      writer.event(leadId, wonMs, {
        type: 'stage_changed',
        source: 'olist',
        stage: 'won',
      });
      lastEventMs = Math.max(lastEventMs, wonMs);
    }
  }

  const events = await writer.write(outDir, {
    stages: OLIST_STAGES,
    won: 'won',
    observed_until: new Date(lastEventMs).toISOString(),
    synthetic_time: false,
  });
  return { leads, events };
}

/** The files give local times without a zone; they are read as UTC. */
function utc(text: string): number {
  return Date.parse(`${text.replace(' ', 'T')}Z`);
}
