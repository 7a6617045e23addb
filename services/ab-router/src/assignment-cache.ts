import type { Assignment } from '@leadscore/events';

/** Reads a lead's stored assignments (ClickHouse in the service, a map in
 * tests). */
export type AssignmentLoader = (leadId: string) => Promise<Assignment[]>;

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

  async assignmentsOf(leadId: string): Promise<readonly Assignment[]> {
    const held = this.leads.get(leadId);
    if (held) {
      // Re-inserting moves the lead to the young end of the Map's order.
      this.leads.delete(leadId);
      this.leads.set(leadId, held);
      return held;
    }
    this.loads++;
    const loaded = await this.load(leadId);
    this.hold(leadId, loaded);
    return loaded;
  }

  /** Records an assignment once it is stored. */
  remember(assignment: Assignment): void {
    const held = this.leads.get(assignment.lead_id) ?? [];
    const others = held.filter(
      (a) => a.experiment_id !== assignment.experiment_id,
    );
    this.hold(assignment.lead_id, [...others, assignment]);
  }

  /** Store reads so far: one per lead per start, plus one per eviction. */
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
