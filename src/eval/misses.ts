/**
 * The error list behind `--misses`: each false positive and false negative
 * (strict matching) with its article, span, text and sentence, and each item
 * found with a wrong speaker, value or amount. A strict miss that has an
 * overlapping counterpart says so, so boundary and type errors read apart
 * from items missed outright.
 */
import { attributeErrors, scoreArticle, STAGES, type EvalPair, type EvalStage, type ScoredItem } from './evaluate.ts';

export type MissKind = 'FN' | 'FP' | 'WRONG';

export interface Miss {
  id: string;
  stage: EvalStage;
  kind: MissKind;
  start: number;
  end: number;
  text: string;
  /** Entity type, quote kind, number kind or currency. */
  type: string;
  /** What went wrong beyond absence: the overlapping counterpart, or the wrong attribute. */
  note?: string;
  /** The sentence around the span, with the span marked ⟦…⟧. */
  context: string;
}

const MAX_CONTEXT = 240;

/**
 * The sentence(s) around `[start, end)` within its line(s), the span marked.
 * A light heuristic (terminal punctuation, then a space) is enough for
 * reading; it never affects a figure.
 */
export function sentenceAround(text: string, start: number, end: number): string {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const nl = text.indexOf('\n', end);
  const lineEnd = nl < 0 ? text.length : nl;
  let from = lineStart;
  const before = text.slice(lineStart, start);
  const boundary = /[.!?][”"’')\]]*\s+/g;
  for (let m = boundary.exec(before); m; m = boundary.exec(before)) from = lineStart + m.index + m[0].length;
  const after = text.slice(end, lineEnd);
  const next = /[.!?][”"’')\]]*(?=\s|$)/.exec(after);
  const to = next ? end + next.index + next[0].length : lineEnd;
  let left = text.slice(from, start);
  let right = text.slice(end, to);
  let middle = text.slice(start, end);
  const room = Math.max(40, MAX_CONTEXT - middle.length);
  if (left.length > room / 2) left = '…' + left.slice(left.length - Math.floor(room / 2));
  if (right.length > room / 2) right = right.slice(0, Math.floor(room / 2)) + '…';
  if (middle.length > MAX_CONTEXT) middle = middle.slice(0, MAX_CONTEXT / 2) + ' … ' + middle.slice(-MAX_CONTEXT / 4);
  return `${left}⟦${middle}⟧${right}`.replace(/\s*\n\s*/g, ' ¶ ');
}

function describe(item: ScoredItem): string {
  return `${item.type} [${item.start}, ${item.end}) ${JSON.stringify(item.text)}`;
}

/** Every strict miss and every wrong attribute, by stage, article and position. */
export function findMisses(pairs: readonly EvalPair[]): Miss[] {
  const out: Miss[] = [];
  for (const pair of pairs) {
    const score = scoreArticle(pair);
    for (const stage of STAGES) {
      const s = score.stages[stage];
      const spanPartnerOfGold = new Map(s.span.pairs);
      const spanPartnerOfPred = new Map(s.span.pairs.map(([g, p]) => [p, g]));
      const push = (kind: MissKind, item: ScoredItem, note?: string) =>
        out.push({ id: pair.id, stage, kind, start: item.start, end: item.end, text: item.text, type: item.type, note, context: sentenceAround(pair.text, item.start, item.end) });
      for (const gi of s.strict.missed) {
        const pj = spanPartnerOfGold.get(gi);
        push('FN', s.gold[gi], pj === undefined ? undefined : `predicted ${describe(s.pred[pj])}`);
      }
      for (const pj of s.strict.spurious) {
        const gi = spanPartnerOfPred.get(pj);
        push('FP', s.pred[pj], gi === undefined ? undefined : `gold ${describe(s.gold[gi])}`);
      }
      for (const [gi, pj] of s.span.pairs) {
        const err = attributeErrors(stage, pair, s.gold[gi].index, s.pred[pj].index);
        const notes: string[] = [];
        if (err.speakerName) {
          const g = pair.gold.quotes[s.gold[gi].index].speaker?.name ?? null;
          const p = pair.record.quotes[s.pred[pj].index].speaker?.name ?? null;
          notes.push(`speaker ${JSON.stringify(p)}, gold ${JSON.stringify(g)}`);
        }
        if (err.speakerMention) {
          const g = pair.gold.quotes[s.gold[gi].index].speaker?.mention ?? null;
          const p = pair.record.quotes[s.pred[pj].index].speaker?.mention ?? null;
          const show = (m: { text: string; start: number } | null) => (m ? `${JSON.stringify(m.text)}@${m.start}` : 'none');
          notes.push(`speaker mention ${show(p)}, gold ${show(g)}`);
        }
        if (err.value) {
          const g = pair.gold.numbers[s.gold[gi].index];
          const p = pair.record.numbers[s.pred[pj].index];
          notes.push(`value ${p.value}${p.upper !== undefined ? `–${p.upper}` : ''} ${p.kind}, gold ${g.value}${g.upper !== undefined ? `–${g.upper}` : ''} ${g.kind}`);
        }
        if (err.amount) {
          const g = pair.gold.money[s.gold[gi].index];
          const p = pair.record.money[s.pred[pj].index];
          notes.push(`amount ${p.amount}${p.upper !== undefined ? `–${p.upper}` : ''} ${p.currency}, gold ${g.amount}${g.upper !== undefined ? `–${g.upper}` : ''} ${g.currency}`);
        }
        if (notes.length) push('WRONG', s.pred[pj], notes.join('; '));
      }
    }
  }
  return out.sort((a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) || a.start - b.start || a.kind.localeCompare(b.kind));
}
