import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conllText, parseConll, spansOf } from '../../src/ner/conll-read.ts';
import { conllTypeOf, evalConll, formatConllReport } from '../../src/ner/conll.ts';
import { tempDir } from '../helpers.ts';

// Sentences made up for these tests, in the CoNLL-2003 column layout.
const SAMPLE = `-DOCSTART- -X- -X- O

Angela NNP B-NP B-PER
Merkel NNP I-NP I-PER
visited VBD B-VP O
Paris NNP B-NP B-LOC
. . O O

The DT B-NP O
Labour NNP I-NP I-ORG
party NN I-NP O
met VBD B-VP O
. . O O

-DOCSTART- -X- -X- O

Officials NNS B-NP O
from IN B-PP O
Germany NNP B-NP I-LOC
and CC O O
France NNP B-NP I-LOC
spoke VBD B-VP O
French JJ B-NP I-MISC
. . O O
`;

describe('parseConll', () => {
  const docs = parseConll(SAMPLE);
  it('splits documents at -DOCSTART- and sentences at blank lines', () => {
    expect(docs.map((d) => d.sentences.length)).toEqual([2, 1]);
    expect(docs[0].sentences[0].tokens).toEqual(['Angela', 'Merkel', 'visited', 'Paris', '.']);
  });
  it('turns IOB1 tags into IOB2', () => {
    expect(docs[0].sentences[1].tags).toEqual(['O', 'B-ORG', 'O', 'O', 'O']);
    expect(docs[1].sentences[0].tags).toEqual(['O', 'O', 'B-LOC', 'O', 'B-LOC', 'O', 'B-MISC', 'O']);
  });
  it('reads entity spans', () => {
    expect(spansOf(docs[0].sentences[0].tags, 0)).toEqual([
      { sentence: 0, start: 0, end: 2, type: 'PER' },
      { sentence: 0, start: 3, end: 4, type: 'LOC' },
    ]);
    expect(spansOf(['O', 'O'], 0)).toEqual([]);
  });
  it('lays a document out as one sentence a line with exact token offsets', () => {
    const { text, offsets } = conllText(docs[0]);
    expect(text).toBe('Angela Merkel visited Paris .\nThe Labour party met .');
    for (const [s, row] of offsets.entries()) {
      row.forEach(([a, b], t) => expect(text.slice(a, b)).toBe(docs[0].sentences[s].tokens[t]));
    }
  });
});

describe('evalConll', () => {
  it('maps record types to CoNLL types', () => {
    expect(['PERSON', 'ORG', 'GPE', 'LOC', 'FAC', 'NORP', 'EVENT', 'MISC'].map(conllTypeOf)).toEqual(['PER', 'ORG', 'LOC', 'LOC', 'LOC', 'MISC', 'MISC', 'MISC']);
  });

  it('scores the pipeline exactly on a file it gets right', async () => {
    const dir = tempDir();
    const path = join(dir, 'sample.conll');
    writeFileSync(path, SAMPLE);
    const report = await evalConll(path);
    expect(report.documents).toBe(2);
    expect(report.sentences).toBe(3);
    expect(report.tokens).toBe(18);
    expect(report.types.PER).toMatchObject({ tp: 1, fp: 0, fn: 0, f1: 1 });
    expect(report.types.LOC).toMatchObject({ tp: 3, fp: 0, fn: 0 });
    expect(report.types.ORG).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(report.types.MISC).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(report.microPLO.f1).toBe(1);
    const table = formatConllReport(report);
    expect(table).toMatch(/^PER\s+100\.00\s+100\.00\s+100\.00\s+1\s+0\s+0$/m);
    expect(table).toMatch(/^micro PER\/LOC\/ORG/m);
  });

  it('counts a wrong type as one false positive and one false negative', async () => {
    const dir = tempDir();
    const path = join(dir, 'wrong.conll');
    // Gold says the capital is a person: the pipeline's LOC is then fp, the gold PER fn.
    writeFileSync(path, SAMPLE.replace('Paris NNP B-NP B-LOC', 'Paris NNP B-NP B-PER'));
    const report = await evalConll(path);
    expect(report.types.LOC).toMatchObject({ tp: 2, fp: 1, fn: 0 });
    expect(report.types.PER).toMatchObject({ tp: 1, fp: 0, fn: 1 });
    expect(report.errors).toEqual(expect.arrayContaining([{ kind: 'fp', type: 'LOC', text: 'Paris' }, { kind: 'fn', type: 'PER', text: 'Paris' }]));
    expect(report.microPLO.precision).toBeCloseTo(4 / 5, 10);
  });

  it('scores a name inside a hyphenated CoNLL token as that whole token, MISC', async () => {
    const dir = tempDir();
    const path = join(dir, 'hyphen.conll');
    writeFileSync(path, '-DOCSTART- -X- -X- O\n\nThe DT B-NP O\nRwanda-style JJ I-NP B-MISC\nplan NN I-NP O\nfailed VBD B-VP O\n. . O O\n');
    const report = await evalConll(path);
    expect(report.types.MISC).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(report.types.LOC).toMatchObject({ tp: 0, fp: 0 });
  });
});
