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

export function compileCheck(schema: object): Check {
  const s = schema as Schema;
  for (const keyword of Object.keys(s)) {
    if (!KNOWN.has(keyword)) throw new Error(`compileCheck: JSON Schema keyword "${keyword}" is not supported`);
  }
  const checks: Check[] = [];
  if (s.anyOf !== undefined) {
    const options = (s.anyOf as object[]).map(compileCheck);
    checks.push((v) => options.some((option) => option(v)));
  }
  if (s.type !== undefined) checks.push(typeCheck(s));
  if ('const' in s) {
    const value = s.const;
    checks.push((v) => v === value);
  }
  if (s.enum !== undefined) {
    const values = s.enum as unknown[];
    checks.push((v) => values.includes(v));
  }
  if (s.minLength !== undefined) {
    // zod's min() counts UTF-16 code units (string length), JSON Schema's code points; zod decides.
    const min = s.minLength as number;
    checks.push((v) => typeof v !== 'string' || v.length >= min);
  }
  if (s.pattern !== undefined) {
    const re = new RegExp(s.pattern as string, 'u');
    checks.push((v) => typeof v !== 'string' || re.test(v));
  }
  const bounds = numberBounds(s);
  if (bounds) checks.push(bounds);
  if (s.items !== undefined || s.minItems !== undefined) {
    const item = s.items === undefined ? () => true : compileCheck(s.items as object);
    const min = (s.minItems as number | undefined) ?? 0;
    checks.push((v) => {
      if (!Array.isArray(v)) return true;
      if (v.length < min) return false;
      for (let i = 0; i < v.length; i++) if (!item(v[i])) return false;
      return true;
    });
  }
  if (s.properties !== undefined) checks.push(objectCheck(s));
  if (checks.length === 1) return checks[0];
  return (v) => {
    for (let i = 0; i < checks.length; i++) if (!checks[i](v)) return false;
    return true;
  };
}

function typeCheck(s: Schema): Check {
  const types = (Array.isArray(s.type) ? s.type : [s.type]) as string[];
  const one = types.map((type): Check => {
    switch (type) {
      case 'string':
        return (v) => typeof v === 'string';
      case 'number':
        return (v) => typeof v === 'number' && Number.isFinite(v);
      case 'integer':
        return (v) => Number.isInteger(v);
      case 'boolean':
        return (v) => typeof v === 'boolean';
      case 'null':
        return (v) => v === null;
      case 'array':
        return (v) => Array.isArray(v);
      case 'object':
        return (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
      default:
        throw new Error(`compileCheck: JSON Schema type "${type}" is not supported`);
    }
  });
  return one.length === 1 ? one[0] : (v) => one.some((check) => check(v));
}

function numberBounds(s: Schema): Check | null {
  const min = s.minimum as number | undefined;
  const max = s.maximum as number | undefined;
  const above = s.exclusiveMinimum as number | undefined;
  const below = s.exclusiveMaximum as number | undefined;
  if (min === undefined && max === undefined && above === undefined && below === undefined) return null;
  return (v) =>
    typeof v !== 'number' ||
    ((min === undefined || v >= min) && (max === undefined || v <= max) && (above === undefined || v > above) && (below === undefined || v < below));
}

/**
 * An object's keys, each known and in the schema's order; its required keys
 * present, and every present value passing its property's check. A key
 * present with the value undefined counts as absent, as zod takes it for an
 * optional key (and keeps it, as this leaves it).
 */
function objectCheck(s: Schema): Check {
  if (s.additionalProperties !== false) throw new Error('compileCheck: an object schema must set additionalProperties: false');
  const properties = s.properties as { [key: string]: object };
  const keys = Object.keys(properties);
  const checks = keys.map((key) => compileCheck(properties[key]));
  const required = new Set((s.required as string[] | undefined) ?? []);
  const isRequired = keys.map((key) => required.has(key));
  for (const key of required) if (!(key in properties)) throw new Error(`compileCheck: required key "${key}" has no schema`);
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return true;
    const o = v as { [key: string]: unknown };
    let next = 0;
    for (const key in o) {
      while (next < keys.length && keys[next] !== key) next++;
      if (next === keys.length) return false;
      next++;
    }
    for (let i = 0; i < keys.length; i++) {
      const value = o[keys[i]];
      if (value === undefined) {
        if (isRequired[i]) return false;
      } else if (!checks[i](value)) return false;
    }
    return true;
  };
}
