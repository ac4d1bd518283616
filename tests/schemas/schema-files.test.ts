import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemas, schemaText } from '../../src/cli/commands/schema.ts';

// The JSON Schema files are generated from the zod schemas; a stale committed file fails here.
describe('committed JSON Schema files', () => {
  it.each(['record', 'gold'] as const)('schemas/%s.schema.json is fresh (run `npm run schema`)', (name) => {
    const committed = readFileSync(new URL(`../../schemas/${name}.schema.json`, import.meta.url), 'utf8');
    expect(committed).toBe(schemaText(jsonSchemas()[name]));
  });
});
