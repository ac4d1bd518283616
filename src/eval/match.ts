/**
 * One-to-one matching of predicted items to gold items, the way CoNLL and
 * spaCy score spans: each gold item is credited at most once, so a predicted
 * span can never hide two gold ones (and duplicates are false positives).
 *
 * - strict: exact span and same type;
 * - lenient: overlapping span and same type (MUC's partial credit), with
 *   exact pairs taken first, then a maximum matching that prefers larger
 *   overlaps;
 * - span: overlapping span, type ignored: used for attribute accuracy
 *   (speaker, value, amount) and clustering, so a wrong kind or currency
 *   shows there rather than removing the item from the count.
 */

export interface Item {
  start: number;
  end: number;
  /** Entity type, quote kind, number kind or currency. */
  type: string;
}

export type MatchMode = 'strict' | 'lenient' | 'span';

export interface Matching {
  /** Pairs of [gold index, predicted index], ordered by gold index. */
  pairs: Array<[number, number]>;
  /** Gold indexes left unmatched (false negatives). */
  missed: number[];
  /** Predicted indexes left unmatched (false positives). */
  spurious: number[];
}

function overlap(a: Item, b: Item): number {
  return Math.min(a.end, b.end) - Math.max(a.start, b.start);
}

function compatible(g: Item, p: Item, mode: MatchMode): boolean {
  if (mode !== 'span' && g.type !== p.type) return false;
  if (mode === 'strict') return g.start === p.start && g.end === p.end;
  // Empty spans cannot overlap anything; they match only an identical empty span.
  if (g.start === g.end || p.start === p.end) return g.start === p.start && g.end === p.end;
  return overlap(g, p) > 0;
}

/** Matches `pred` to `gold` one-to-one under `mode`; deterministic for a given input order. */
export function matchItems(gold: readonly Item[], pred: readonly Item[], mode: MatchMode): Matching {
  const goldTo = new Array<number>(gold.length).fill(-1);
  const predTo = new Array<number>(pred.length).fill(-1);

  // Exact pairs first: an exact counterpart is always the best partner.
  const exact = new Map<string, number[]>();
  pred.forEach((p, j) => {
    const key = mode === 'span' ? `${p.start}:${p.end}` : `${p.start}:${p.end}:${p.type}`;
    const list = exact.get(key);
    if (list) list.push(j);
    else exact.set(key, [j]);
  });
  gold.forEach((g, i) => {
    const key = mode === 'span' ? `${g.start}:${g.end}` : `${g.start}:${g.end}:${g.type}`;
    const j = exact.get(key)?.shift();
    if (j !== undefined) {
      goldTo[i] = j;
      predTo[j] = i;
    }
  });

  if (mode !== 'strict') {
    // Candidates per remaining gold item, largest overlap first (ties: earlier prediction).
    const candidates = gold.map((g, i) =>
      goldTo[i] >= 0
        ? []
        : pred
            .map((p, j) => ({ j, o: overlap(g, p) }))
            .filter(({ j }) => predTo[j] < 0 && compatible(g, pred[j], mode))
            .sort((a, b) => b.o - a.o || a.j - b.j)
            .map(({ j }) => j),
    );
    // Kuhn's augmenting paths: a maximum matching, so a greedy early choice
    // never costs a pair that a rearrangement would have kept.
    const tryAssign = (i: number, seen: Set<number>): boolean => {
      for (const j of candidates[i]) {
        if (seen.has(j)) continue;
        seen.add(j);
        const holder = predTo[j];
        if (holder < 0 || (candidates[holder].length > 0 && tryAssign(holder, seen))) {
          goldTo[i] = j;
          predTo[j] = i;
          return true;
        }
      }
      return false;
    };
    gold.forEach((_, i) => {
      if (goldTo[i] < 0 && candidates[i].length) tryAssign(i, new Set());
    });
  }

  const pairs: Array<[number, number]> = [];
  const missed: number[] = [];
  goldTo.forEach((j, i) => (j >= 0 ? pairs.push([i, j]) : missed.push(i)));
  const spurious = predTo.flatMap((i, j) => (i < 0 ? [j] : []));
  return { pairs, missed, spurious };
}
