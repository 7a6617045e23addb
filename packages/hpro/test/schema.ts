import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';

/** Compiles one of the package's JSON Schemas with ajv (strict mode). */
export function loadValidator(
  file: 'manifest.schema.json' | 'results.schema.json',
) {
  const schema = JSON.parse(
    readFileSync(new URL(`../schema/${file}`, import.meta.url), 'utf8'),
  );
  return new Ajv({
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
  }).compile(schema);
}
