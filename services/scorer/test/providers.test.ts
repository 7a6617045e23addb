import t from 'tap';
import { createLogger } from '@leadscore/logging';
import { openSession } from '../src/onnx-session';
import { trainTestModels } from './helpers';
import { join } from 'node:path';

t.test(
  'asking for CUDA without its binaries runs on CPU with one warning',
  async (t) => {
    const models = trainTestModels();
    const lines: string[] = [];
    const logger = createLogger({
      level: 'warn',
      sink: { write: (line) => lines.push(line) },
    });
    const path = join(models.hproDir, 'model.onnx');

    const first = await openSession(path, ['cuda', 'cpu'], 1, logger);
    const second = await openSession(path, ['cuda'], 1, logger);
    t.same(first.providers, ['cpu']);
    t.same(second.providers, ['cpu'], 'cpu is always the fallback');
    const warnings = lines
      .map((l) => JSON.parse(l))
      .filter((r) => r.level === 'warn');
    t.equal(warnings.length, 1, 'one warning per process');
    t.match(
      warnings[0]?.msg,
      /CUDA execution provider requested; running on CPU/,
    );
    t.ok(first.session.inputNames.includes('dense'), 'the session works');
    await Promise.all([first.session.release(), second.session.release()]);
  },
);
