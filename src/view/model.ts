/**
 * What a review page shows, computed from an article's text, its record and
 * (optionally) its gold: the marks to lay over the text, the entity lists that
 * drive selection, the quote and value tables, and the article's figures.
 * Pure: no files, no HTML (that is page.ts).
 *
 * With gold, items are classified by the eval's own strict one-to-one matching
 * (src/eval: exact span and type), so a page always agrees with `quarry eval`:
 * a match is drawn once (from the prediction), a miss from the gold item, a
 * false positive from the prediction. A type error is therefore a miss and a
 * false positive on the same characters, shown side by side like a diff.
 */
import type { Gold } from '../../schemas/gold.ts';
import type { MoneyItem, NumberItem, Quote, RecordWarning } from '../../schemas/record.ts';
import { attributeErrors, evaluate, scoreArticle, STAGES, type EvalPair, type EvalStage, type Figures, type RecordLists } from '../eval/evaluate.ts';
import { foldSpeakerName } from '../eval/fold.ts';
import type { Mark } from './markup.ts';

export type Diff = 'match' | 'miss' | 'fp';

/** One article to render: its text and record, and its gold when comparing. */
export interface ViewArticle {
  id: string;
  text: string;
  record: RecordLists & { warnings?: readonly RecordWarning[] };
  gold?: Gold;
  title?: string;
  /** Where the article came from, shown on the page. */
  source?: string;
  /** A remark for the reader (e.g. "no gold file beside the article"). */
  note?: string;
}

export interface EntityEntry {
  key: string;
  name: string;
  type: string;
  mentions: number;
  quotes: number;
  /** With gold: how many of its mentions matched, were missed or were extra. */
  diff?: { [D in Diff]: number };
}

export interface QuoteRow {
  key: string;
  diff?: Diff;
  /** With gold: the matched quote's speaker differs from gold's. */
  wrong?: string;
  kind: string;
  speaker: string;
  cue: string;
  text: string;
}

export interface ValueRow {
  key: string;
  layer: 'num' | 'money';
  diff?: Diff;
  wrong?: string;
  text: string;
  value: string;
}

export interface StageFigures {
  stage: EvalStage;
  strict: { precision: number; recall: number; f1: number; tp: number; fp: number; fn: number };
  lenient: { precision: number; recall: number; f1: number };
}

/** Per-article numbers for the index (and the page header). */
export interface ArticleSummary {
  id: string;
  title?: string;
  entities: number;
  mentions: number;
  quotes: number;
  numbers: number;
  money: number;
  warnings: number;
  /** With gold: micro-averaged strict F1 over the four stages, and its counts. */
  gold?: { f1: number; precision: number; recall: number; tp: number; fp: number; fn: number; stages: StageFigures[]; split: string };
  note?: string;
}

export interface PageModel {
  marks: Mark[];
  entities: EntityEntry[];
  goldEntities: EntityEntry[];
  quotes: QuoteRow[];
  values: ValueRow[];
  /** Hidden descriptions referenced by aria-describedby: [element id, text]. */
  descriptions: Array<[string, string]>;
  summary: ArticleSummary;
  /** With gold: speaker/value/amount accuracy on matched items, as [label, hits, total]. */
  accuracy: Array<[string, number, number]>;
}

/**
 * Which element goes outside when two share a span: quotes around speaker
 * words around names; a gold-only item outside a prediction on the same
 * characters, so a struck-through false positive never strikes the miss.
 */
/** The element id of an item's first fragment, so the tables below the text can link to it. */
export const anchorId = (key: string) => `k-${key}`;

const RANK = { quote: 0, spk: 1, ent: 2, cue: 3, money: 4, num: 5 } as const;
const DIFF_WORD: { [D in Diff]: string } = { match: '✓', miss: 'missed', fp: 'extra' };

/** A value as people read it: thousands separated, decimals kept exactly as the number holds them. */
export function formatValue(v: number): string {
  return v.toLocaleString('en-US', { maximumFractionDigits: 20 });
}

const range = (value: number, upper?: number) => (upper === undefined ? formatValue(value) : `${formatValue(value)}–${formatValue(upper)}`);
const words = (s: string) => s.replace(/_/g, ' ');

type NumberLike = Pick<NumberItem, 'value' | 'upper' | 'kind' | 'qualifier'>;
type MoneyLike = Pick<MoneyItem, 'amount' | 'upper' | 'currency' | 'qualifier'> & { per?: string };

export function describeNumber(n: NumberLike): string {
  const value = n.kind === 'percent' || n.kind === 'percentage_points' ? `${range(n.value, n.upper)} ${n.kind === 'percent' ? '%' : 'points'}` : range(n.value, n.upper);
  return [value, words(n.kind), n.qualifier && words(n.qualifier)].filter(Boolean).join(' · ');
}

export function describeMoney(m: MoneyLike, equivalentOfText?: string): string {
  return [
    `${m.currency} ${range(m.amount, m.upper)}${m.per ? ` per ${m.per}` : ''}`,
    m.qualifier && words(m.qualifier),
    equivalentOfText && `equivalent of ${equivalentOfText}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** "Keir Starmer · said · direct": who, the cue (gold has none), the kind, and what continues or differs. */
function quoteBadge(q: { kind: string; speaker: { name: string | null } | null; cue?: { text: string } | null; continues?: string }, diff?: Diff, wrong?: string): string {
  const head = diff === undefined ? '' : diff === 'match' ? (wrong ? '≠ ' : '✓ ') : `${DIFF_WORD[diff]}: `;
  const cue = q.cue === undefined ? '' : ` · ${q.cue ? q.cue.text : 'no cue'}`;
  const continues = q.continues ? ` · continues ${q.continues}` : '';
  return `${head}${q.speaker?.name ?? 'unknown speaker'}${cue} · ${q.kind}${continues}${wrong ? ` (gold: ${wrong})` : ''}`;
}

const figure = (f: Figures, key: string) => f[key] ?? 0;

function stageFigures(f: Figures): StageFigures[] {
  return STAGES.map((stage) => {
    const k = (mode: string, what: string) => figure(f, `all.${stage}.${mode}.${what}`);
    return {
      stage,
      strict: { precision: k('strict', 'precision'), recall: k('strict', 'recall'), f1: k('strict', 'f1'), tp: k('strict', 'tp'), fp: k('strict', 'fp'), fn: k('strict', 'fn') },
      lenient: { precision: k('lenient', 'precision'), recall: k('lenient', 'recall'), f1: k('lenient', 'f1') },
    };
  });
}

function baseSummary(a: ViewArticle): ArticleSummary {
  const r = a.record;
  return {
    id: a.id,
    ...(a.title !== undefined && { title: a.title }),
    entities: r.entities.length,
    mentions: r.entities.reduce((n, e) => n + e.mentions.length, 0),
    quotes: r.quotes.length,
    numbers: r.numbers.length,
    money: r.money.length,
    warnings: r.warnings?.length ?? 0,
    ...(a.note !== undefined && { note: a.note }),
  };
}

class Builder {
  readonly marks: Mark[] = [];
  readonly descriptions: Array<[string, string]> = [];
  private readonly used = new Set<string>();

  /** The key itself, or a suffixed one when a record repeats a span (keys must stay unique on the page). */
  unique(key: string): string {
    let k = key;
    for (let n = 2; this.used.has(k); n++) k = `${key}-${n}`;
    this.used.add(k);
    return k;
  }

  entity(key: string, span: { start: number; end: number }, type: string, ents: string[], diff?: Diff, title?: string): void {
    key = this.unique(key);
    this.marks.push({
      key,
      start: span.start,
      end: span.end,
      rank: RANK.ent - (diff === 'miss' ? 0.5 : 0),
      classes: `ent t-${type}${diff ? ` d-${diff}` : ''}`,
      attrs: [['data-ents', ents.join(' ')]],
      firstAttrs: [
        ['data-tag', diff ? `${type} ${DIFF_WORD[diff]}` : type],
        ['tabindex', '0'],
        ['role', 'button'],
        ['aria-pressed', 'false'],
        ...(title ? ([['title', title]] as const) : []),
      ],
    });
  }

  quote(key: string, q: { start: number; end: number; kind: string }, speakers: string[], badge: string, diff?: Diff, wrong?: boolean): void {
    key = this.unique(key);
    this.marks.push({
      key,
      start: q.start,
      end: q.end,
      rank: RANK.quote - (diff === 'miss' ? 0.5 : 0),
      classes: `q q-${q.kind}${diff ? ` d-${diff}` : ''}${wrong ? ' d-wrong' : ''}`,
      attrs: [['data-speakers', speakers.join(' ')]],
      firstAttrs: [['id', anchorId(key)], ['data-badge', badge]],
    });
  }

  private readonly parts = new Map<string, Mark & { titles: string[]; speakers: Set<string> }>();

  /**
   * A cue or speaker-words mark. Quotes often share one ("Sir Keir said"
   * before two partial quotes): the words get one element listing every
   * quote, not one nested element per quote.
   */
  part(key: string, layer: 'cue' | 'spk', span: { start: number; end: number }, speakers: string[], title: string): void {
    const at = `${layer}:${span.start}:${span.end}`;
    const known = this.parts.get(at);
    if (known) {
      known.titles.push(title);
      speakers.forEach((sp) => known.speakers.add(sp));
      known.attrs = [['data-speakers', [...known.speakers].join(' ')]];
      known.firstAttrs = [['title', known.titles.join('; ')]];
      return;
    }
    key = this.unique(key);
    const mark = {
      key,
      start: span.start,
      end: span.end,
      rank: RANK[layer],
      classes: layer,
      attrs: [['data-speakers', speakers.join(' ')]] as Array<[string, string]>,
      firstAttrs: [['title', title]] as Array<[string, string]>,
      titles: [title],
      speakers: new Set(speakers),
    };
    this.parts.set(at, mark);
    this.marks.push(mark);
  }

  value(key: string, layer: 'num' | 'money', span: { start: number; end: number }, tip: string, diff?: Diff, wrong?: boolean): void {
    key = this.unique(key);
    const id = `tip-${key}`;
    const badge = diff && diff !== 'match' ? DIFF_WORD[diff] : wrong ? '≠' : undefined;
    this.marks.push({
      key,
      start: span.start,
      end: span.end,
      rank: RANK[layer] - (diff === 'miss' ? 0.5 : 0),
      classes: `${layer}${diff ? ` d-${diff}` : ''}${wrong ? ' d-wrong' : ''}`,
      attrs: [['data-tip', tip]],
      firstAttrs: [['id', anchorId(key)], ['tabindex', '0'], ['aria-describedby', id], ...(badge ? ([['data-badge', badge]] as const) : [])],
    });
    this.descriptions.push([id, `${layer === 'money' ? 'money' : 'number'}: ${tip}${diff ? ` (${diff === 'fp' ? 'false positive' : diff === 'miss' ? 'missed, only in gold' : 'matches gold'})` : ''}`]);
  }
}

function speakerKeys(q: Quote): string[] {
  return q.speaker?.entityId ? [q.speaker.entityId] : [];
}

/** The page model of an article without gold: every predicted item, no diff. */
function predictionsOnly(a: ViewArticle): PageModel {
  const b = new Builder();
  const r = a.record;
  const quoteCount = new Map<string, number>();
  for (const q of r.quotes) for (const k of speakerKeys(q)) quoteCount.set(k, (quoteCount.get(k) ?? 0) + 1);
  for (const e of r.entities) e.mentions.forEach((m, i) => b.entity(`${e.id}-m${i}`, m, e.type, [e.id], undefined, e.name));
  const quotes: QuoteRow[] = [];
  for (const q of r.quotes) {
    b.quote(q.id, q, speakerKeys(q), quoteBadge(q));
    if (q.cue) b.part(`${q.id}-cue`, 'cue', q.cue, speakerKeys(q), `cue of ${q.id}`);
    if (q.speaker?.mention) b.part(`${q.id}-spk`, 'spk', q.speaker.mention, speakerKeys(q), `speaker of ${q.id}: ${q.speaker.name ?? 'unknown'}`);
    quotes.push({ key: q.id, kind: q.kind, speaker: q.speaker?.name ?? '', cue: q.cue?.text ?? '', text: q.text });
  }
  const values: Array<ValueRow & { start: number }> = [];
  for (const n of r.numbers) {
    const tip = describeNumber(n);
    b.value(n.id, 'num', n, tip);
    values.push({ key: n.id, layer: 'num', text: n.text, value: tip, start: n.start });
  }
  const moneyText = new Map(r.money.map((m) => [m.id, m.text]));
  for (const m of r.money) {
    const tip = describeMoney(m, m.equivalentOf ? moneyText.get(m.equivalentOf) : undefined);
    b.value(m.id, 'money', m, tip);
    values.push({ key: m.id, layer: 'money', text: m.text, value: tip, start: m.start });
  }
  values.sort((x, y) => x.start - y.start);
  return {
    marks: b.marks,
    entities: r.entities.map((e) => ({ key: e.id, name: e.name, type: e.type, mentions: e.mentions.length, quotes: quoteCount.get(e.id) ?? 0 })),
    goldEntities: [],
    quotes,
    values: values.map(({ start: _s, ...v }) => v),
    descriptions: b.descriptions,
    summary: baseSummary(a),
    accuracy: [],
  };
}

/** The page model of an article compared with its gold (strict matching, as `quarry eval`). */
function comparedWithGold(a: ViewArticle, gold: Gold): PageModel {
  const b = new Builder();
  const r = a.record;
  const pair: EvalPair = { id: a.id, text: a.text, gold, record: r };
  const score = scoreArticle(pair);
  const goldKey = (i: number) => `g${i + 1}`;
  const goldByName = new Map<string, string>();
  gold.entities.forEach((e, i) => {
    const f = foldSpeakerName(e.name);
    if (f !== null && !goldByName.has(f)) goldByName.set(f, goldKey(i));
  });
  const goldSpeakerKeys = (name: string | null | undefined) => {
    const k = goldByName.get(foldSpeakerName(name) ?? '');
    return k ? [k] : [];
  };

  // Entities, by mention.
  const ents = score.stages.entities;
  const predDiff = r.entities.map(() => ({ match: 0, miss: 0, fp: 0 }));
  const goldDiff = gold.entities.map(() => ({ match: 0, miss: 0, fp: 0 }));
  const mentionKeys = new Map<string, string>();
  r.entities.forEach((e, ei) => e.mentions.forEach((m, mi) => mentionKeys.set(`${ei}:${m.start}:${m.end}`, `${e.id}-m${mi}`)));
  const mentionKey = (group: number, item: { start: number; end: number }) => mentionKeys.get(`${group}:${item.start}:${item.end}`)!;
  for (const [gi, pj] of ents.strict.pairs) {
    const g = ents.gold[gi];
    const p = ents.pred[pj];
    const pe = r.entities[p.group!];
    predDiff[p.group!].match++;
    goldDiff[g.group!].match++;
    b.entity(mentionKey(p.group!, p), p, p.type, [pe.id, goldKey(g.group!)], 'match', pe.name);
  }
  ents.strict.missed.forEach((gi, n) => {
    const g = ents.gold[gi];
    goldDiff[g.group!].miss++;
    b.entity(`g${g.group! + 1}-x${n}`, g, g.type, [goldKey(g.group!)], 'miss', `gold: ${gold.entities[g.group!].name}`);
  });
  for (const pj of ents.strict.spurious) {
    const p = ents.pred[pj];
    const pe = r.entities[p.group!];
    predDiff[p.group!].fp++;
    b.entity(mentionKey(p.group!, p), p, p.type, [pe.id], 'fp', pe.name);
  }

  // Quotes.
  const qs = score.stages.quotes;
  const quotes: QuoteRow[] = [];
  const quoteCount = new Map<string, number>();
  const countSpeakers = (keys: string[]) => keys.forEach((k) => quoteCount.set(k, (quoteCount.get(k) ?? 0) + 1));
  const addPredQuote = (q: Quote, diff: Diff, extraSpeakers: string[], wrong?: string) => {
    const speakers = [...speakerKeys(q), ...extraSpeakers];
    countSpeakers(speakers);
    b.quote(q.id, q, speakers, quoteBadge(q, diff, wrong), diff, wrong !== undefined);
    if (q.cue) b.part(`${q.id}-cue`, 'cue', q.cue, speakers, `cue of ${q.id}`);
    if (q.speaker?.mention) b.part(`${q.id}-spk`, 'spk', q.speaker.mention, speakers, `speaker of ${q.id}: ${q.speaker.name ?? 'unknown'}`);
    quotes.push({ key: q.id, diff, ...(wrong !== undefined && { wrong }), kind: q.kind, speaker: q.speaker?.name ?? '', cue: q.cue?.text ?? '', text: q.text });
  };
  for (const [gi, pj] of qs.strict.pairs) {
    const gq = gold.quotes[qs.gold[gi].index];
    const pq = r.quotes[qs.pred[pj].index];
    const wrong = attributeErrors('quotes', pair, qs.gold[gi].index, qs.pred[pj].index).speakerName ? gq.speaker?.name ?? 'unknown speaker' : undefined;
    addPredQuote(pq, 'match', goldSpeakerKeys(gq.speaker?.name), wrong);
  }
  qs.strict.missed.forEach((gi) => {
    const gq = gold.quotes[qs.gold[gi].index];
    const key = `gq${qs.gold[gi].index + 1}`;
    const speakers = goldSpeakerKeys(gq.speaker?.name);
    countSpeakers(speakers);
    b.quote(key, gq, speakers, quoteBadge(gq, 'miss'), 'miss');
    if (gq.speaker?.mention) b.part(`${key}-spk`, 'spk', gq.speaker.mention, speakers, `gold speaker of a missed quote: ${gq.speaker.name ?? 'unknown'}`);
    quotes.push({ key, diff: 'miss', kind: gq.kind, speaker: gq.speaker?.name ?? '', cue: '', text: gq.text });
  });
  for (const pj of qs.strict.spurious) addPredQuote(r.quotes[qs.pred[pj].index], 'fp', []);
  quotes.sort((x, y) => quoteStart(x.key) - quoteStart(y.key));
  function quoteStart(key: string): number {
    return key.startsWith('gq') ? gold.quotes[Number(key.slice(2)) - 1].start : r.quotes.find((q) => q.id === key)!.start;
  }

  // Numbers and money.
  const values: Array<ValueRow & { start: number }> = [];
  const valueStage = (stage: 'numbers' | 'money') => {
    const s = score.stages[stage];
    const layer = stage === 'numbers' ? 'num' : 'money';
    const goldMoneyText = new Map(gold.money.flatMap((m) => (m.id ? [[m.id, m.text] as const] : [])));
    const predMoneyText = new Map(r.money.map((m) => [m.id, m.text]));
    const describeGold = (i: number) => {
      if (stage === 'numbers') return describeNumber(gold.numbers[i]);
      const m = gold.money[i];
      return describeMoney(m, m.equivalentOf ? goldMoneyText.get(m.equivalentOf) : undefined);
    };
    const describePred = (j: number) => {
      if (stage === 'numbers') return describeNumber(r.numbers[j]);
      const m = r.money[j];
      return describeMoney(m, m.equivalentOf ? predMoneyText.get(m.equivalentOf) : undefined);
    };
    const pred = (j: number) => (stage === 'numbers' ? r.numbers[j] : r.money[j]);
    const goldItem = (i: number) => (stage === 'numbers' ? gold.numbers[i] : gold.money[i]);
    for (const [gi, pj] of s.strict.pairs) {
      const g = s.gold[gi].index;
      const p = s.pred[pj].index;
      const err = attributeErrors(stage, pair, g, p);
      const bad = Boolean(err.value ?? err.amount);
      const tip = describePred(p) + (bad ? ` · gold: ${describeGold(g)}` : '');
      b.value(pred(p).id, layer, pred(p), tip, 'match', bad);
      values.push({ key: pred(p).id, layer, diff: 'match', ...(bad && { wrong: describeGold(g) }), text: pred(p).text, value: describePred(p), start: pred(p).start });
    }
    for (const gi of s.strict.missed) {
      const g = s.gold[gi].index;
      const key = `g${layer === 'num' ? 'n' : 'm'}${g + 1}`;
      b.value(key, layer, goldItem(g), describeGold(g), 'miss');
      values.push({ key, layer, diff: 'miss', text: goldItem(g).text, value: describeGold(g), start: goldItem(g).start });
    }
    for (const pj of s.strict.spurious) {
      const p = s.pred[pj].index;
      b.value(pred(p).id, layer, pred(p), describePred(p), 'fp');
      values.push({ key: pred(p).id, layer, diff: 'fp', text: pred(p).text, value: describePred(p), start: pred(p).start });
    }
  };
  valueStage('numbers');
  valueStage('money');
  values.sort((x, y) => x.start - y.start);

  const figures = evaluate([pair]);
  const stages = stageFigures(figures);
  const tp = stages.reduce((n, s) => n + s.strict.tp, 0);
  const fp = stages.reduce((n, s) => n + s.strict.fp, 0);
  const fn = stages.reduce((n, s) => n + s.strict.fn, 0);
  const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
  const summary: ArticleSummary = {
    ...baseSummary(a),
    gold: {
      // An article with no gold items and no predictions is perfect, not zero.
      f1: tp + fp + fn === 0 ? 1 : round4((2 * tp) / (2 * tp + fp + fn)),
      precision: tp + fp ? round4(tp / (tp + fp)) : 1,
      recall: tp + fn ? round4(tp / (tp + fn)) : 1,
      tp,
      fp,
      fn,
      stages,
      split: gold.split,
    },
  };
  const accuracy: Array<[string, number, number]> = [
    ['quote speaker', figure(figures, 'all.quotes.speaker_name.hits'), figure(figures, 'all.quotes.speaker_name.total')],
    ['number value', figure(figures, 'all.numbers.value.hits'), figure(figures, 'all.numbers.value.total')],
    ['money amount + currency', figure(figures, 'all.money.amount_currency.hits'), figure(figures, 'all.money.amount_currency.total')],
  ];

  return {
    marks: b.marks,
    entities: r.entities.map((e, i) => ({ key: e.id, name: e.name, type: e.type, mentions: e.mentions.length, quotes: quoteCount.get(e.id) ?? 0, diff: predDiff[i] })),
    goldEntities: gold.entities.map((e, i) => ({ key: goldKey(i), name: e.name, type: e.type, mentions: e.mentions.length, quotes: quoteCount.get(goldKey(i)) ?? 0, diff: goldDiff[i] })),
    quotes,
    values: values.map(({ start: _s, ...v }) => v),
    descriptions: b.descriptions,
    summary,
    accuracy,
  };
}

/** The page model of an article: compared with gold when it has one. */
export function buildPageModel(a: ViewArticle): PageModel {
  return a.gold ? comparedWithGold(a, a.gold) : predictionsOnly(a);
}
