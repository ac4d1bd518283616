import { execFileSync } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';
import { RecordSchema } from '../../schemas/record.ts';
import { compileCheck } from '../../src/core/schema-check.ts';
import { extract, extractBatch, fitsRecordSchema as fits } from '../../src/pipeline.ts';
import { corpusTexts, rng, syntheticArticles } from '../../src/run/synthetic.ts';
import { ROOT } from '../helpers.ts';

const records = corpusTexts().map((text, i) => extract(text, { id: `c${i}` }));
/** The record zod returns, as JSON (undefined: zod rejects it). */
const zodJson = (value: unknown) => {
  const parsed = RecordSchema.safeParse(value);
  return parsed.success ? JSON.stringify(parsed.data) : undefined;
};
const clone = <T>(value: T): T => structuredClone(value);
/** A record with every kind of item, for the mutation table. */
const full = records.find((r) => r.entities.length && r.quotes.some((q) => q.speaker?.mention) && r.numbers.some((n) => n.qualifier) && r.money.length)!;

describe('compileCheck of the record schema', () => {
  it('passes every corpus record, which zod returns unchanged', () => {
    for (const r of records) {
      expect(fits(r), r.id).toBe(true);
      expect(zodJson(r), r.id).toBe(JSON.stringify(r));
    }
  });

  it('lets the pipeline take the records of the corpus and of 300 synthetic articles as they are, without zod', () => {
    // Stages that build an item's keys out of the schema's order ("upper"
    // added after "kind") still give valid records, through zod's copy: the
    // speed the check is for is lost, which only this test sees.
    const parse = vi.spyOn(RecordSchema, 'safeParse');
    try {
      const texts = [...corpusTexts(), ...[...syntheticArticles(corpusTexts(), 300, 5)].map((a) => a.text)];
      const results = extractBatch(texts.map((text, i) => ({ text, options: { id: `t${i}` } })));
      expect(results.every((r) => r.ok)).toBe(true);
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  // Each change makes zod reject the record, or return another one (stripped
  // or reordered): the check must send all of them to zod.
  const mutations: Array<[string, (r: any) => void, 'rejects' | 'changes']> = [
    ['a NaN value', (r) => (r.numbers[0].value = NaN), 'rejects'],
    ['an infinite amount', (r) => (r.money[0].amount = Infinity), 'rejects'],
    ['a fractional offset', (r) => (r.entities[0].mentions[0].start = 1.5), 'rejects'],
    ['a negative offset', (r) => (r.quotes[0].start = -1), 'rejects'],
    ['a string offset', (r) => (r.quotes[0].end = '9'), 'rejects'],
    ['an id of the wrong letter', (r) => (r.entities[0].id = 'q1'), 'rejects'],
    ['an unknown entity type', (r) => (r.entities[0].type = 'CITY'), 'rejects'],
    ['an empty name', (r) => (r.entities[0].name = ''), 'rejects'],
    ['an entity without mentions', (r) => (r.entities[0].mentions = []), 'rejects'],
    ['a missing required key', (r) => delete r.quotes[0].cue, 'rejects'],
    ['a required key set to undefined', (r) => (r.quotes[0].kind = undefined), 'rejects'],
    ['another schema version', (r) => (r.schemaVersion = 2), 'rejects'],
    ['byte offsets', (r) => (r.offsets = 'bytes'), 'rejects'],
    ['a lower-case currency', (r) => (r.money[0].currency = 'gbp'), 'rejects'],
    ['a null that is not allowed', (r) => (r.numbers[0].kind = null), 'rejects'],
    ['an array for an object', (r) => (r.stats = []), 'rejects'],
    ['a non-positive line', (r) => (r.source.line = 0), 'rejects'],
    ['a bad speaker entity id', (r) => (r.quotes.find((q: any) => q.speaker).speaker.entityId = 'e'), 'rejects'],
    ['an unknown key', (r) => (r.numbers[0].confidence = 0.9), 'changes'],
    ['an unknown top-level key', (r) => (r.debug = true), 'changes'],
    ['keys out of the schema order', (r) => {
      const { id, ...rest } = r.money[0];
      r.money[0] = { ...rest, id };
    }, 'changes'],
  ];
  it.each(mutations)('sends a record with %s to zod', (_name, mutate, zodDoes) => {
    const r = clone(full);
    mutate(r);
    expect(fits(r)).toBe(false);
    if (zodDoes === 'rejects') expect(zodJson(r)).toBeUndefined();
    else expect(zodJson(r)).not.toBe(JSON.stringify(r));
  });

  it('passes what zod keeps as it is: absent optional keys, nulls where allowed, an optional key set to undefined', () => {
    const r = clone(full);
    const q = r.quotes.find((x) => x.speaker)!;
    q.speaker = null;
    q.cue = null;
    delete r.numbers[0].qualifier;
    // (Set in place: a key added at the end would be out of the schema's order.)
    r.numbers.find((n) => n.qualifier)!.qualifier = undefined;
    expect(fits(r)).toBe(true);
    expect(zodJson(r)).toBe(JSON.stringify(r));
  });

  it('never passes a record that zod rejects or changes, over random edits', () => {
    const values: unknown[] = [NaN, Infinity, -1, 0, 1.5, 7, '', 'x', 'e1', 'q2', 'GBP', 'PERSON', 'direct', null, undefined, {}, [], true];
    const next = rng(11);
    const random = (n: number) => Math.floor(next() * n);
    let passed = 0;
    for (let k = 0; k < 3000; k++) {
      const r = clone(records[random(records.length)]) as any;
      // Walk down to a random object or array, then set, delete or add one of its keys.
      let node = r;
      for (let depth = 0; depth < 4; depth++) {
        const keys = Object.keys(node).filter((key) => node[key] && typeof node[key] === 'object');
        if (!keys.length || random(3) === 0) break;
        node = node[keys[random(keys.length)]];
      }
      const keys = Object.keys(node);
      const key = keys[random(keys.length)];
      const action = random(4);
      if (action === 0 && keys.length) delete node[key];
      else if (action === 1) node[['extra', 'id', 'text', 'start'][random(4)]] = values[random(values.length)];
      else if (action === 2 && keys.length) node[key] = values[random(values.length)];
      // A value of the same kind: often still valid, so the check's passes are tested too.
      else if (typeof node[key] === 'number') node[key] += random(3) - 1;
      else if (typeof node[key] === 'string') node[key] = [node[key].slice(1), node[key] + '1', node[key].toUpperCase()][random(3)];
      if (!fits(r)) continue;
      passed++;
      expect(zodJson(r)).toBe(JSON.stringify(r));
    }
    // The edits that keep a record valid (an optional key dropped, a value for another of its kind) pass.
    expect(passed).toBeGreaterThan(300);
  });
});

describe('compileCheck', () => {
  it('leaves every record to zod where Node forbids generating code, and the pipeline still runs', () => {
    // A hardened deployment may start Node with this flag; the check then passes nothing.
    const code = `import('./src/pipeline.ts').then((m) => { const r = m.extract('Shares rose to £7.7bn, the minister, Jane Doe, said.', { id: 'x' }); console.log(JSON.stringify([r.money[0].amount, r.entities.length])); })`;
    const out = execFileSync(process.execPath, ['--disallow-code-generation-from-strings', '--import', 'tsx', '-e', code], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([7700000000, 1]);
  });

  // Schemas beyond the record's own: each case, a value and whether it passes.
  const cases: Array<[string, object, unknown, boolean]> = [
    ['anyOf of two types: a string', { anyOf: [{ type: 'string' }, { type: 'integer' }] }, 'a', true],
    ['anyOf of two types: an integer', { anyOf: [{ type: 'string' }, { type: 'integer' }] }, 3, true],
    ['anyOf of two types: neither', { anyOf: [{ type: 'string' }, { type: 'integer' }] }, 3.5, false],
    ['a nullable object: null', { anyOf: [{ type: 'object', properties: {}, additionalProperties: false }, { type: 'null' }] }, null, true],
    ['a nullable object: a key it lacks', { anyOf: [{ type: 'object', properties: {}, additionalProperties: false }, { type: 'null' }] }, { a: 1 }, false],
    ['an enum of strings', { type: 'string', enum: ['a', 'b'] }, 'c', false],
    ['a const number', { type: 'number', const: 1 }, 1, true],
    ['an exclusive maximum', { type: 'number', exclusiveMaximum: 5 }, 5, false],
    ['a maximum', { type: 'number', maximum: 5 }, 5, true],
    ['items and a minimum count', { type: 'array', items: { type: 'boolean' }, minItems: 2 }, [true], false],
    ['items of the wrong type', { type: 'array', items: { type: 'boolean' } }, [true, 0], false],
    ['a type list', { type: ['string', 'null'] }, null, true],
  ];
  it.each(cases)('checks %s', (_name, schema, value, passes) => {
    expect(compileCheck(schema)(value)).toBe(passes);
  });

  it('refuses a keyword it does not know rather than skip it', () => {
    expect(() => compileCheck({ type: 'string', format: 'email' })).toThrow(/keyword "format"/);
    expect(() => compileCheck({ type: 'object', properties: { a: { type: 'string' } } })).toThrow(/additionalProperties/);
  });
});
