/**
 * The most recent `capacity` event ids, oldest evicted first. Per process
 * and in memory: a restart or a second instance forgets, which is why
 * downstream consumers also key on event_id. A Map keeps insertion order,
 * so eviction is O(1).
 */
export class DedupeWindow {
  private readonly ids = new Map<string, true>();

  constructor(private readonly capacity: number) {}

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(id: string): void {
    if (this.capacity === 0 || this.ids.has(id)) return;
    this.ids.set(id, true);
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.keys().next().value as string;
      this.ids.delete(oldest);
    }
  }

  /** Forgets an id whose event was not acknowledged, so a retry of it is
   * accepted. */
  remove(id: string): void {
    this.ids.delete(id);
  }

  get size(): number {
    return this.ids.size;
  }
}
