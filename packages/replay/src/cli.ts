/**
 * npm run replay -- --data DIR [--url http://127.0.0.1:18080] [--rate 0]
 *                   [--batch 100]
 * Streams a dataset folder through the ingestor; prints a progress bar on
 * stderr and a final JSON line of counts on stdout.
 */
import { parseArgs } from 'node:util';
import { replayDataset } from './replay';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    url: { type: 'string', default: 'http://127.0.0.1:18080' },
    rate: { type: 'string', default: '0' },
    batch: { type: 'string', default: '100' },
  },
});

const ratePerS = Number(values.rate);
const batchEvents = Number(values.batch);
if (!values.data || !(ratePerS >= 0) || !(batchEvents >= 1)) {
  process.stderr.write(
    'usage: npm run replay -- --data DIR [--url URL] [--rate EVENTS_PER_S (0 = as fast as it goes)] [--batch N]\n',
  );
  process.exit(2);
}

const summary = await replayDataset({
  datasetDir: values.data,
  ingestorUrl: values.url ?? '',
  ratePerS,
  batchEvents,
  progress: process.stderr,
});
for (const r of summary.rejections) {
  process.stderr.write(`line ${r.line}: ${r.field} ${r.problem}\n`);
}
const { rejections: _shown, ...counts } = summary;
process.stdout.write(JSON.stringify(counts) + '\n');
