import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDoc } from '../../src/core/doc.ts';
import { extractEntities } from '../../src/stages/entities/index.ts';

type Expected = [type: string, name: string, mentions: string[]];

function entitiesOf(text: string): Expected[] {
  const doc = buildDoc(text);
  return extractEntities(doc, () => {}).map((e) => [e.type, e.name, e.mentions.map((m) => m.text)]);
}

/** Checks the record contract on any result: ids, order, exact slices. */
function checkContract(text: string): void {
  const entities = extractEntities(buildDoc(text), () => {});
  entities.forEach((e, k) => {
    expect(e.id).toBe(`e${k + 1}`);
    for (const m of e.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
    const starts = e.mentions.map((m) => m.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(e.name).not.toMatch(/^(Sir|Mr|Mrs|Dr|President|the)\b/);
  });
  const firsts = entities.map((e) => e.mentions[0].start);
  expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
}

// Sentences written for these tests (never taken from the CoNLL data).
const typing: Array<[string, Expected[]]> = [
  ['Officials from Germany, France and Italy met in Brussels.', [
    ['GPE', 'Germany', ['Germany']], ['GPE', 'France', ['France']], ['GPE', 'Italy', ['Italy']], ['GPE', 'Brussels', ['Brussels']],
  ]],
  ['The World Cup final was played at Wembley Stadium in London.', [
    ['EVENT', 'World Cup', ['World Cup']], ['FAC', 'Wembley Stadium', ['Wembley Stadium']], ['GPE', 'London', ['London']],
  ]],
  ['He flew from Heathrow Airport to Paris on Monday.', [
    ['FAC', 'Heathrow Airport', ['Heathrow Airport']], ['GPE', 'Paris', ['Paris']],
  ]],
  ['Israeli and Palestinian leaders met at the United Nations in New York.', [
    ['NORP', 'Israeli', ['Israeli']], ['NORP', 'Palestinian', ['Palestinian']], ['ORG', 'United Nations', ['United Nations']], ['GPE', 'New York', ['New York']],
  ]],
  ['Muslim and Christian groups joined the Conservatives and Labour in Parliament.', [
    ['NORP', 'Muslim', ['Muslim']], ['NORP', 'Christian', ['Christian']], ['ORG', 'Conservatives', ['Conservatives']], ['ORG', 'Labour', ['Labour']], ['ORG', 'Parliament', ['Parliament']],
  ]],
  ['The Paris Agreement and the Online Safety Act were debated.', [
    ['LAW', 'Paris Agreement', ['Paris Agreement']], ['LAW', 'Online Safety Act', ['Online Safety Act']],
  ]],
  ['Boats crossed the Channel from France overnight.', [['LOC', 'Channel', ['Channel']], ['GPE', 'France', ['France']]]],
  ['Ministers will meet at the Organised Immigration Crime Summit next week.', [
    ['EVENT', 'Organised Immigration Crime Summit', ['Organised Immigration Crime Summit']],
  ]],
  ['Her debut album ‘Paper Lanterns’ sold well.', [['WORK_OF_ART', 'Paper Lanterns', ['Paper Lanterns']]]],
  ['The Boeing 737 was grounded.', [['PRODUCT', 'Boeing 737', ['Boeing 737']]]],
  ['Frost hit orchards in Herefordshire last week.', [['GPE', 'Herefordshire', ['Herefordshire']]]],
  ['Smoke drifted towards the town of Fort McKinnon.', [['GPE', 'Fort McKinnon', ['Fort McKinnon']]]],
  ['Staff at the Little Harbour Children’s Hospice thanked donors.', [['ORG', 'Little Harbour Children’s Hospice', ['Little Harbour Children’s Hospice']]]],
  ['The Serious Fraud Office said the case was complex.', [['ORG', 'Serious Fraud Office', ['Serious Fraud Office']]]],
  ['Storm Darragh brought winds of 90mph to Wales.', [['EVENT', 'Storm Darragh', ['Storm Darragh']], ['GPE', 'Wales', ['Wales']]]],
  // Yields nothing: currency prefixes, pronouns and contractions, a role alone.
  ['The fund raised US$54m and C$10m.', []],
  ['“It’s over,” she said. “I’ve waited.”', []],
  ['The Health Minister spoke.', []],
  ['“Growth has stalled,” she said, adding that growth and more growth would return.', []],
  ['the quick brown fox jumped over the lazy dog.', []],
  ['Prices rose 3% in the year to March.', []],
];

const boundaries: Array<[string, Expected[]]> = [
  // Honorifics and titles stay outside the mention.
  ['Prime Minister Rishi Sunak met President Joe Biden at the White House.', [
    ['PERSON', 'Rishi Sunak', ['Rishi Sunak']], ['PERSON', 'Joe Biden', ['Joe Biden']], ['ORG', 'White House', ['White House']],
  ]],
  ['Trustee Margaret Ellery resigned.', [['PERSON', 'Margaret Ellery', ['Margaret Ellery']]]],
  // Possessive 's is left out.
  ["Mr Sunak's plan was criticised by Mrs Badenoch.", [['PERSON', 'Sunak', ['Sunak']], ['PERSON', 'Badenoch', ['Badenoch']]]],
  ['The summit at London’s Lancaster House ended.', [['GPE', 'London', ['London']], ['FAC', 'Lancaster House', ['Lancaster House']]]],
  // Lists split.
  ['Officials from Vietnam, Albania and Iraq attended.', [
    ['GPE', 'Vietnam', ['Vietnam']], ['GPE', 'Albania', ['Albania']], ['GPE', 'Iraq', ['Iraq']],
  ]],
  ['The plan was criticised by the Liberal Democrats and the SNP.', [['ORG', 'Liberal Democrats', ['Liberal Democrats']], ['ORG', 'SNP', ['SNP']]]],
  ['Leaders of Bosnia and Herzegovina met.', [['GPE', 'Bosnia and Herzegovina', ['Bosnia and Herzegovina']]]],
  // Whole names where the tagger or tokenizer stopped short.
  ['The minister, Bartosz Kędzierski, said Grace Wanjiru Otieno agreed.', [['PERSON', 'Bartosz Kędzierski', ['Bartosz Kędzierski']], ['PERSON', 'Grace Wanjiru Otieno', ['Grace Wanjiru Otieno']]]],
  ['The victim, named as Kwame Asante-Boateng, 34, was found. Asante-Boateng was a father.', [['PERSON', 'Kwame Asante-Boateng', ['Kwame Asante-Boateng', 'Asante-Boateng']]]],
  ['Analysts at Aurelia Partners disagreed, said Vincent Lau Chi-wing.', [['ORG', 'Aurelia Partners', ['Aurelia Partners']], ['PERSON', 'Vincent Lau Chi-wing', ['Vincent Lau Chi-wing']]]],
  // Two known names joined by a hyphen give a mention each.
  ['The Israel-Hamas war has killed thousands in Gaza.', [['GPE', 'Israel', ['Israel']], ['ORG', 'Hamas', ['Hamas']], ['GPE', 'Gaza', ['Gaza']]]],
  // A name inside a hyphenated word.
  ['The Rwanda-style scheme was dropped, and pro-Russian groups protested.', [['GPE', 'Rwanda', ['Rwanda']], ['NORP', 'Russian', ['Russian']]]],
  // X is the platform only in a platform context.
  ['She posted on X, formerly Twitter, about the launch.', [['ORG', 'X', ['X']], ['ORG', 'Twitter', ['Twitter']]]],
  ['Tech giants like Meta, X and TikTok were there.', [['ORG', 'Meta', ['Meta']], ['ORG', 'X', ['X']], ['ORG', 'TikTok', ['TikTok']]]],
  ['The film was rated X by the censors.', []],
  ['Put an X in the box and move on.', []],
];

const clustering: Array<[string, Expected[]]> = [
  ['Sir Keir Starmer spoke on Monday. Later Sir Keir said Starmer had no regrets.', [['PERSON', 'Keir Starmer', ['Keir Starmer', 'Keir', 'Starmer']]]],
  ['Gordon Brown ate brown bread with brown sauce. Brown said it was fine.', [['PERSON', 'Gordon Brown', ['Gordon Brown', 'Brown']]]],
  ['Angela Merkel spoke in Berlin. Merkel said Germany would help.', [
    ['PERSON', 'Angela Merkel', ['Angela Merkel', 'Merkel']], ['GPE', 'Berlin', ['Berlin']], ['GPE', 'Germany', ['Germany']],
  ]],
  ['The Consumer Council for Water (CCW) said the CCW would object.', [['ORG', 'Consumer Council for Water', ['Consumer Council for Water', 'CCW', 'CCW']]]],
  ['Dame Helen Ashworth-Price said Ashworth-Price would stay.', [['PERSON', 'Helen Ashworth-Price', ['Helen Ashworth-Price', 'Ashworth-Price']]]],
  ['The chief executive, Dr Amira Haddad, said the trust was sorry. Haddad added that staff were working hard.', [['PERSON', 'Amira Haddad', ['Amira Haddad', 'Haddad']]]],
  ['The Bank of Japan held rates. The BoJ said inflation was easing.', [['ORG', 'Bank of Japan', ['Bank of Japan', 'BoJ']]]],
  ['The Metropolitan Police said two men were held. The Met said inquiries continued.', [['ORG', 'Metropolitan Police', ['Metropolitan Police', 'Met']]]],
  ['The Kenya Union of Clinical Officers (Kuco) called a strike.', [['ORG', 'Kenya Union of Clinical Officers', ['Kenya Union of Clinical Officers', 'Kuco']]]],
  ['Members of the National Fruit Growers’ Association met.', [['ORG', 'National Fruit Growers’ Association', ['National Fruit Growers’ Association']]]],
  ['The National Crime Agency (NCA) said the NCA would act.', [['ORG', 'National Crime Agency', ['National Crime Agency', 'NCA', 'NCA']]]],
  ['The BBC said it would appeal, and a BBC spokesperson confirmed it.', [['ORG', 'BBC', ['BBC', 'BBC']]]],
  // A place stays apart from the organisation named after it.
  ['John Smith, 45, from Leeds, was jailed at Leeds Crown Court.', [
    ['PERSON', 'John Smith', ['John Smith']], ['GPE', 'Leeds', ['Leeds']], ['ORG', 'Leeds Crown Court', ['Leeds Crown Court']],
  ]],
  ['Dr Jane Smith of Oxford University spoke, and Smith added more.', [
    ['PERSON', 'Jane Smith', ['Jane Smith', 'Smith']], ['ORG', 'Oxford University', ['Oxford University']],
  ]],
];

describe('extractEntities', () => {
  for (const [name, table] of [['typing', typing], ['boundaries', boundaries], ['clustering', clustering]] as const) {
    describe(name, () => {
      it.each(table)('%s', (text, expected) => {
        const got = entitiesOf(text);
        // The list is the whole answer: any extra entity fails the row.
        expect(got).toEqual(expected);
        checkContract(text);
      });
    });
  }

  it('gives the seed article exactly its gold entities', () => {
    const text = readFileSync(new URL('../../corpus/000_6d8a06d22f37ec03.txt', import.meta.url), 'utf8');
    const doc = buildDoc(text);
    const got = extractEntities(doc, () => {});
    expect(got.map((e) => [e.type, e.name, e.mentions.map((m) => m.text)])).toEqual([
      ['GPE', 'UK', Array(7).fill('UK')],
      ['PERSON', 'Keir Starmer', ['Keir Starmer', 'Keir', 'Keir', 'Keir', 'Keir', 'Keir']],
      ['EVENT', 'Organised Immigration Crime Summit', ['Organised Immigration Crime Summit']],
      ['GPE', 'London', ['London', 'London']],
      ['ORG', 'Meta', ['Meta', 'Meta']],
      ['ORG', 'X', ['X', 'X']],
      ['ORG', 'TikTok', ['TikTok', 'TikTok']],
      ['ORG', 'Conservatives', ['Conservatives', 'Conservatives']],
      ['GPE', 'Rwanda', ['Rwanda']],
      ['ORG', 'Reform UK', ['Reform UK']],
      ['ORG', 'Labour', ['Labour']],
      ['LOC', 'Channel', ['Channel']],
      ['FAC', 'Lancaster House', ['Lancaster House', 'Lancaster House']],
      ['GPE', 'Vietnam', ['Vietnam']],
      ['GPE', 'Albania', ['Albania']],
      ['GPE', 'Iraq', ['Iraq']],
      ['NORP', 'French', ['French']],
      ['NORP', 'Chinese', ['Chinese']],
      ['GPE', 'US', ['US']],
      ['NORP', 'Kurdish', ['Kurdish']],
      ['ORG', 'Interpol', ['Interpol']],
    ]);
    // The gold offsets: "Keir Starmer" at 182-194.
    expect(got[1].mentions[0]).toEqual({ text: 'Keir Starmer', start: 182, end: 194 });
    checkContract(text);
  });

  it('keeps offsets exact in text with odd spacing and non-BMP characters', () => {
    const text = '\n  🎉 Officials in  Paris\u00a0and Berlin met.\r\n\r\nMr Macron’s aides agreed.';
    checkContract(text);
    const got = entitiesOf(text);
    expect(got.map(([, n]) => n)).toEqual(expect.arrayContaining(['Paris', 'Berlin', 'Macron']));
  });

  it('returns nothing for an empty document', () => {
    expect(entitiesOf('')).toEqual([]);
  });
});
