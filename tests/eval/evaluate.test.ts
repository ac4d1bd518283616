import { describe, expect, it } from 'vitest';
import { evaluate, sameNumber, type EvalPair, type RecordLists } from '../../src/eval/evaluate.ts';
import { ARTICLES, at, BUS_TEXT, recordFromGold } from './fixtures.ts';

function pairs(doctor: (id: string, r: RecordLists) => void = () => {}): EvalPair[] {
  return ARTICLES.map((a) => {
    const gold = a.gold();
    const record = recordFromGold(gold);
    doctor(a.id, record);
    return { id: a.id, text: a.text, gold, record };
  });
}

describe('evaluate', () => {
  it('gives a perfect score to a perfect record', () => {
    const f = evaluate(pairs());
    for (const split of ['dev', 'test', 'all']) {
      for (const stage of ['entities', 'quotes', 'numbers', 'money']) {
        for (const mode of ['strict', 'lenient']) expect(f[`${split}.${stage}.${mode}.f1`], `${split}.${stage}.${mode}`).toBe(1);
      }
    }
    expect(f['all.articles']).toBe(3);
    expect(f['test.articles']).toBe(2);
    expect(f['all.quotes.speaker_name.rate']).toBe(1);
    expect(f['all.quotes.speaker_mention.rate']).toBe(1);
    expect(f['all.numbers.value.rate']).toBe(1);
    expect(f['all.money.amount_currency.rate']).toBe(1);
    expect(f['all.entities.clusters.whole']).toBeUndefined();
    expect(f['dev.entities.clusters.whole.rate']).toBe(1);
    expect(f['dev.entities.clusters.mixed.rate']).toBe(0);
  });

  it('counts tp/fp/fn per stage and per type', () => {
    // bus: drop the floating quote and add a spurious ORG.
    const f = evaluate(
      pairs((id, r) => {
        if (id !== 'bus') return;
        r.quotes.pop();
        r.entities.push({ id: 'e2', type: 'ORG', name: 'council', mentions: [at(BUS_TEXT, 'council')] });
      }),
    );
    expect([f['dev.quotes.strict.tp'], f['dev.quotes.strict.fp'], f['dev.quotes.strict.fn']]).toEqual([1, 0, 1]);
    expect(f['dev.quotes.strict.precision']).toBe(1);
    expect(f['dev.quotes.strict.recall']).toBe(0.5);
    expect(f['dev.quotes.strict.f1']).toBe(0.6667);
    expect(f['dev.quotes.type.direct.strict.recall']).toBe(0.5);
    expect([f['dev.entities.type.ORG.strict.tp'], f['dev.entities.type.ORG.strict.fp']]).toEqual([0, 1]);
    expect(f['dev.entities.type.ORG.strict.precision']).toBe(0);
    expect(f['dev.entities.type.PERSON.strict.f1']).toBe(1);
    // The test split is untouched.
    expect(f['test.quotes.strict.f1']).toBe(1);
    expect(f['all.quotes.strict.fn']).toBe(1);
  });

  it('scores a boundary error as a strict miss but a lenient hit', () => {
    const f = evaluate(
      pairs((id, r) => {
        if (id !== 'lab') return;
        const m = r.entities[0].mentions[0];
        r.entities[0].mentions[0] = { text: 'Dr Lee Wong', start: m.start - 3, end: m.end };
      }),
    );
    expect([f['test.entities.strict.tp'], f['test.entities.strict.fp'], f['test.entities.strict.fn']]).toEqual([5, 1, 1]);
    expect(f['test.entities.lenient.f1']).toBe(1);
  });

  it('scores a wrong type as strict and lenient miss; attributes still measured on the span match', () => {
    const f = evaluate(
      pairs((id, r) => {
        if (id !== 'ferry') return;
        r.money[1] = { ...r.money[1], currency: 'USD' };
        r.numbers[0] = { ...r.numbers[0], kind: 'cardinal' };
      }),
    );
    expect(f['test.money.lenient.fn']).toBe(1);
    expect(f['test.money.type.USD.lenient.fp']).toBe(1);
    expect(f['test.money.amount_currency.rate']).toBe(0.5);
    expect(f['test.numbers.value.hits']).toBe(3);
    expect(f['test.numbers.value.total']).toBe(4);
  });

  it('measures speaker name with folding, and speaker mention by overlap', () => {
    const f = evaluate(
      pairs((id, r) => {
        if (id !== 'lab') return;
        r.quotes[0].speaker = { name: 'Dr Lee Wong', entityId: null, mention: { text: 'Lee Wong', start: 3, end: 11 } };
        r.quotes[1].speaker = { name: 'Tom Hale', entityId: null, mention: null };
      }),
    );
    expect(f['test.quotes.speaker_name.hits']).toBe(2);
    expect(f['test.quotes.speaker_name.total']).toBe(3);
    expect(f['test.quotes.speaker_mention.rate']).toBe(0.6667);
    expect(f['test.quotes.family.pronoun.speaker_name.rate']).toBe(0);
    expect(f['test.quotes.family.partial.speaker_name.rate']).toBe(1);
  });

  it('reports clusters split and mixed', () => {
    const f = evaluate(
      pairs((id, r) => {
        if (id !== 'bus') return;
        // "Ruiz" as its own entity: the gold entity is split.
        const [first, second] = r.entities[0].mentions;
        r.entities = [
          { id: 'e1', type: 'PERSON', name: 'Ana Ruiz', mentions: [first] },
          { id: 'e2', type: 'PERSON', name: 'Ruiz', mentions: [second] },
        ];
      }),
    );
    expect(f['dev.entities.clusters.whole.rate']).toBe(0);
    expect(f['dev.entities.strict.f1']).toBe(1);
    const g = evaluate(
      pairs((id, r) => {
        if (id !== 'ferry') return;
        // Harbour Trust and Tom Hale merged into one predicted entity.
        r.entities = [{ id: 'e1', type: 'ORG', name: 'Harbour Trust', mentions: [r.entities[0].mentions[0], r.entities[1].mentions[0]] }, r.entities[2]];
      }),
    );
    expect(g['test.entities.clusters.mixed.rate']).toBe(1);
    expect(g['test.entities.clusters.mixed.total']).toBe(1);
  });

  it('gives per-family recall for labelled gold quotes, without precision', () => {
    const f = evaluate(pairs((id, r) => id === 'bus' && void r.quotes.pop()));
    expect(f['dev.quotes.family.floating.gold']).toBe(1);
    expect(f['dev.quotes.family.floating.strict.recall']).toBe(0);
    expect(f['dev.quotes.family.speaker-after.lenient.recall']).toBe(1);
    expect(f['dev.quotes.family.floating.strict.precision']).toBeUndefined();
  });

  it('keys are sorted and stable across runs', () => {
    const a = evaluate(pairs());
    const b = evaluate(pairs());
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(Object.keys(a)).toEqual([...Object.keys(a)].sort());
  });

  it.each([
    [7700000000, 7700000000.000001, true],
    [0.3333333333333333, 0.33333333, true],
    [17.5, 17.05, false],
    [0, 0, true],
    [0, 1e-9, false],
  ])('sameNumber(%d, %d) = %s', (a, b, expected) => expect(sameNumber(a, b)).toBe(expected));
});
