// `npm run schema`: regenerates the committed JSON Schema files from the zod schemas.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemas, schemaText } from '../src/cli/commands/schema.ts';
import { PROJECT_ROOT } from '../src/version.ts';

const { record, gold } = jsonSchemas();
writeFileSync(join(PROJECT_ROOT, 'schemas/record.schema.json'), schemaText(record));
writeFileSync(join(PROJECT_ROOT, 'schemas/gold.schema.json'), schemaText(gold));
console.log('wrote schemas/record.schema.json and schemas/gold.schema.json');
