/**
 * Draft gold from predictions, for a person to correct (issue 3: "so that new
 * gold is cheap to make"). The draft keeps only what gold holds: no ids
 * except money's (needed for equivalentOf), no cues, no entity ids.
 */
import { GoldSchema, type Gold } from '../../schemas/gold.ts';
import type { RecordLists } from './evaluate.ts';

/** The record's lists reshaped as a gold file for article `id`. */
export function draftGold(record: RecordLists, meta: { id: string; split: 'dev' | 'test' }): Gold {
  const span = (s: { text: string; start: number; end: number }) => ({ text: s.text, start: s.start, end: s.end });
  const gold: Gold = {
    id: meta.id,
    split: meta.split,
    families: [],
    notes: 'DRAFT from quarry predictions: correct every item by hand against the article, then delete this note.',
    entities: record.entities.map((e) => ({ type: e.type, name: e.name, mentions: e.mentions.map(span) })),
    quotes: record.quotes.map((q) => ({
      ...span(q),
      kind: q.kind,
      speaker: q.speaker ? { name: q.speaker.name, mention: q.speaker.mention ? span(q.speaker.mention) : null } : null,
    })),
    numbers: record.numbers.map((n) => ({
      ...span(n),
      value: n.value,
      ...(n.upper !== undefined && { upper: n.upper }),
      kind: n.kind,
      ...(n.qualifier !== undefined && { qualifier: n.qualifier }),
    })),
    money: record.money.map((m) => ({
      id: m.id,
      ...span(m),
      amount: m.amount,
      ...(m.upper !== undefined && { upper: m.upper }),
      currency: m.currency,
      ...(m.qualifier !== undefined && { qualifier: m.qualifier }),
      ...(m.per !== undefined && { per: m.per }),
      ...(m.equivalentOf !== undefined && { equivalentOf: m.equivalentOf }),
    })),
  };
  return GoldSchema.parse(gold);
}

/**
 * JSON for hand editing: every object without a list inside sits on one line
 * (a quote, a number, a mention), so a corrector reads one item per line and
 * a diff shows one line per corrected item.
 */
export function formatGoldJson(value: unknown, indent = ''): string {
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (!value.length) return '[]';
    if (value.every((v) => v === null || typeof v !== 'object')) return JSON.stringify(value).replace(/,/g, ', ');
    return `[\n${value.map((v) => inner + formatGoldJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (!entries.length) return '{}';
    const hasList = (v: unknown): boolean => Array.isArray(v) || (v !== null && typeof v === 'object' && Object.values(v).some(hasList));
    if (!entries.some(([, v]) => hasList(v))) {
      return `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${formatGoldJson(v, inner)}`).join(', ')} }`;
    }
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatGoldJson(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}
