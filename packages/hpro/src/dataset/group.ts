import type { DatasetReport, Lead, LeadCreated, LeadEvent } from './types';

const TYPE_ORDER = { lead_created: 0, interaction: 1, stage_changed: 2 };

/**
 * Groups events by lead and sorts them by time. Events of a lead with no
 * lead_created, and events before the lead's creation, are counted in the
 * report and dropped, as the contract says.
 */
export function groupLeads(events: LeadEvent[], report: DatasetReport): Lead[] {
  const created = new Map<string, LeadCreated>();
  for (const event of events) {
    if (event.type !== 'lead_created') continue;
    const earlier = created.get(event.leadId);
    // Two creations of one lead: the earliest wins, the other is an orphan.
    if (earlier === undefined || event.tsMs < earlier.tsMs) {
      created.set(event.leadId, event);
    }
  }

  const byLead = new Map<string, LeadEvent[]>();
  for (const event of events) {
    const creation = created.get(event.leadId);
    if (
      creation === undefined ||
      (event.type === 'lead_created' && event !== creation)
    ) {
      report.orphanEvents++;
      continue;
    }
    if (event.tsMs < creation.tsMs) {
      report.eventsBeforeCreation++;
      continue;
    }
    let list = byLead.get(event.leadId);
    if (list === undefined) byLead.set(event.leadId, (list = []));
    list.push(event);
  }

  const leads: Lead[] = [];
  for (const [leadId, list] of byLead) {
    list.sort(
      (a, b) =>
        a.tsMs - b.tsMs ||
        TYPE_ORDER[a.type] - TYPE_ORDER[b.type] ||
        compareStrings(a.eventId, b.eventId),
    );
    const creation = created.get(leadId) as LeadCreated;
    leads.push({
      leadId,
      createdAtMs: creation.tsMs,
      attributes: creation.attributes,
      events: list,
    });
  }
  leads.sort(
    (a, b) =>
      a.createdAtMs - b.createdAtMs || compareStrings(a.leadId, b.leadId),
  );
  return leads;
}

/** Code-unit order, independent of the locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
