import { z } from 'zod';
import { GoldSchema } from '../../../schemas/gold.ts';
import { RecordSchema } from '../../../schemas/record.ts';
import { parseFlags } from '../args.ts';
import { EXIT } from '../errors.ts';

const HELP = `Usage: quarry schema [--gold]

Prints the JSON Schema of a record (or, with --gold, of a gold file) to stdout.
The same files are committed as schemas/record.schema.json and schemas/gold.schema.json.`;

/** The JSON Schema documents generated from the zod schemas (the single source of truth). */
export function jsonSchemas(): { record: object; gold: object } {
  return {
    record: { title: 'quarry record', ...z.toJSONSchema(RecordSchema) },
    gold: { title: 'quarry gold', ...z.toJSONSchema(GoldSchema) },
  };
}

export const schemaText = (schema: object) => JSON.stringify(schema, null, 2) + '\n';

export async function runSchema(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, { gold: { type: 'boolean' } });
  if (values.help) {
    process.stdout.write(HELP + '\n');
    return EXIT.ok;
  }
  const schemas = jsonSchemas();
  process.stdout.write(schemaText(values.gold ? schemas.gold : schemas.record));
  return EXIT.ok;
}
