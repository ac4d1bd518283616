import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Entity, EntityType, Quote } from '../../schemas/record.ts';
import { QuoteSchema } from '../../schemas/record.ts';
import { buildDoc } from '../../src/core/doc.ts';
import { extractEntities } from '../../src/stages/entities/index.ts';
import { extractQuotes } from '../../src/stages/quotes/index.ts';

/** [type, canonical name, ...mention texts]: every word-bounded occurrence of each text becomes a mention. */
type EntitySpec = [EntityType, string, ...string[]];

/** Hand-built entities, so these tests do not depend on the entity tagger. */
function entitiesFor(text: string, specs: EntitySpec[]): Entity[] {
  const out: Entity[] = [];
  for (const [type, name, ...forms] of specs) {
    const mentions: Entity['mentions'] = [];
    for (const form of forms) {
      const re = new RegExp(`(?<![\\p{L}])${form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'gu');
      for (let m = re.exec(text); m; m = re.exec(text)) mentions.push({ text: m[0], start: m.index, end: m.index + m[0].length });
    }
    mentions.sort((a, b) => a.start - b.start);
    if (mentions.length) out.push({ id: '', type, name, mentions });
  }
  out.sort((a, b) => a.mentions[0].start - b.mentions[0].start);
  out.forEach((e, i) => (e.id = `e${i + 1}`));
  return out;
}

interface Expected {
  text: string;
  kind?: 'direct' | 'partial';
  /** Speaker mention text; null for a floating quote; omitted = not checked. */
  mention?: string | null;
  name?: string | null;
  cue?: string | null;
  /** Index (0-based) in the expected list of the quote this one continues. */
  continues?: number;
  /** Name of the entity the speaker links to. */
  entity?: string;
}

function run(text: string, specs: EntitySpec[] = []): { quotes: Quote[]; entities: Entity[]; warnings: string[] } {
  const entities = entitiesFor(text, specs);
  const warnings: string[] = [];
  const quotes = extractQuotes(buildDoc(text), entities, (code) => warnings.push(code));
  return { quotes, entities, warnings };
}

function check(text: string, quotes: Quote[], entities: Entity[], expected: Expected[]): void {
  expect(quotes.map((q) => q.text)).toEqual(expected.map((e) => e.text));
  quotes.forEach((q, i) => {
    const e = expected[i];
    expect(QuoteSchema.parse(q)).toEqual(q);
    expect(q.id).toBe(`q${i + 1}`);
    expect(text.slice(q.start, q.end)).toBe(q.text);
    if (q.speaker?.mention) expect(text.slice(q.speaker.mention.start, q.speaker.mention.end)).toBe(q.speaker.mention.text);
    if (q.cue) expect(text.slice(q.cue.start, q.cue.end)).toBe(q.cue.text);
    if (e.kind) expect(q.kind, `kind of ${e.text}`).toBe(e.kind);
    if (e.mention !== undefined) expect(q.speaker?.mention?.text ?? null, `mention of ${e.text}`).toBe(e.mention);
    if (e.name !== undefined) expect(q.speaker?.name ?? null, `name of ${e.text}`).toBe(e.name);
    if (e.cue !== undefined) expect(q.cue?.text ?? null, `cue of ${e.text}`).toBe(e.cue);
    expect(q.continues, `continues of ${e.text}`).toBe(e.continues === undefined ? undefined : `q${e.continues + 1}`);
    if (e.entity) expect(q.speaker?.entityId).toBe(entities.find((x) => x.name === e.entity)?.id);
  });
  for (let i = 1; i < quotes.length; i++) expect(quotes[i].start).toBeGreaterThan(quotes[i - 1].start);
}

type Row = [string, Expected[], EntitySpec[]?];

describe('extractQuotes: attribution patterns', () => {
  const rows: Row[] = [
    // Speaker after the quote.
    ['“We will act now,” she said.', [{ text: 'We will act now,', kind: 'direct', mention: 'she', name: null, cue: 'said' }]],
    ['Jane Roe arrived. “We will act now,” she said.', [{ text: 'We will act now,', mention: 'she', name: 'Jane Roe', cue: 'said', entity: 'Jane Roe' }], [['PERSON', 'Jane Roe', 'Jane Roe']]],
    ['“We will act now,” Jane Roe said.', [{ text: 'We will act now,', kind: 'direct', mention: 'Jane Roe', name: 'Jane Roe', cue: 'said' }]],
    ['“We will act now,” said Jane Roe.', [{ text: 'We will act now,', mention: 'Jane Roe', name: 'Jane Roe', cue: 'said' }]],
    ['“We will act now”, Sir John Smith said.', [{ text: 'We will act now', kind: 'direct', mention: 'Sir John Smith', name: 'John Smith', cue: 'said' }]],
    ['“We will act now,” said Jane Roe, the chief executive of Acme.', [{ text: 'We will act now,', mention: 'Jane Roe', name: 'Jane Roe', cue: 'said' }]],
    ['“It is a disgrace,” Labour MP John Smith said in a statement.', [{ text: 'It is a disgrace,', mention: 'Labour MP John Smith', name: 'John Smith', cue: 'said' }]],
    ['“This is unacceptable,” tweeted the president.', [{ text: 'This is unacceptable,', mention: 'the president', cue: 'tweeted' }]],
    // Speaker before a colon.
    ['Jane Roe told reporters: “We will act now.”', [{ text: 'We will act now.', kind: 'direct', mention: 'Jane Roe', name: 'Jane Roe', cue: 'told' }]],
    ['She wrote on X: “Thank you all.”', [{ text: 'Thank you all.', kind: 'direct', mention: 'She', cue: 'wrote' }]],
    ['In a statement, the company said: “We regret the error.”', [{ text: 'We regret the error.', mention: 'the company', name: null, cue: 'said' }]],
    ['Jane Roe, in a statement: “We regret the error.”', [{ text: 'We regret the error.', mention: 'Jane Roe', name: 'Jane Roe', cue: ':' }]],
    ['Speaking at the summit, Jane Roe said:\n“We will act now.”', [{ text: 'We will act now.', kind: 'direct', mention: 'Jane Roe', cue: 'said' }]],
    // Apposition.
    ['Jane Roe, the chief executive, said: “We will act now.”', [{ text: 'We will act now.', mention: 'Jane Roe', name: 'Jane Roe', cue: 'said' }]],
    ['Jane Roe, 45, said: “We will act now.”', [{ text: 'We will act now.', mention: 'Jane Roe', name: 'Jane Roe' }]],
    ['Jane Roe, the chief executive, spoke first. Later, the chief executive said the plan would “pay for itself”.', [{ text: 'pay for itself', kind: 'partial', mention: 'the chief executive', name: 'Jane Roe' }]],
    // According to.
    ['According to police, “the suspect fled on foot”.', [{ text: 'the suspect fled on foot', mention: 'police', name: 'police', cue: 'According to' }]],
    ['“The suspect fled on foot,” according to Jane Roe.', [{ text: 'The suspect fled on foot,', mention: 'Jane Roe', name: 'Jane Roe', cue: 'according to' }]],
    // Split around the cue: two items, the second continues the first.
    ['“We will,” she said, “act now.”', [
      { text: 'We will,', kind: 'direct', mention: 'she', cue: 'said' },
      { text: 'act now.', kind: 'direct', mention: 'she', cue: 'said', continues: 0 },
    ]],
    ['“We will,” said Jane Roe, “act now.”', [
      { text: 'We will,', mention: 'Jane Roe', name: 'Jane Roe' },
      { text: 'act now.', mention: 'Jane Roe', name: 'Jane Roe', continues: 0 },
    ]],
    // Partial quotes inside reported speech.
    ['The Conservatives said the conference “will make no difference”.', [{ text: 'will make no difference', kind: 'partial', mention: 'The Conservatives', name: 'Conservatives', entity: 'Conservatives' }], [['ORG', 'Conservatives', 'Conservatives']]],
    ['She described it as a “soft touch”.', [{ text: 'soft touch', kind: 'partial', mention: 'She', cue: 'described' }]],
    ['Smith called the decision “a disgrace”.', [{ text: 'a disgrace', kind: 'partial', mention: 'Smith', cue: 'called' }]],
    ['Tesla said in a statement that it “strongly disagrees” with the ruling.', [{ text: 'strongly disagrees', kind: 'partial', mention: 'Tesla', name: 'Tesla' }], [['ORG', 'Tesla', 'Tesla']]],
    ['Police said the man was “known to officers”.', [{ text: 'known to officers', kind: 'partial', mention: 'Police', name: 'police' }]],
    ['The plan was “a mess” and “a waste”, Jane Roe said.', [
      { text: 'a mess', kind: 'partial', mention: 'Jane Roe', cue: 'said' },
      { text: 'a waste', kind: 'partial', mention: 'Jane Roe', cue: 'said' },
    ]],
    // Role before the name, either order of verb.
    ['The regulator’s chief executive, Dame Helen Roe, said customers were “entitled to see every penny”.', [{ text: 'entitled to see every penny', kind: 'partial', mention: 'Dame Helen Roe', name: 'Helen Roe', cue: 'said' }]],
    ['“This is welcome news,” said Ofgem’s chief executive, Rachel Dunmore. “Prices remain high.”', [
      { text: 'This is welcome news,', kind: 'direct', mention: 'Rachel Dunmore', name: 'Rachel Dunmore', cue: 'said' },
      { text: 'Prices remain high.', mention: null, name: 'Rachel Dunmore', cue: null },
    ]],
    ['“A fine is a rounding error,” the union’s state secretary, Craig Dunleavy, said.', [{ text: 'A fine is a rounding error,', mention: 'Craig Dunleavy', name: 'Craig Dunleavy' }]],
    ['"The next 48 hours are critical," said fire officer Nadia Roe, "and the forecast is bad."', [
      { text: 'The next 48 hours are critical,', kind: 'direct', mention: 'fire officer Nadia Roe', name: 'Nadia Roe', cue: 'said' },
      { text: 'and the forecast is bad.', kind: 'direct', mention: 'fire officer Nadia Roe', name: 'Nadia Roe', cue: 'said', continues: 0 },
    ]],
    ['"Nobody is above the law," Attorney General Merrick Garland said.', [{ text: 'Nobody is above the law,', mention: 'Attorney General Merrick Garland', name: 'Merrick Garland' }]],
    // Inserted clauses between subject and verb.
    ['Little Harbour Hospice, which supports 340 families, said it needed “half a million pounds”.', [{ text: 'half a million pounds', kind: 'partial', mention: 'Little Harbour Hospice', name: 'Little Harbour Hospice' }]],
    ['The minister, speaking on BBC Radio 4, said: "We will act."', [{ text: 'We will act.', kind: 'direct', mention: 'The minister', cue: 'said' }]],
    ['Greg Hall, 64, who left his home on Saturday, said: "We grabbed the dogs."', [{ text: 'We grabbed the dogs.', mention: 'Greg Hall', name: 'Greg Hall' }]],
    ['The trust said its systems went offline at 2.15am after staff noticed “unusual activity”.', [{ text: 'unusual activity', kind: 'partial', mention: 'The trust', cue: 'said' }]],
    // A colon-introduced quote keeps its own cue; the next clause's cue is not the previous quote's.
    ['Mary Smith, the mayor of Springfield, said: “We are ready.” The mayor added: “Come visit.”', [
      { text: 'We are ready.', mention: 'Mary Smith', name: 'Mary Smith', cue: 'said' },
      { text: 'Come visit.', mention: 'The mayor', name: 'Mary Smith', cue: 'added' },
    ]],
    // Reported thought and judging verbs take partial quotes.
    ['Jane Roe said the sector was crowded. She expected “at least half” of firms to close.', [{ text: 'at least half', kind: 'partial', mention: 'She', name: 'Jane Roe', cue: 'expected' }]],
    ['Tom Greer dismissed the poll as "a single snapshot".', [{ text: 'a single snapshot', kind: 'partial', mention: 'Tom Greer', cue: 'dismissed' }]],
    ['The newspaper quoted him as saying the deal was “dead”.', [{ text: 'dead', kind: 'partial', mention: 'him', cue: 'saying' }]],
    // A coordinated verb shares the main clause's subject.
    ['Sen. Lisa Murkowski called the package "vital" and said the plan was "wrong on this."', [
      { text: 'vital', kind: 'partial', mention: 'Sen. Lisa Murkowski', name: 'Lisa Murkowski', cue: 'called' },
      { text: 'wrong on this.', kind: 'partial', mention: 'Sen. Lisa Murkowski', name: 'Lisa Murkowski', cue: 'said' },
    ]],
    ['The Transit Authority said it had offered raises, and called the walkout "reckless."', [{ text: 'reckless.', mention: 'The Transit Authority', name: 'Transit Authority' }]],
    ['"This is historic," Senate Majority Leader Chuck Schumer said.', [{ text: 'This is historic,', mention: 'Senate Majority Leader Chuck Schumer', name: 'Chuck Schumer' }]],
    ['Critics on the right have dubbed the bill a "blank check".', [{ text: 'blank check', kind: 'partial', mention: 'Critics on the right', name: null, cue: 'dubbed' }]],
    // A group with no name speaks; "they" after it stays unnamed.
    ['Mr Roe’s family described him as “the kindest man”. “He lived for his girls,” they said.', [
      { text: 'the kindest man', kind: 'partial', mention: 'Mr Roe’s family', name: null },
      { text: 'He lived for his girls,', mention: 'they', name: null },
    ]],
    ['The Kremlin said the move would "only prolong the conflict".', [{ text: 'only prolong the conflict', kind: 'partial', mention: 'The Kremlin', name: 'Kremlin' }]],
    ['The central bank said growth was continuing "at a solid pace" and it was watching prices "closely".', [
      { text: 'at a solid pace', mention: 'The central bank', cue: 'said' },
      { text: 'closely', mention: 'The central bank', cue: 'said' },
    ]],
    ['"We will win," Mark Pask said, adding: "It will take time."', [
      { text: 'We will win,', mention: 'Mark Pask', cue: 'said' },
      { text: 'It will take time.', mention: 'Mark Pask', cue: 'adding' },
    ]],
    ['According to the report\'s author, Anna Marsh, the figures were "alarming".', [{ text: 'alarming', kind: 'partial', mention: 'Anna Marsh', name: 'Anna Marsh', cue: 'According to' }]],
    ['It was, she said, “a total disaster”.', [{ text: 'a total disaster', kind: 'partial', mention: 'she', cue: 'said' }]],
    ['Acme Corp lost the case on Monday. “We will appeal,” it said.', [{ text: 'We will appeal,', kind: 'direct', mention: 'it', name: 'Acme Corp' }], [['ORG', 'Acme Corp', 'Acme Corp']]],
    ['Police said they were called to a house where a man described as “armed and dangerous” was seen.', [{ text: 'armed and dangerous', kind: 'partial', mention: 'Police', name: 'police', cue: 'said' }]],
    ['Jane Roe told the BBC\'s "Newsnight" programme: "This is the first real sign."', [{ text: 'This is the first real sign.', kind: 'direct', mention: 'Jane Roe', cue: 'told' }]],
    ['“We will act”, the statement from the Home Office read.', [{ text: 'We will act', mention: 'the statement from the Home Office', name: 'Home Office', cue: 'read' }]],
    ['“We will act,” one resident, who did not want to be named, said.', [{ text: 'We will act,', mention: 'one resident', name: null, cue: 'said' }]],
    ['“We will act,” wrote Jane Roe on Facebook.', [{ text: 'We will act,', mention: 'Jane Roe', name: 'Jane Roe', cue: 'wrote' }]],
    ['“We will act,” Ms Smith’s lawyer, John Doe, said.', [{ text: 'We will act,', mention: 'John Doe', name: 'John Doe' }]],
    ['Jane Roe – who has denied wrongdoing – said: “I am innocent.”', [{ text: 'I am innocent.', mention: 'Jane Roe', name: 'Jane Roe', cue: 'said' }]],
    ['“I will appeal,” Jane Roe, 54, from Leeds, told the court.', [{ text: 'I will appeal,', mention: 'Jane Roe', name: 'Jane Roe', cue: 'told' }]],
    // Organisations speak.
    ['A spokesperson for the Home Office said: “We do not comment on individual cases.”', [{ text: 'We do not comment on individual cases.', mention: 'A spokesperson for the Home Office', name: 'Home Office' }]],
    ['“We do not comment,” a Home Office spokesperson said.', [{ text: 'We do not comment,', mention: 'a Home Office spokesperson', name: 'Home Office' }]],
    ['“Arrests were made,” a spokesperson for Interpol said.', [{ text: 'Arrests were made,', mention: 'a spokesperson for Interpol', name: 'Interpol', entity: 'Interpol' }], [['ORG', 'Interpol', 'Interpol']]],
    ['The Metropolitan Police opened an inquiry. “Officers attended,” police said.', [{ text: 'Officers attended,', mention: 'police', name: 'Metropolitan Police', entity: 'Metropolitan Police' }], [['ORG', 'Metropolitan Police', 'Metropolitan Police']]],
    ['Acme Corp lost the case. “We will appeal,” the company said.', [{ text: 'We will appeal,', mention: 'the company', name: 'Acme Corp' }], [['ORG', 'Acme Corp', 'Acme Corp']]],
    ['Acme Corp lost the case. “We will appeal,” they said.', [{ text: 'We will appeal,', mention: 'they', name: 'Acme Corp' }], [['ORG', 'Acme Corp', 'Acme Corp']]],
  ];
  it.each(rows)('%j', (text, expected, specs = []) => {
    const { quotes, entities } = run(text, specs);
    check(text, quotes, entities, expected);
  });
});

describe('extractQuotes: reporting verbs', () => {
  const verbs = [
    'said', 'says', 'added', 'insisted', 'warned', 'claimed', 'wrote', 'tweeted', 'posted', 'told reporters', 'explained',
    'argued', 'noted', 'stressed', 'admitted', 'acknowledged', 'asked', 'replied', 'responded', 'declared', 'announced',
    'maintained', 'suggested', 'urged', 'vowed', 'pledged', 'promised', 'conceded', 'recalled', 'complained', 'joked',
    'predicted', 'continued', 'concluded', 'cautioned', 'remarked', 'observed', 'confirmed', 'stated', 'commented',
    'has said', 'later said', 'also said',
  ];
  it.each(verbs)('“…,” Jane Roe %s.', (verb) => {
    const text = `“We will act now,” Jane Roe ${verb}.`;
    const { quotes, entities } = run(text);
    check(text, quotes, entities, [{ text: 'We will act now,', kind: 'direct', mention: 'Jane Roe', name: 'Jane Roe', cue: verb.split(' ').find((w) => !['has', 'later', 'also', 'reporters'].includes(w)) }]);
  });
  it.each(['said', 'added', 'warned', 'insisted', 'told the BBC'])('Jane Roe %s: “…”', (verb) => {
    const text = `Jane Roe ${verb}: “We will act now.”`;
    const { quotes, entities } = run(text);
    check(text, quotes, entities, [{ text: 'We will act now.', kind: 'direct', mention: 'Jane Roe', cue: verb.split(' ')[0] }]);
  });
});

describe('extractQuotes: resolution', () => {
  const rows: Row[] = [
    // Titles and surnames resolve to the full name through the entity clusters.
    ['Sir Keir Starmer spoke. “We will act,” Sir Keir said.', [{ text: 'We will act,', mention: 'Sir Keir', name: 'Keir Starmer', entity: 'Keir Starmer' }], [['PERSON', 'Keir Starmer', 'Keir Starmer', 'Keir']]],
    ['Jane Roe spoke. “We will act,” Ms Roe said.', [{ text: 'We will act,', mention: 'Ms Roe', name: 'Jane Roe', entity: 'Jane Roe' }], [['PERSON', 'Jane Roe', 'Jane Roe', 'Roe']]],
    // ... and without any entities, from the text's own name runs.
    ['Sir Keir Starmer spoke. “We will act,” Sir Keir said.', [{ text: 'We will act,', mention: 'Sir Keir', name: 'Keir Starmer' }]],
    ['Jane Roe said: “We will act.”', [{ text: 'We will act.', mention: 'Jane Roe', name: 'Jane Roe' }]],
    // Pronouns: the last compatible person, gender-aware.
    ['Mr Smith met Ms Jones. “It went well,” she said.', [{ text: 'It went well,', mention: 'she', name: 'Jones' }]],
    ['Mr Smith met Ms Jones. “It went well,” he said.', [{ text: 'It went well,', mention: 'he', name: 'Smith' }]],
    ['John Smith met Mary Jones on Tuesday. “It went well,” he said.', [{ text: 'It went well,', mention: 'he', name: 'John Smith', entity: 'John Smith' }], [['PERSON', 'John Smith', 'John Smith'], ['PERSON', 'Mary Jones', 'Mary Jones']]],
    // Role nouns: the news-style lead (role in the first sentence, holder named as the next speaker).
    ['Smugglers exploited “fragmented” policing, the prime minister has said.\nSir Keir Starmer said the UK was “a soft touch”.', [
      { text: 'fragmented', kind: 'partial', mention: 'the prime minister', name: 'Keir Starmer', cue: 'said', entity: 'Keir Starmer' },
      { text: 'a soft touch', kind: 'partial', mention: 'Sir Keir Starmer', name: 'Keir Starmer', entity: 'Keir Starmer' },
    ], [['PERSON', 'Keir Starmer', 'Keir Starmer']]],
    // Role nouns: an explicit title before the name, and an apposition before it.
    ['Prime Minister Jane Roe arrived. “We will act,” the prime minister said.', [{ text: 'We will act,', mention: 'the prime minister', name: 'Jane Roe' }], [['PERSON', 'Jane Roe', 'Jane Roe']]],
    ['The minister, Jane Roe, arrived. “We will act,” the minister said.', [{ text: 'We will act,', mention: 'the minister', name: 'Jane Roe' }], [['PERSON', 'Jane Roe', 'Jane Roe']]],
    // Chains: he → the prime minister → the named holder.
    ['Prime Minister Jane Roe arrived. The prime minister said she was “angry”. “It is unfair,” she said.', [
      { text: 'angry', kind: 'partial', mention: 'The prime minister', name: 'Jane Roe' },
      { text: 'It is unfair,', kind: 'direct', mention: 'she', name: 'Jane Roe' },
    ], [['PERSON', 'Jane Roe', 'Jane Roe']]],
    // A name the entity stage cut short is mended from the text; the entity id stays.
    ['Health Minister Grace Wanjiru Otieno announced the plan. “We will act,” the minister said.', [{ text: 'We will act,', mention: 'the minister', name: 'Grace Wanjiru Otieno', entity: 'Grace Wanjiru' }], [['PERSON', 'Grace Wanjiru', 'Grace Wanjiru']]],
    // Pronouns prefer the subject of the sentence before.
    ['Rose Field, who farms near Ledbury, lost her crop. “It is heartbreaking,” she said.', [{ text: 'It is heartbreaking,', mention: 'she', name: 'Rose Field' }], [['PERSON', 'Rose Field', 'Rose Field'], ['PERSON', 'Ledbury', 'Ledbury']]],
    // Who spoke in the earlier sentence outranks others it names.
    ['Speaking to the BBC programme with Laura Kuenssberg, Angela Rayner said the plan was final. She added that councils who "drag their feet" would face action.', [
      { text: 'drag their feet', kind: 'partial', mention: 'She', name: 'Angela Rayner', cue: 'added' },
    ]],
    ['Downing Street said: "The public want homes built."', [{ text: 'The public want homes built.', mention: 'Downing Street', name: 'Downing Street' }]],
    ['A No 10 spokesperson said the prime minister had "full confidence" in his deputy.', [{ text: 'full confidence', mention: 'A No 10 spokesperson', name: 'No 10' }]],
    ['Prime Minister Jane Roe spoke on Monday. ‘Nothing is off the table,’ the PM said.', [{ text: 'Nothing is off the table,', mention: 'the PM', name: 'Jane Roe' }]],
    ['‘Nothing is off the table’: Jane Roe vows action on bills', [{ text: 'Nothing is off the table', mention: 'Jane Roe', cue: 'vows' }]],
    ['The judge, Anne Marie Keating, told him: ‘You took their savings.’', [{ text: 'You took their savings.', mention: 'Anne Marie Keating', name: 'Anne Marie Keating', cue: 'told' }]],
    ['Glasgow-born Fiona MacLeod Reyes described the film as “a love letter”.', [{ text: 'a love letter', mention: 'Fiona MacLeod Reyes', name: 'Fiona MacLeod Reyes' }]],
    // An unlinked role stays unnamed rather than guessed.
    ['“We will act,” the minister said.', [{ text: 'We will act,', mention: 'the minister', name: null }]],
  ];
  it.each(rows)('%j', (text, expected, specs = []) => {
    const { quotes, entities } = run(text, specs);
    check(text, quotes, entities, expected);
  });
});

describe('extractQuotes: floating and multi-paragraph quotes', () => {
  const rows: Row[] = [
    ['“We are seeing results,” Jane Roe said.\n“And it will only get better from here.”', [
      { text: 'We are seeing results,', mention: 'Jane Roe', name: 'Jane Roe' },
      { text: 'And it will only get better from here.', kind: 'direct', mention: null, name: 'Jane Roe', cue: null },
    ]],
    ['Jane Roe said the plan was working.\n“We are seeing results every day.”', [{ text: 'We are seeing results every day.', mention: null, name: 'Jane Roe', cue: null }]],
    ['“We will fight on,” Jane Roe said.\nMr John Smith was less sure.\n“It will not work.”', [
      { text: 'We will fight on,', name: 'Jane Roe' },
      { text: 'It will not work.', mention: null, name: 'John Smith' },
    ]],
    ['“We will fight on the beaches.\n“We shall never surrender,” Winston Churchill said.', [
      { text: 'We will fight on the beaches.\n“We shall never surrender,', kind: 'direct', mention: 'Winston Churchill', name: 'Winston Churchill' },
    ]],
    ['Jane Roe said: “We will fight.\n“We will win.”', [{ text: 'We will fight.\n“We will win.', kind: 'direct', mention: 'Jane Roe', name: 'Jane Roe' }]],
    ['Mr John Smith was defiant on Tuesday.\n“We will not resign over this.”', [{ text: 'We will not resign over this.', kind: 'direct', mention: null, name: 'John Smith', cue: null }]],
    ['“We will fight on,” Jane Roe said.\nThe plan was backed by Mr John Smith.\n“It will work.”', [
      { text: 'We will fight on,', name: 'Jane Roe' },
      { text: 'It will work.', mention: null, name: 'Jane Roe' },
    ]],
    ['“It is over,” he said. “We lost.”', [
      { text: 'It is over,', mention: 'he', name: null },
      { text: 'We lost.', mention: null, cue: null },
    ]],
  ];
  it.each(rows)('%j', (text, expected, specs = []) => {
    const { quotes, entities } = run(text, specs);
    check(text, quotes, entities, expected);
  });
});

describe('extractQuotes: marks', () => {
  const rows: Row[] = [
    ['‘We will act now,’ she said.', [{ text: 'We will act now,', mention: 'she' }]],
    ["'We will act now,' she said.", [{ text: 'We will act now,', mention: 'she' }]],
    ['"We will act now," she said.', [{ text: 'We will act now,', mention: 'she' }]],
    ['‘It’s the fans’,’ she said.', [{ text: 'It’s the fans’,', kind: 'direct', mention: 'she', cue: 'said' }]],
    ['“He told me ‘never again’ and left,” she said.', [{ text: 'He told me ‘never again’ and left,', mention: 'she' }]],
    ['‘He told me “never again” and left,’ she said.', [{ text: 'He told me “never again” and left,', mention: 'she' }]],
    ["‘It’s Jones’ car, not mine,’ she said.", [{ text: 'It’s Jones’ car, not mine,', mention: 'she' }]],
    ['Priya Roe said her side had been ‘a bit too cautious’ in the middle overs. ‘We lost,’ she said.', [
      { text: 'a bit too cautious', kind: 'partial', mention: 'Priya Roe' },
      { text: 'We lost,', kind: 'direct', mention: 'she', name: 'Priya Roe' },
    ]],
    ['“We will,“ she said, “act now.“', [{ text: 'We will,', mention: 'she' }, { text: 'act now.', mention: 'she', continues: 0 }]],
  ];
  it.each(rows)('%j', (text, expected, specs = []) => {
    const { quotes, entities } = run(text, specs);
    check(text, quotes, entities, expected);
  });

  it('degrades an unclosed quote to a best guess with a warning', () => {
    const text = 'Jane Roe said: “We will act now.\nThe meeting ended.';
    const { quotes, warnings } = run(text);
    expect(quotes.map((q) => q.text)).toEqual(['We will act now.']);
    expect(warnings).toContain('unclosed-quote');
  });

  it('never throws on pathological input and stays fast', () => {
    const marks = `${'“'.repeat(10_000)} x ${'”\'"‘’'.repeat(2_000)}`;
    const t = performance.now();
    expect(() => run(marks)).not.toThrow();
    const line = 'He said “a” and “b” and ';
    expect(() => run(line.repeat(3_000))).not.toThrow();
    expect(performance.now() - t).toBeLessThan(20_000);
  });
});

describe('extractQuotes: invariants on random mixes of marks, apostrophes and cues', () => {
  it('never throws; every span is an exact slice; ids, order and continues hold', () => {
    const parts = ['“', '”', '"', "'", '‘', '’', ' he said', ' Smith said:', ', ', '. ', '\n', '\r\n', 'We will', " don't", " Jones'", " '90s", ' rock ’n’ roll', ' the “', '😀', ' according to police', ' Mr ', 'Sir Keir', ' told reporters:', ' (CTA)', ' — ', ' 2.15am', '\n\n', ' the so-called', ' titled'];
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    let checked = 0;
    for (let i = 0; i < 400; i++) {
      let text = '';
      const len = 1 + Math.floor(rnd() * 40);
      for (let j = 0; j < len; j++) text += parts[Math.floor(rnd() * parts.length)];
      const quotes = extractQuotes(buildDoc(text), [], () => {});
      quotes.forEach((q, k) => {
        expect(QuoteSchema.parse(q)).toEqual(q);
        expect(text.slice(q.start, q.end)).toBe(q.text);
        if (q.speaker?.mention) expect(text.slice(q.speaker.mention.start, q.speaker.mention.end)).toBe(q.speaker.mention.text);
        if (q.cue) expect(text.slice(q.cue.start, q.cue.end)).toBe(q.cue.text);
        expect(q.id).toBe(`q${k + 1}`);
        if (k > 0) expect(q.start).toBeGreaterThan(quotes[k - 1].start);
        if (q.continues) expect(quotes.slice(0, k).map((p) => p.id)).toContain(q.continues);
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(50);
  });
});

describe('extractQuotes: yields nothing', () => {
  const rows: string[] = [
    'He read the book “War and Peace” last year.',
    'The film, titled “Dune”, opens on Friday.',
    'Her new album “Midnights” sold well.',
    'The report, called “Fixing the Future”, was published on Monday.',
    'The group called “Save Our Parks” held a rally.',
    'They sang the song “Hey Jude” together.',
    'Dwayne “The Rock” Johnson starred.',
    'The so-called “red wall” seats changed hands.',
    'Voters in the “red wall” seats changed their minds.',
    'The “smart” meters were installed in 2020.',
    'It is known as “the Beast” in Washington.',
    'He was nicknamed “the Hammer” as a boy.',
    "I don't think it's Jones' fault, nor the '90s, nor rock 'n' roll at 5 o'clock.",
    'It’s the Joneses’ house, she said.',
    'The bill, dubbed the “One Big Beautiful Bill”, passed on Friday.',
    '“The Salt Road”, a drama about fishermen, opens the festival, its organisers announced.',
    'The director, known to regulars as “the Gaffer”, said interest was high.',
    'Residents were told to "shelter in place".',
    'A “high-level” meeting took place.',
    'Analysts said the "so-called" deal had collapsed.',
    'The company said it would stop selling its “Pro” range.',
    'She said the party’s “America First” wing was split.',
    'A stray closer” here.',
    '',
  ];
  it.each(rows)('%j', (text) => {
    expect(run(text).quotes).toEqual([]);
  });
});

describe('extractQuotes: a wire-style article (written for this test)', () => {
  const text = [
    'WASHINGTON (AP) — The Senate on Tuesday passed an aid package, sending it to the House, where Speaker Mike Johnson has said he will not bring it up.',
    '"This is a historic moment," Senate Majority Leader Chuck Schumer said on the floor. "We are sending a message to our allies."',
    'Johnson, a Louisiana Republican, said in a statement that the bill "fails to address" border security. "The House will work its own will," he said.',
    'Asked about the vote, President Joe Biden told reporters: "It\'s time for the House to act. No more excuses."',
    'The White House press secretary, Karine Jean-Pierre, described the delay as "dangerous."',
    '"Every day that passes," she said, "is a day Ukraine runs lower on ammunition."',
    'The bill, dubbed the "Security Package", now goes to the House.',
    '"We\'re in uncharted territory," said Edward Alden of the Council on Foreign Relations.',
    '"Nobody knows what happens next."',
  ].join('\n');
  const expected: Expected[] = [
    { text: 'This is a historic moment,', kind: 'direct', mention: 'Senate Majority Leader Chuck Schumer', name: 'Chuck Schumer', cue: 'said' },
    { text: 'We are sending a message to our allies.', kind: 'direct', mention: null, name: 'Chuck Schumer', cue: null },
    { text: 'fails to address', kind: 'partial', mention: 'Johnson', name: 'Mike Johnson', cue: 'said' },
    { text: 'The House will work its own will,', kind: 'direct', mention: 'he', name: 'Mike Johnson', cue: 'said' },
    { text: "It's time for the House to act. No more excuses.", kind: 'direct', mention: 'President Joe Biden', name: 'Joe Biden', cue: 'told' },
    { text: 'dangerous.', kind: 'partial', mention: 'Karine Jean-Pierre', name: 'Karine Jean-Pierre', cue: 'described' },
    { text: 'Every day that passes,', kind: 'direct', mention: 'she', name: 'Karine Jean-Pierre', cue: 'said' },
    { text: 'is a day Ukraine runs lower on ammunition.', kind: 'direct', mention: 'she', name: 'Karine Jean-Pierre', cue: 'said', continues: 6 },
    { text: "We're in uncharted territory,", kind: 'direct', mention: 'Edward Alden of the Council on Foreign Relations', name: 'Edward Alden', cue: 'said' },
    { text: 'Nobody knows what happens next.', kind: 'direct', mention: null, name: 'Edward Alden', cue: null },
  ];
  it('with no entities', () => {
    const { quotes, entities } = run(text);
    check(text, quotes, entities, expected);
  });
  it('with hand-built entities, linking each speaker', () => {
    const specs: EntitySpec[] = [
      ['PERSON', 'Mike Johnson', 'Mike Johnson', 'Johnson'],
      ['PERSON', 'Chuck Schumer', 'Chuck Schumer'],
      ['PERSON', 'Joe Biden', 'Joe Biden'],
      ['PERSON', 'Karine Jean-Pierre', 'Karine Jean-Pierre'],
      ['PERSON', 'Edward Alden', 'Edward Alden'],
      ['ORG', 'Council on Foreign Relations', 'Council on Foreign Relations'],
      ['ORG', 'Senate', 'Senate'],
      ['FAC', 'White House', 'White House'],
    ];
    const { quotes, entities } = run(text, specs);
    check(text, quotes, entities, expected.map((e) => (e.name ? { ...e, entity: e.name } : e)));
  });
});

describe('extractQuotes: seed article', () => {
  const text = readFileSync(new URL('../../corpus/000_6d8a06d22f37ec03.txt', import.meta.url), 'utf8');
  const passages: Array<[string, 'Keir Starmer' | 'Conservatives', string | null]> = [
    ['fragmented', 'Keir Starmer', 'the prime minister'],
    ['a soft touch', 'Keir Starmer', 'Sir Keir Starmer'],
    ['open invitation', 'Keir Starmer', 'Sir Keir Starmer'],
    ['will make no difference', 'Conservatives', 'The Conservatives'],
    ['beginning to bear fruit', 'Keir Starmer', 'Sir Keir'],
    ['angry', 'Keir Starmer', 'the prime minister'],
    ['It makes me angry, frankly', 'Keir Starmer', 'he'],
    ['a massive driver of global insecurity', 'Keir Starmer', 'Sir Keir'],
    ['undermines our ability to control who comes here', 'Keir Starmer', 'Sir Keir'],
    ['And it’s unfair on the illegal migrants themselves', 'Keir Starmer', null],
    ['There has never been a bigger gathering', 'Keir Starmer', 'Sir Keir'],
  ];
  const check11 = (quotes: Quote[]) => {
    expect(quotes).toHaveLength(11);
    quotes.forEach((q, i) => {
      const [start, name, mention] = passages[i];
      expect(q.text.startsWith(start), q.text).toBe(true);
      expect(text.slice(q.start, q.end)).toBe(q.text);
      expect(q.speaker?.name).toBe(name);
      expect(q.speaker?.mention?.text ?? null).toBe(mention);
    });
    expect(quotes[6].text.endsWith('under the strain,')).toBe(true);
    expect(quotes[9].text.endsWith('vile gangs.')).toBe(true);
    expect(quotes.map((q) => q.kind)).toEqual(['partial', 'partial', 'partial', 'partial', 'partial', 'partial', 'direct', 'partial', 'partial', 'direct', 'direct']);
  };

  it('finds the eleven passages and their speakers with no entities at all', () => {
    const { quotes } = run(text);
    check11(quotes);
    expect(quotes.every((q) => q.speaker?.entityId === null)).toBe(true);
  });

  it('links the speakers to hand-built entities', () => {
    const specs: EntitySpec[] = [
      ['PERSON', 'Keir Starmer', 'Keir Starmer', 'Keir'],
      ['ORG', 'Conservatives', 'Conservatives'],
      ['GPE', 'UK', 'UK'],
      ['FAC', 'Lancaster House', 'Lancaster House'],
    ];
    const { quotes, entities } = run(text, specs);
    check11(quotes);
    const keir = entities.find((e) => e.name === 'Keir Starmer')!.id;
    const tories = entities.find((e) => e.name === 'Conservatives')!.id;
    expect(quotes.map((q) => q.speaker?.entityId)).toEqual([keir, keir, keir, tories, keir, keir, keir, keir, keir, keir, keir]);
  });

  it('works on the real pipeline: buildDoc, the entity stage, then quotes', () => {
    const doc = buildDoc(text);
    const entities = extractEntities(doc, () => {});
    const quotes = extractQuotes(doc, entities, () => {});
    check11(quotes);
    // The speakers come out right whatever the entity stage finds; when it finds him, they link to him.
    const keir = entities.find((e) => e.name === 'Keir Starmer')?.id ?? null;
    for (const q of quotes) if (q.speaker?.name === 'Keir Starmer') expect(q.speaker.entityId).toBe(keir);
  });
});
