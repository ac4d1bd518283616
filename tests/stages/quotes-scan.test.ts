/**
 * The hand-written scans that replaced regexes in the quote stage's speaker
 * resolution: each must give exactly what its regex gave. Table rows pin the
 * cases that matter in prose; a seeded random sweep over awkward characters
 * (non-ASCII capitals, astral letters, lone surrogates, apostrophes, hyphens,
 * non-breaking spaces) checks each against the regex it replaced.
 */
import { describe, expect, it } from 'vitest';
import { mayBeReportingForm } from '../../src/stages/quotes/cue.ts';
import { REPORTING_FORMS } from '../../src/stages/quotes/lexicon.ts';
import { capitalisedWordsAt, lastLetterRun, leadingWordAndSpace, lowerWordBeforeSpace, nextNameRun } from '../../src/stages/quotes/resolve.ts';

const NAME_RUN = /\b(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Prof)\.?\s+)?\p{Lu}[\p{L}'’\-]+(?:\s+(?:(?:of|for|on|and|the|de|du|&)\s+){0,2}\p{Lu}[\p{L}'’\-]+)*/gu;

/** Every name run from `from` on, as "start-end" (+ " spaced"). */
function runsByHand(text: string, from = 0): string[] {
  const out: string[] = [];
  for (let m = nextNameRun(text, from); m; m = nextNameRun(text, m.end)) out.push(`${m.start}-${m.end}${m.spaced ? ' spaced' : ''}`);
  return out;
}
function runsByRegex(text: string, from = 0): string[] {
  const re = new RegExp(NAME_RUN.source, NAME_RUN.flags);
  re.lastIndex = from;
  const out: string[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(`${m.index}-${m.index + m[0].length}${/\s/.test(m[0]) ? ' spaced' : ''}`);
  return out;
}

function seededStrings(seed: number, count: number, alphabet: string[], maxPieces: number): string[] {
  let a = seed;
  const rand = () => ((a = (a * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let s = '';
    const n = Math.floor(rand() * maxPieces);
    for (let j = 0; j < n; j++) s += alphabet[Math.floor(rand() * alphabet.length)];
    out.push(s);
  }
  return out;
}

// Name-run pieces often enough that runs of names, honorifics and link words come up.
const NAMEY = ['Smith', 'Jo', 'É', 'ǅ', ' ', ' ', '\n', '\u00a0', 'of', 'the', 'and', 'on', 'de', '&', 'Mr', 'Mrs', 'Dame', '.', '-', "'", '’', 'a', '\u{1D400}', '\ud835'];
const AWKWARD = ['a', 'B', 'é', 'É', 'ǅ', 'İ', '-', "'", '’', ' ', '\n', '\u00a0', '.', ',', '1', '_', '\u{1D400}', '\u{1D41A}', '\ud835', 'of', 'the', '&', 'Mr', 'Mrs', 'Dr', 'Smith', 'Jo'];

describe('nextNameRun', () => {
  const rows: Array<[string, string[]]> = [
    ['Mr Smith said', ['0-8 spaced']],
    ['Mrs. Jane Roe arrived', ['0-13 spaced']],
    ['the Department of Health and Social Care said', ['4-40 spaced']],
    ['Jean-Pierre Dubois, 45, said', ['0-18 spaced']],
    ['London is big', ['0-6']],
    ['iPhone sales', []], // no word boundary before the capital
    ['A b', []], // one capital alone is no word
    ['Mr smith', ['0-2']], // the honorific alone, as a word
    ['no capitals here', []],
    ['', []],
  ];
  it.each(rows)('%j → %j', (text, expected) => {
    expect(runsByHand(text)).toEqual(expected);
    expect(runsByRegex(text)).toEqual(expected);
  });
  it('matches the regex from any offset on awkward text', () => {
    for (const s of [...seededStrings(987, 10000, AWKWARD, 16), ...seededStrings(4242, 20000, NAMEY, 14)]) {
      expect(runsByHand(s, 0)).toEqual(runsByRegex(s, 0));
      const from = Math.floor(s.length / 2);
      expect(runsByHand(s, from)).toEqual(runsByRegex(s, from));
    }
  });
});

describe('capitalisedWordsAt', () => {
  const SINGLE = /\b\p{Lu}[\p{L}'’\-]+/gu;
  const byRegex = (text: string, word: string) =>
    [...text.matchAll(SINGLE)].filter((m) => (/['’s]$/.test(m[0]) ? m[0].replace(/['’]s?$/, '') : m[0]) === word).map((m) => m.index);
  const rows: Array<[string, string, number[]]> = [
    ['Smith met Smith’s son. Smithson too', 'Smith', [0, 10]],
    ["Jones' car", 'Jones', [0]],
    ['Ann-Smith and Smith-Ann', 'Smith', []], // inside a hyphenated word
    ['MacSmith', 'Smith', []],
    ['no surname here', 'Smith', []],
  ];
  it.each(rows)('%j, %j → %j', (text, word, expected) => {
    expect(capitalisedWordsAt(text, word)).toEqual(expected);
    expect(byRegex(text, word)).toEqual(expected);
  });
  it('matches the regex on awkward text', () => {
    for (const s of seededStrings(12345, 20000, AWKWARD, 20)) {
      for (const w of ['Smith', 'Jo', 'É', 'Éé', '\u{1D400}a', "B's"]) expect(capitalisedWordsAt(s, w)).toEqual(byRegex(s, w));
    }
  });
});

describe('end-anchored word finders', () => {
  const rows: Array<[string, string | undefined, string | undefined, string | null]> = [
    // text, lowerWordBeforeSpace, lastLetterRun, leadingWordAndSpace (word|length)
    ['union president ', 'president', 'president', 'union|6'],
    ['said Mr. ', undefined, 'Mr', 'said|5'],
    ['Her neighbour  ', 'neighbour', 'neighbour', 'Her|4'],
    ['ends in 42 ', undefined, undefined, 'ends|5'],
    ['', undefined, undefined, null],
  ];
  it.each(rows)('%j', (text, lowerWord, letters, leading) => {
    expect(lowerWordBeforeSpace(text)).toBe(lowerWord);
    expect(lastLetterRun(text)).toBe(letters);
    const lead = leadingWordAndSpace(text);
    expect(lead ? `${lead.word}|${lead.length}` : null).toBe(leading);
  });
  it('match their regexes on awkward text', () => {
    for (const s of seededStrings(71, 30000, AWKWARD, 12)) {
      expect(lowerWordBeforeSpace(s)).toBe(/(\p{Ll}[\p{L}\-]*)\s+$/u.exec(s)?.[1]);
      expect(lastLetterRun(s)).toBe(/(\p{L}+)\.?\s*$/u.exec(s)?.[1]);
      const m = /^(\p{L}+)\s+/u.exec(s);
      const lead = leadingWordAndSpace(s);
      expect(lead ? `${lead.word}|${lead.length}` : null).toBe(m ? `${m[1]}|${m[0].length}` : null);
    }
  });
});

describe('mayBeReportingForm', () => {
  const rows: Array<[string, boolean]> = [
    ['said', true],
    ['SAID', true],
    ['Told', true],
    ['the', false],
    ['market', false],
    ['', false],
  ];
  it.each(rows)('%j → %j', (word, expected) => expect(mayBeReportingForm(word)).toBe(expected));
  it('never rules out a reporting form, whatever its casing', () => {
    for (const form of REPORTING_FORMS.keys()) {
      expect(mayBeReportingForm(form)).toBe(true);
      expect(mayBeReportingForm(form.toUpperCase())).toBe(true);
      expect(mayBeReportingForm(form[0].toUpperCase() + form.slice(1))).toBe(true);
    }
  });
});
