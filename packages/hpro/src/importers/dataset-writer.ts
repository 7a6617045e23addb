import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeLines } from '../sim/write';

/** Collects events for one dataset folder and writes it. */
export class DatasetWriter {
  private readonly lines: Array<{ tsMs: number; line: string }> = [];
  private seq = 0;

  event(leadId: string, tsMs: number, body: Record<string, unknown>): void {
    const event = {
      event_id: `${leadId}-e${++this.seq}`,
      lead_id: leadId,
      ts: new Date(tsMs).toISOString(),
      ...body,
    };
    this.lines.push({ tsMs, line: JSON.stringify(event) });
  }

  async write(dir: string, funnel: Record<string, unknown>): Promise<number> {
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, 'funnel.json'),
      JSON.stringify(funnel, null, 2) + '\n',
    );
    this.lines.sort((a, b) => a.tsMs - b.tsMs);
    await writeLines(
      join(dir, 'events.jsonl'),
      this.lines.map((l) => l.line),
    );
    return this.lines.length;
  }
}
