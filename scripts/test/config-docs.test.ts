import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { repoRoot } from '@leadscore/stack';
import { configurationDoc } from '../config-docs';

t.test(
  'docs/configuration.md lists exactly the settings the code accepts',
  async (t) => {
    const committed = readFileSync(
      join(repoRoot(), 'docs/configuration.md'),
      'utf8',
    );
    t.equal(
      committed,
      configurationDoc(),
      'regenerate with: npx tsx scripts/config-docs.ts > docs/configuration.md',
    );
  },
);
