/**
 * The eval core: pure functions from (article, gold, record) pairs to keyed
 * figures. Nothing here reads files or prints, so a test can feed it a
 * doctored record and check exactly which figures move.
 *
 * Figure keys (all stable, `.`-separated; see README "Keeping a regression corpus"):
 *   <split>.articles
 *   <split>.<stage>.<mode>.{precision,recall,f1,tp,fp,fn}            stage: entities|quotes|numbers|money; mode: strict|lenient
 *   <split>.<stage>.type.<type>.<mode>.{precision,recall,f1,tp,fp,fn} type: entity type, quote kind, number kind, currency
 *   <split>.entities.clusters.{whole,mixed}.{rate,hits,total}
 *   <split>.quotes.{speaker_name,speaker_mention}.{rate,hits,total}
 *   <split>.numbers.value.{rate,hits,total}
 *   <split>.money.amount_currency.{rate,hits,total}
 *   <split>.quotes.family.<family>.{gold,strict.tp,strict.recall,lenient.tp,lenient.recall}
 *   <split>.quotes.family.<family>.speaker_name.{rate,hits,total}
 * split: dev, test, all. Rates are fractions in [0, 1] rounded to 4 decimals.
 */
import type { Gold } from '../../schemas/gold.ts';
import type { Record as QuarryRecord } from '../../schemas/record.ts';
import { sameSpeaker } from './fold.ts';
import { matchItems, type Item, type Matching, type MatchMode } from './match.ts';

/** What eval reads of a record: its four lists (a failed article is scored as four empty ones). */
export type RecordLists = Pick<QuarryRecord, 'entities' | 'quotes' | 'numbers' | 'money'>;

export interface EvalPair {
  id: string;
  text: string;
  gold: Gold;
  record: RecordLists;
}

/** Keyed figures: rates (precision, recall, f1, rate) in [0, 1] and counts. */
export type Figures = { [key: string]: number };

export const STAGES = ['entities', 'quotes', 'numbers', 'money'] as const;
export type EvalStage = (typeof STAGES)[number];
export const MODES = ['strict', 'lenient'] as const;

/** A gold or predicted item as scored: its span, its type and where it came from. */
export interface ScoredItem extends Item {
  text: string;
  /** For entity mentions: index of the entity holding it. */
  group?: number;
  /** Index of the item in its gold/record list (for entity mentions: the entity's). */
  index: number;
}

export interface StageScore {
  gold: ScoredItem[];
  pred: ScoredItem[];
  strict: Matching;
  lenient: Matching;
  /** Overlap regardless of type: the pairs attribute accuracy is measured on. */
  span: Matching;
}

export interface ArticleScore {
  id: string;
  split: 'dev' | 'test';
  stages: { [S in EvalStage]: StageScore };
}

function mentionItems(entities: ReadonlyArray<{ type: string; mentions: ReadonlyArray<{ text: string; start: number; end: number }> }>): ScoredItem[] {
  return entities
    .flatMap((e, index) => e.mentions.map((m) => ({ start: m.start, end: m.end, text: m.text, type: e.type, group: index, index })))
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

function spanItems<T extends { start: number; end: number; text: string }>(list: readonly T[], type: (t: T) => string): ScoredItem[] {
  return list.map((t, index) => ({ start: t.start, end: t.end, text: t.text, type: type(t), index }));
}

function scoreStage(gold: ScoredItem[], pred: ScoredItem[]): StageScore {
  return {
    gold,
    pred,
    strict: matchItems(gold, pred, 'strict'),
    lenient: matchItems(gold, pred, 'lenient'),
    span: matchItems(gold, pred, 'span'),
  };
}

/** Matches one article's record against its gold, stage by stage, in all three matchings. */
export function scoreArticle(pair: EvalPair): ArticleScore {
  const { gold, record } = pair;
  return {
    id: pair.id,
    split: gold.split,
    stages: {
      entities: scoreStage(mentionItems(gold.entities), mentionItems(record.entities)),
      quotes: scoreStage(spanItems(gold.quotes, (q) => q.kind), spanItems(record.quotes, (q) => q.kind)),
      numbers: scoreStage(spanItems(gold.numbers, (n) => n.kind), spanItems(record.numbers, (n) => n.kind)),
      money: scoreStage(spanItems(gold.money, (m) => m.currency), spanItems(record.money, (m) => m.currency)),
    },
  };
}

/** Equal within a relative 1e-6 (gold is typed by hand; records come from exact decimal parsing). */
export function sameNumber(a: number | undefined, b: number | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a === b) return true;
  return Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b));
}

function spansOverlap(a: { start: number; end: number } | null, b: { start: number; end: number } | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.min(a.end, b.end) > Math.max(a.start, b.start);
}

/** Why a span-matched pair's attributes are wrong, or null when they are right. */
export function attributeErrors(stage: EvalStage, pair: EvalPair, g: number, p: number): { speakerName?: boolean; speakerMention?: boolean | null; value?: boolean; amount?: boolean } {
  switch (stage) {
    case 'quotes': {
      const gq = pair.gold.quotes[g];
      const pq = pair.record.quotes[p];
      // An unset gold mention (`undefined`) was not annotated: left out of the mention figure.
      const goldMention = gq.speaker === null ? null : gq.speaker.mention;
      return {
        speakerName: !sameSpeaker(gq.speaker?.name ?? null, pq.speaker?.name ?? null),
        speakerMention: goldMention === undefined ? null : !spansOverlap(goldMention, pq.speaker?.mention ?? null),
      };
    }
    case 'numbers': {
      const gn = pair.gold.numbers[g];
      const pn = pair.record.numbers[p];
      return { value: !(sameNumber(gn.value, pn.value) && sameNumber(gn.upper, pn.upper) && gn.kind === pn.kind) };
    }
    case 'money': {
      const gm = pair.gold.money[g];
      const pm = pair.record.money[p];
      return { amount: !(sameNumber(gm.amount, pm.amount) && sameNumber(gm.upper, pm.upper) && gm.currency === pm.currency) };
    }
    default:
      return {};
  }
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
interface Ratio {
  hits: number;
  total: number;
}

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;
/** Key segments never contain the separator. */
const seg = (s: string): string => s.replace(/\./g, '_');

class Accumulator {
  readonly counts = new Map<string, Counts>();
  readonly ratios = new Map<string, Ratio>();
  readonly plain = new Map<string, number>();
  /** Recall-only counts (quote families: predictions carry no family, so there is no precision). */
  readonly recalls = new Map<string, Ratio>();

  count(key: string, tp: number, fp: number, fn: number): void {
    const c = this.counts.get(key) ?? { tp: 0, fp: 0, fn: 0 };
    c.tp += tp;
    c.fp += fp;
    c.fn += fn;
    this.counts.set(key, c);
  }
  ratio(key: string, hit: boolean): void {
    const r = this.ratios.get(key) ?? { hits: 0, total: 0 };
    r.total += 1;
    if (hit) r.hits += 1;
    this.ratios.set(key, r);
  }
  recall(key: string, found: boolean): void {
    const r = this.recalls.get(key) ?? { hits: 0, total: 0 };
    r.total += 1;
    if (found) r.hits += 1;
    this.recalls.set(key, r);
  }
  add(key: string, n: number): void {
    this.plain.set(key, (this.plain.get(key) ?? 0) + n);
  }

  figures(): Figures {
    const out: Figures = {};
    for (const [key, n] of this.plain) out[key] = n;
    for (const [key, { tp, fp, fn }] of this.counts) {
      out[`${key}.tp`] = tp;
      out[`${key}.fp`] = fp;
      out[`${key}.fn`] = fn;
      out[`${key}.precision`] = tp + fp ? round4(tp / (tp + fp)) : 0;
      out[`${key}.recall`] = tp + fn ? round4(tp / (tp + fn)) : 0;
      out[`${key}.f1`] = tp ? round4((2 * tp) / (2 * tp + fp + fn)) : 0;
    }
    for (const [key, { hits, total }] of this.recalls) {
      out[`${key}.tp`] = hits;
      out[`${key}.recall`] = round4(hits / total);
    }
    for (const [key, { hits, total }] of this.ratios) {
      out[`${key}.hits`] = hits;
      out[`${key}.total`] = total;
      if (total) out[`${key}.rate`] = round4(hits / total);
    }
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}

function accumulateArticle(acc: Accumulator, split: string, pair: EvalPair, score: ArticleScore): void {
  acc.add(`${split}.articles`, 1);
  for (const stage of STAGES) {
    const s = score.stages[stage];
    for (const mode of MODES) {
      const m = s[mode];
      acc.count(`${split}.${stage}.${mode}`, m.pairs.length, m.spurious.length, m.missed.length);
      // Make sure every gold and predicted type gets a row, even with no match.
      for (const [g] of m.pairs) acc.count(`${split}.${stage}.type.${seg(s.gold[g].type)}.${mode}`, 1, 0, 0);
      for (const j of m.spurious) acc.count(`${split}.${stage}.type.${seg(s.pred[j].type)}.${mode}`, 0, 1, 0);
      for (const i of m.missed) acc.count(`${split}.${stage}.type.${seg(s.gold[i].type)}.${mode}`, 0, 0, 1);
    }
    if (stage === 'entities') accumulateClusters(acc, split, s);
    for (const [gi, pj] of s.span.pairs) {
      const err = attributeErrors(stage, pair, s.gold[gi].index, s.pred[pj].index);
      if (err.speakerName !== undefined) acc.ratio(`${split}.quotes.speaker_name`, !err.speakerName);
      if (err.speakerMention !== undefined && err.speakerMention !== null) acc.ratio(`${split}.quotes.speaker_mention`, !err.speakerMention);
      if (err.value !== undefined) acc.ratio(`${split}.numbers.value`, !err.value);
      if (err.amount !== undefined) acc.ratio(`${split}.money.amount_currency`, !err.amount);
    }
  }
  accumulateFamilies(acc, split, pair, score.stages.quotes);
}

/**
 * Clustering, scored apart from mention finding: of the gold entities with
 * two or more mentions found, the share whose found mentions all sit in one
 * predicted entity ("whole"); of the predicted entities with two or more
 * mentions that match gold, the share that mix two gold entities ("mixed",
 * lower is better). Singletons are left out: they cannot be split or mixed.
 */
function accumulateClusters(acc: Accumulator, split: string, s: StageScore): void {
  const predGroupsOfGold = new Map<number, number[]>();
  const goldGroupsOfPred = new Map<number, number[]>();
  for (const [gi, pj] of s.span.pairs) {
    const g = s.gold[gi].group!;
    const p = s.pred[pj].group!;
    predGroupsOfGold.set(g, [...(predGroupsOfGold.get(g) ?? []), p]);
    goldGroupsOfPred.set(p, [...(goldGroupsOfPred.get(p) ?? []), g]);
  }
  for (const groups of predGroupsOfGold.values()) {
    if (groups.length >= 2) acc.ratio(`${split}.entities.clusters.whole`, new Set(groups).size === 1);
  }
  for (const groups of goldGroupsOfPred.values()) {
    if (groups.length >= 2) acc.ratio(`${split}.entities.clusters.mixed`, new Set(groups).size > 1);
  }
}

/** Per-family recall and speaker accuracy for gold quotes labelled with a `family` (precision has no family). */
function accumulateFamilies(acc: Accumulator, split: string, pair: EvalPair, s: StageScore): void {
  const strictFound = new Set(s.strict.pairs.map(([g]) => g));
  const lenientFound = new Set(s.lenient.pairs.map(([g]) => g));
  const spanPartner = new Map(s.span.pairs);
  s.gold.forEach((item, gi) => {
    const family = pair.gold.quotes[item.index].family;
    if (!family) return;
    const key = `${split}.quotes.family.${seg(family)}`;
    acc.add(`${key}.gold`, 1);
    acc.recall(`${key}.strict`, strictFound.has(gi));
    acc.recall(`${key}.lenient`, lenientFound.has(gi));
    const pj = spanPartner.get(gi);
    if (pj !== undefined) acc.ratio(`${key}.speaker_name`, !attributeErrors('quotes', pair, item.index, s.pred[pj].index).speakerName);
  });
}

/** Scores every pair and returns the keyed figures for each split and for all. */
export function evaluate(pairs: readonly EvalPair[]): Figures {
  const acc = new Accumulator();
  for (const pair of pairs) {
    const score = scoreArticle(pair);
    accumulateArticle(acc, score.split, pair, score);
    accumulateArticle(acc, 'all', pair, score);
  }
  return acc.figures();
}
