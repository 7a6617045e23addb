import { readFile } from 'node:fs/promises';

/**
 * RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines;
 * CRLF or LF line ends. Returns one object per row keyed by the header.
 */
export function parseCsv(text: string): Array<Record<string, string>> {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }

  const [header, ...body] = rows.filter(
    (r) => !(r.length === 1 && r[0] === ''),
  );
  if (!header) return [];
  return body.map((cells) =>
    Object.fromEntries(header.map((name, k) => [name, cells[k] ?? ''])),
  );
}

export async function readCsv(
  path: string,
): Promise<Array<Record<string, string>>> {
  return parseCsv(await readFile(path, 'utf8'));
}
