import type { Assignment } from '@leadscore/events';

/** Reads the stored assignments of some leads (ClickHouse in the service,
 * a map in tests). */
export type AssignmentLoader = (
  leadIds: readonly string[],
) => Promise<Assignment[]>;

/** Leads per store read: keeps the query text well under ClickHouse's
 * 256 KiB max_query_size with ids of up to 200 characters. */
const LOAD_CHUNK_LEADS = 500;

/**
 * The sticky state in memory: every assignment of a lead in the
 * configured experiments, loaded from the store on the lead's first
 * record since start and kept up to date by `remember`. At most
 * `maxLeads` leads are held; the least recently used is dropped first,
 * and its next record loads it again, so the bound costs a query, never
 * stickiness.
 */
export class AssignmentCache {
  private readonly leads = new Map<string, Assignment[]>();
  private loads = 0;

  constructor(
    private readonly load: AssignmentLoader,
    private readonly maxLeads: number,
  ) {}

  /** Loads the leads not held yet, in a few queries for a whole batch
   * rather than one per lead. */
  async preload(leadIds: Iterable<string>): Promise<void> {
    const missing = [...new Set(leadIds)].filter((id) => !this.leads.has(id));
    for (let i = 0; i < missing.length; i += LOAD_CHUNK_LEADS) {
      const chunk = missing.slice(i, i + LOAD_CHUNK_LEADS);
      this.loads++;
      const loaded = await this.load(chunk);
      const byLead = new Map<string, Assignment[]>(chunk.map((id) => [id, []]));
      for (const a of loaded) byLead.get(a.lead_id)?.push(a);
      for (const [id, assignments] of byLead) this.hold(id, assignments);
    }
  }

  async assignmentsOf(leadId: string): Promise<readonly Assignment[]> {
    const held = this.leads.get(leadId);
    if (held) {
      // Re-inserting moves the lead to the young end of the Map's order.
      this.hold(leadId, held);
      return held;
    }
    await this.preload([leadId]);
    return this.leads.get(leadId) ?? [];
  }

  /** Records an assignment as soon as it is decided, so the lead's next
   * record in the same batch sees it. */
  remember(assignment: Assignment): void {
    const held = this.leads.get(assignment.lead_id) ?? [];
    const others = held.filter(
      (a) => a.experiment_id !== assignment.experiment_id,
    );
    this.hold(assignment.lead_id, [...others, assignment]);
  }

  /** Forgets every lead, so each is read again from the store: on a
   * rebalance, another instance may have assigned leads of the partitions
   * this one gets (back). */
  clear(): void {
    this.leads.clear();
  }

  /** Store reads so far. */
  get loadCount(): number {
    return this.loads;
  }

  get size(): number {
    return this.leads.size;
  }

  private hold(leadId: string, assignments: Assignment[]): void {
    this.leads.delete(leadId);
    this.leads.set(leadId, assignments);
    while (this.leads.size > this.maxLeads) {
      const oldest = this.leads.keys().next().value as string;
      this.leads.delete(oldest);
    }
  }
}
