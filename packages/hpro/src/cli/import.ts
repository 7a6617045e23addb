import { HproError } from '../errors';
import { importOlist, OLIST_DEFAULT_SINCE } from '../importers/olist';
import { importXEducation } from '../importers/x-education';
import { DEFAULT_PROTOCOL } from '../protocol';
import { parse, required } from './args';

export const IMPORT_HELP = `hpro import x-education|olist --out DIR [--source DIR]
  Turns a public table into a dataset folder. Which columns are features
  and which are funnel signals is written in src/importers/*.md.
  --source DIR           the source folder (default ../shared/datasets/...)
  --decision-delay DUR   x-education only: where the synthetic signals go (default ${DEFAULT_PROTOCOL.decisionDelay})
  --label-window DUR     x-education only: sets observed_until (default ${DEFAULT_PROTOCOL.labelWindow})
  --since YYYY-MM-DD     olist only: first MQL day kept (default ${OLIST_DEFAULT_SINCE})`;

const DEFAULT_SOURCES: Record<string, string> = {
  'x-education': '../shared/datasets/x-education-leads',
  olist: '../shared/datasets/olist-marketing-funnel',
};

export async function importCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, {
    out: { type: 'string' },
    source: { type: 'string' },
    since: { type: 'string', default: OLIST_DEFAULT_SINCE },
    'decision-delay': {
      type: 'string',
      default: DEFAULT_PROTOCOL.decisionDelay,
    },
    'label-window': { type: 'string', default: DEFAULT_PROTOCOL.labelWindow },
  });
  const which = positionals[0];
  const out = required(values, 'out');
  if (which === undefined || !(which in DEFAULT_SOURCES)) {
    throw new HproError(
      'BAD_ARGUMENT',
      `import needs x-education or olist, got ${JSON.stringify(which)}`,
    );
  }
  const source =
    typeof values.source === 'string'
      ? values.source
      : (DEFAULT_SOURCES[which] as string);

  const result =
    which === 'olist'
      ? await importOlist(source, out, String(values.since))
      : await importXEducation(
          source,
          out,
          String(values['decision-delay']),
          String(values['label-window']),
        );
  process.stdout.write(
    `imported ${which}: ${result.leads} leads, ${result.events} events to ${out}\n`,
  );
}
