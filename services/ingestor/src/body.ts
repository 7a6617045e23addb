import type { FieldProblem } from '@leadscore/events';
import type { IngestItem } from './pipeline';

/** A request body that could not be turned into events at all. */
export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Turns a request body into input items. `application/json` is one event
 * or an array of events; `application/x-ndjson` is the line format of
 * EVALUATION.md, one event per line, where a bad line (not JSON, not
 * UTF-8) becomes a rejected item with its index rather than failing the
 * others.
 */
export function parseBody(
  body: Buffer,
  contentType: string | undefined,
  maxBatchEvents: number,
): IngestItem[] {
  const mediaType = (contentType ?? 'application/json')
    .split(';')[0]
    ?.trim()
    .toLowerCase();
  const items =
    mediaType === 'application/x-ndjson' || mediaType === 'application/jsonl'
      ? parseLines(body)
      : mediaType === 'application/json'
        ? parseJson(body)
        : unsupported(mediaType);

  if (items.length > maxBatchEvents) {
    throw new BodyError(
      413,
      `batch has ${items.length} events; the limit is ${maxBatchEvents}`,
    );
  }
  return items;
}

function unsupported(mediaType: string | undefined): never {
  throw new BodyError(
    415,
    `content type ${mediaType ?? '(none)'} is not supported; use application/json or application/x-ndjson`,
  );
}

function parseJson(body: Buffer): IngestItem[] {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new BodyError(
      400,
      `body is not valid UTF-8 (first bad byte near offset ${firstInvalidOffset(body)})`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new BodyError(
      400,
      `body is not valid JSON: ${(error as Error).message}`,
    );
  }
  const values = Array.isArray(parsed) ? parsed : [parsed];
  return values.map((value) => ({ value }));
}

function parseLines(body: Buffer): IngestItem[] {
  const items: IngestItem[] = [];
  let start = 0;
  while (start < body.length) {
    let end = body.indexOf(0x0a, start);
    if (end === -1) end = body.length;
    const line = body.subarray(start, end);
    start = end + 1;
    if (line.toString('latin1').trim() === '') continue;
    items.push(readLine(line));
  }
  return items;
}

/** One line or record holding one JSON event. */
export function readLine(line: Buffer): IngestItem {
  let text: string;
  try {
    text = utf8.decode(line);
  } catch {
    return unreadable('(line)', 'is not valid UTF-8');
  }
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return unreadable(
      '(line)',
      `is not valid JSON: ${(error as Error).message}`,
    );
  }
}

function unreadable(field: string, problem: string): IngestItem {
  const reason: FieldProblem = { field, problem };
  return { unreadable: reason };
}

function firstInvalidOffset(body: Buffer): number {
  for (let end = 1; end <= body.length; end++) {
    try {
      utf8.decode(body.subarray(0, end));
    } catch {
      // A multi-byte sequence cut at `end` also throws; only report an
      // offset where no later byte can complete it.
      if (end === body.length || !isContinuation(body[end])) return end - 1;
    }
  }
  return body.length;
}

function isContinuation(byte: number | undefined): boolean {
  return byte !== undefined && (byte & 0xc0) === 0x80;
}
