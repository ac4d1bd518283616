/**
 * A yes/no check compiled from a JSON Schema: whether a value is one that
 * the zod schema the JSON Schema was generated from (`z.toJSONSchema`)
 * accepts and returns unchanged. The pipeline asks it first and leaves zod
 * to the records it does not pass, so zod still decides every record that
 * is wrong, with its own messages, and the zod schemas stay the single
 * source of truth.
 *
 * Why not zod alone: zod 4 parses each field of an object into a fresh
 * result object with its own issues array and builds the output as a copy
 * (zod/v4/core/schemas.js, generateFastpass). A record has a few hundred
 * fields, which came to 45 KB of garbage and 55 µs per article, about 3% of
 * the whole pipeline's time (CPU and allocation profiles of 1,000 synthetic
 * articles, scratch, 2026-12-08).
 *
 * The check is generated as the source of one function, as zod's own fast
 * path and ajv are: a first version made of one closure per keyword spent
 * 31 µs per record in calls between closures, none of which V8 could inline.
 *
 * "Unchanged" is strict, so that the record written is byte for byte the
 * one zod would have returned: an object passes only with no key the schema
 * lacks (zod would strip it) and with its keys in the schema's order (zod's
 * copy follows the schema's order). Numbers must be finite, as zod's are.
 * Only the keywords zod emits for quarry's schemas are known; any other
 * throws when the check is compiled, so a schema that grows a new kind of
 * rule fails loudly in the tests instead of going unchecked.
 */

/** The JSON Schema keywords compileCheck understands (annotations included). */
const KNOWN = new Set([
  '$schema', 'title', 'description',
  'type', 'const', 'enum', 'anyOf',
  'properties', 'required', 'additionalProperties',
  'items', 'minItems',
  'minLength', 'pattern',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
]);

export type Check = (value: unknown) => boolean;

type Schema = { [keyword: string]: unknown };

/**
 * Compiles `schema` (a JSON Schema object) into a check. Where Node forbids
 * generating code (`--disallow-code-generation-from-strings`) the check
 * passes nothing, so every record goes to zod, which falls back to its own
 * interpreter there.
 */
export function compileCheck(schema: object): Check {
  const gen = new Generator();
  const body = gen.statements(schema as Schema, 'v');
  // The constants (regexes, key lists, other checks) reach the code through `c`.
  let make: (c: unknown[]) => Check;
  try {
    make = new Function('c', `return function check(v) {\n${body}return true;\n};`) as (c: unknown[]) => Check;
  } catch (err) {
    if (err instanceof EvalError) return () => false;
    throw err;
  }
  return make(gen.constants);
}

class Generator {
  readonly constants: unknown[] = [];
  private vars = 0;

  /** A constant's expression in the generated code. */
  private constant(value: unknown): string {
    this.constants.push(value);
    return `c[${this.constants.length - 1}]`;
  }

  private variable(): string {
    return `x${this.vars++}`;
  }

  /** Statements that `return false` unless the value in variable `v` passes `s`. */
  statements(s: Schema, v: string): string {
    for (const keyword of Object.keys(s)) {
      if (!KNOWN.has(keyword)) throw new Error(`compileCheck: JSON Schema keyword "${keyword}" is not supported`);
    }
    let out = '';
    if (s.anyOf !== undefined) out += this.anyOf(s.anyOf as Schema[], v);
    if (s.type !== undefined) out += `if (!(${this.typeTest(s.type as string | string[], v)})) return false;\n`;
    if ('const' in s) out += `if (${v} !== ${this.literal(s.const)}) return false;\n`;
    if (s.enum !== undefined) out += `if (!(${(s.enum as unknown[]).map((e) => `${v} === ${this.literal(e)}`).join(' || ')})) return false;\n`;
    // zod's min() counts UTF-16 code units (string length), JSON Schema's code points; zod decides.
    if (s.minLength !== undefined) out += `if (typeof ${v} === 'string' && ${v}.length < ${Number(s.minLength)}) return false;\n`;
    if (s.pattern !== undefined) out += `if (typeof ${v} === 'string' && !${this.constant(new RegExp(s.pattern as string, 'u'))}.test(${v})) return false;\n`;
    const bounds: Array<[string, string]> = [['minimum', '<'], ['maximum', '>'], ['exclusiveMinimum', '<='], ['exclusiveMaximum', '>=']];
    for (const [keyword, fails] of bounds) {
      if (s[keyword] !== undefined) out += `if (typeof ${v} === 'number' && ${v} ${fails} ${Number(s[keyword])}) return false;\n`;
    }
    if (s.items !== undefined || s.minItems !== undefined) out += this.array(s, v);
    if (s.properties !== undefined) out += this.object(s, v);
    return out;
  }

  /** A primitive as a source literal (JSON Schema constants and enum values are JSON). */
  private literal(value: unknown): string {
    if (value !== null && typeof value === 'object') throw new Error('compileCheck: only primitive const and enum values are supported');
    return JSON.stringify(value);
  }

  private typeTest(type: string | string[], v: string): string {
    const types = Array.isArray(type) ? type : [type];
    return types
      .map((t) => {
        switch (t) {
          case 'string':
            return `typeof ${v} === 'string'`;
          case 'number':
            return `(typeof ${v} === 'number' && Number.isFinite(${v}))`;
          case 'integer':
            return `Number.isInteger(${v})`;
          case 'boolean':
            return `typeof ${v} === 'boolean'`;
          case 'null':
            return `${v} === null`;
          case 'array':
            return `Array.isArray(${v})`;
          case 'object':
            return `(typeof ${v} === 'object' && ${v} !== null && !Array.isArray(${v}))`;
          default:
            throw new Error(`compileCheck: JSON Schema type "${t}" is not supported`);
        }
      })
      .join(' || ');
  }

  /** anyOf: a nullable schema ([X, {type: null}]) inline, any other through a check per option. */
  private anyOf(options: Schema[], v: string): string {
    const isNull = (o: Schema) => o.type === 'null' && Object.keys(o).length === 1;
    const rest = options.filter((o) => !isNull(o));
    if (rest.length === 1 && options.length === 2) return `if (${v} !== null) {\n${this.statements(rest[0], v)}}\n`;
    const checks = options.map((o) => this.constant(compileCheck(o)));
    return `if (!(${checks.map((c) => `${c}(${v})`).join(' || ')})) return false;\n`;
  }

  private array(s: Schema, v: string): string {
    const i = this.variable();
    const x = this.variable();
    const min = (s.minItems as number | undefined) ?? 0;
    let out = `if (Array.isArray(${v})) {\n`;
    if (min > 0) out += `if (${v}.length < ${Number(min)}) return false;\n`;
    if (s.items !== undefined) out += `for (let ${i} = 0; ${i} < ${v}.length; ${i}++) {\nconst ${x} = ${v}[${i}];\n${this.statements(s.items as Schema, x)}}\n`;
    return out + '}\n';
  }

  /**
   * An object's keys, each known and in the schema's order; its required
   * keys present, and every present value passing its property's check. A
   * key present with the value undefined counts as absent, as zod takes it
   * for an optional key (and keeps it, as this leaves it).
   */
  private object(s: Schema, v: string): string {
    if (s.additionalProperties !== false) throw new Error('compileCheck: an object schema must set additionalProperties: false');
    const properties = s.properties as { [key: string]: Schema };
    const keys = Object.keys(properties);
    const required = new Set((s.required as string[] | undefined) ?? []);
    for (const key of required) if (!(key in properties)) throw new Error(`compileCheck: required key "${key}" has no schema`);
    const keyList = this.constant(keys);
    const next = this.variable();
    const key = this.variable();
    let out = `if (${this.typeTest('object', v)}) {\n`;
    out += `let ${next} = 0;\nfor (const ${key} in ${v}) {\nwhile (${next} < ${keys.length} && ${keyList}[${next}] !== ${key}) ${next}++;\nif (${next} === ${keys.length}) return false;\n${next}++;\n}\n`;
    for (const k of keys) {
      const x = this.variable();
      out += `const ${x} = ${v}[${JSON.stringify(k)}];\n`;
      out += required.has(k) ? `if (${x} === undefined) return false;\n${this.statements(properties[k], x)}` : `if (${x} !== undefined) {\n${this.statements(properties[k], x)}}\n`;
    }
    return out + '}\n';
  }
}
