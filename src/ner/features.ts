/**
 * Features of the NER tagger. Static features depend only on the tokens and
 * are computed once per document; dynamic ones (previous tags, what this word
 * was tagged earlier in the document) are added while decoding left to right.
 * The feature set follows the classic CoNLL-2003 perceptron/CRF taggers
 * (Ratinov & Roth 2009: word, shape, affixes, ±2 context, gazetteers,
 * previous tags and "extended prediction history").
 */
import { matchGazetteer, type Gazetteer } from './gazetteer.ts';

export interface TagToken {
  readonly text: string;
  readonly pos: string;
  readonly sentence: number;
  readonly spaceBefore: boolean;
}

/** X for upper, x for lower, d for digit, the character itself otherwise; at most 12 long. */
export function wordShape(w: string): string {
  let s = '';
  for (let i = 0; i < w.length && i < 12; i++) {
    const c = w.charCodeAt(i);
    if (c >= 65 && c <= 90) s += 'X';
    else if (c >= 97 && c <= 122) s += 'x';
    else if (c >= 48 && c <= 57) s += 'd';
    else {
      const ch = w[i];
      s += ch.toLowerCase() !== ch ? 'X' : ch.toUpperCase() !== ch ? 'x' : ch;
    }
  }
  return s;
}

/** The shape with runs of the same class collapsed (Xxxxx → Xx). */
export function shortShape(shape: string): string {
  let s = '';
  for (let i = 0; i < shape.length; i++) if (i === 0 || shape[i] !== shape[i - 1]) s += shape[i];
  return s;
}

export function isCapitalised(w: string): boolean {
  const c = w.charAt(0);
  return c !== c.toLowerCase();
}

/** Coarse gazetteer class used in features: fewer, better-estimated weights. */
function gazGroup(cls: string): string {
  switch (cls) {
    case 'COUNTRY':
    case 'CITY':
    case 'REGION':
      return 'G';
    case 'FIRST':
      return 'F';
    case 'LAST':
      return 'S';
    case 'PERSON':
      return 'P';
    case 'NORP':
    case 'NORP_WEAK':
      return 'N';
    case 'SPORTS':
      return 'T';
    default:
      return cls.startsWith('LOC') ? 'L' : 'O';
  }
}

export interface StaticFeatures {
  /** Per token, its static feature strings. */
  feats: string[][];
  /** Per token, lower-cased text (history key). */
  lower: string[];
  /** Per token, whether it starts with a capital. */
  cap: boolean[];
}

export function staticFeatures(tokens: readonly TagToken[], gz: Gazetteer): StaticFeatures {
  const n = tokens.length;
  const lower = new Array<string>(n);
  const shape = new Array<string>(n);
  const sshape = new Array<string>(n);
  const cap = new Array<boolean>(n);
  for (let i = 0; i < n; i++) {
    const w = tokens[i].text;
    lower[i] = w.toLowerCase();
    shape[i] = wordShape(w);
    sshape[i] = shortShape(shape[i]);
    cap[i] = isCapitalised(w);
  }

  // Gazetteer tags per token, with B/I/L/U position.
  const gzf: string[][] = Array.from({ length: n }, () => []);
  for (const m of matchGazetteer(gz, tokens)) {
    const groups = new Set(m.classes.map(gazGroup));
    for (let k = m.start; k < m.end; k++) {
      const pos = m.end - m.start === 1 ? 'U' : k === m.start ? 'B' : k === m.end - 1 ? 'L' : 'I';
      for (const g of groups) gzf[k].push(g + pos);
    }
  }

  // Document-level evidence: a word seen lower-cased elsewhere is likely a
  // common word capitalised by position; one seen capitalised mid-sentence is
  // likely a name even where it opens a sentence.
  const seenLower = new Set<string>();
  const seenCapMid = new Set<string>();
  const sentStart = new Array<boolean>(n);
  const headline = new Array<boolean>(n);
  {
    let s = -1;
    let lettersUpperOnly = true;
    let from = 0;
    const closeSentence = (to: number) => {
      for (let k = from; k < to; k++) headline[k] = lettersUpperOnly && to - from > 1;
    };
    for (let i = 0; i < n; i++) {
      if (tokens[i].sentence !== s) {
        closeSentence(i);
        s = tokens[i].sentence;
        from = i;
        lettersUpperOnly = true;
        sentStart[i] = true;
      } else sentStart[i] = false;
      const w = tokens[i].text;
      if (w !== w.toUpperCase()) lettersUpperOnly = false;
      if (w === lower[i] && /[a-z]/.test(w)) seenLower.add(lower[i]);
      else if (cap[i] && !sentStart[i] && !(i > 0 && /^["“‘'(]$/.test(tokens[i - 1].text))) seenCapMid.add(lower[i]);
    }
    closeSentence(n);
  }

  const feats: string[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const w = tokens[i].text;
    const l = lower[i];
    const sent = tokens[i].sentence;
    const at = (k: number) => k >= 0 && k < n && tokens[k].sentence === sent;
    const lw = (k: number) => (at(k) ? lower[k] : k < i ? '<s>' : '</s>');
    const ss = (k: number) => (at(k) ? sshape[k] : k < i ? '<s>' : '</s>');
    const f: string[] = [
      'b',
      'w=' + w,
      'l=' + l,
      's=' + shape[i],
      'ss=' + sshape[i],
      'p=' + tokens[i].pos,
      'p-1=' + (at(i - 1) ? tokens[i - 1].pos : '<s>'),
      'p+1=' + (at(i + 1) ? tokens[i + 1].pos : '</s>'),
      'l-1=' + lw(i - 1),
      'l+1=' + lw(i + 1),
      'l-2=' + lw(i - 2),
      'l+2=' + lw(i + 2),
      'ss-1=' + ss(i - 1),
      'ss+1=' + ss(i + 1),
      'l-1l=' + lw(i - 1) + '|' + l,
      'll+1=' + l + '|' + lw(i + 1),
      'ss-1ss=' + ss(i - 1) + '|' + sshape[i] + '|' + ss(i + 1),
    ];
    const len = l.length;
    for (let k = 1; k <= 4 && k < len; k++) {
      f.push('pf' + k + '=' + l.slice(0, k));
      f.push('sf' + k + '=' + l.slice(len - k));
    }
    if (sentStart[i]) f.push('first:' + sshape[i]);
    if (headline[i]) f.push('head:' + sshape[i], 'headl=' + l);
    if (!tokens[i].spaceBefore && i > 0 && at(i - 1)) f.push('glue-1');
    if (at(i + 1) && !tokens[i + 1].spaceBefore) f.push('glue+1');
    if (cap[i]) {
      if (seenLower.has(l)) f.push('dlow');
      if (sentStart[i] || headline[i]) {
        if (seenCapMid.has(l)) f.push('dcapmid');
      }
    }
    for (const g of gzf[i]) f.push('g=' + g);
    if (at(i - 1)) for (const g of gzf[i - 1]) f.push('g-1=' + g);
    if (at(i + 1)) for (const g of gzf[i + 1]) f.push('g+1=' + g);
    if (gzf[i].length === 0 && cap[i]) f.push('g=none');
    feats[i] = f;
  }
  return { feats, lower, cap };
}

/** Features that depend on the tags already chosen for earlier tokens. */
export function dynamicFeatures(
  i: number,
  tokens: readonly TagToken[],
  st: StaticFeatures,
  labels: readonly string[],
  history: ReadonlyMap<string, string>,
): string[] {
  const same = (k: number) => k >= 0 && tokens[k].sentence === tokens[i].sentence;
  const p1 = same(i - 1) ? labels[i - 1] : '<s>';
  const p2 = same(i - 2) ? labels[i - 2] : '<s>';
  const f = ['t-1=' + p1, 't-2=' + p2 + '|' + p1, 't-1l=' + p1 + '|' + st.lower[i], 't-1s=' + p1 + '|' + st.feats[i][4]];
  if (st.cap[i]) {
    const h = history.get(st.lower[i]);
    if (h) f.push('h=' + h);
  }
  return f;
}
