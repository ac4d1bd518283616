/**
 * Word lists the quote stage reasons with. They are general English news
 * vocabulary (reporting verbs as catalogued in newsroom quote extractors and
 * style guides; honorifics and role nouns as used by AP/Reuters/BBC copy),
 * never words picked from one article.
 */

/** Lemmas of verbs that introduce speech or writing ("X said", "said X"). */
const REPORTING_LEMMAS = [
  'say', 'add', 'insist', 'warn', 'claim', 'write', 'tweet', 'post', 'tell', 'explain', 'argue',
  'note', 'stress', 'admit', 'acknowledge', 'ask', 'reply', 'respond', 'declare', 'announce',
  'maintain', 'suggest', 'urge', 'vow', 'pledge', 'promise', 'concede', 'recall', 'complain',
  'joke', 'predict', 'continue', 'conclude', 'caution', 'remark', 'observe', 'state', 'comment',
  'confirm', 'deny', 'assert', 'emphasise', 'emphasize', 'point', 'reply', 'answer', 'testify',
  'allege', 'contend', 'reiterate', 'repeat', 'agree', 'disagree', 'boast', 'lament', 'plead',
  'scoff', 'quip', 'shout', 'yell', 'whisper', 'mutter', 'exclaim', 'cry', 'demand', 'describe',
  'call', 'brand', 'dub', 'label', 'accuse', 'report', 'reveal', 'disclose', 'indicate', 'propose',
  'recommend', 'counter', 'retort', 'protest', 'object', 'assure', 'reassure', 'inform', 'advise',
  'signal', 'hint', 'estimate', 'forecast', 'speculate', 'wonder', 'muse', 'reflect', 'blog',
  'message', 'text', 'email', 'preach', 'proclaim', 'affirm', 'charge', 'criticise', 'criticize',
  'welcome', 'praise', 'mock', 'sigh', 'beg', 'thunder', 'tease', 'chime', 'interject', 'opine',
  'clarify', 'elaborate', 'summarise', 'summarize', 'concur', 'grumble', 'rage', 'snap',
  // Naming and judging verbs that take a quoted label ("dismissed the poll as “a snapshot”").
  'dismiss', 'hail', 'condemn', 'slam', 'deride', 'characterise', 'characterize',
  // Reported thought, which news copy attributes like speech ("She expected “at least half”").
  'expect', 'believe', 'think', 'hope', 'fear', 'feel', 'accept', 'want', 'consider',
  // "the statement read"
  'read',
];

/** Irregular forms that the regular inflection below does not produce. */
const IRREGULAR: Record<string, string[]> = {
  say: ['said', 'says', 'saying', 'say'],
  write: ['wrote', 'written', 'writes', 'writing', 'write'],
  tell: ['told', 'tells', 'telling', 'tell'],
  cry: ['cried', 'cries', 'crying'],
  reply: ['replied', 'replies', 'replying'],
  testify: ['testified', 'testifies', 'testifying'],
  clarify: ['clarified', 'clarifies', 'clarifying'],
  snap: ['snapped', 'snaps'],
  quip: ['quipped', 'quips'],
  plead: ['pleaded', 'pled', 'pleads'],
  label: ['labelled', 'labeled', 'labels'],
  signal: ['signalled', 'signaled', 'signals'],
  dub: ['dubbed', 'dubs'],
  forecast: ['forecast', 'forecasts'],
  text: ['texted', 'texts'],
  admit: ['admitted', 'admits', 'admitting', 'admit'],
  deny: ['denied', 'denies', 'denying', 'deny'],
  beg: ['begged', 'begs', 'begging'],
  concur: ['concurred', 'concurs'],
  think: ['thought', 'thinks', 'thinking', 'think'],
  feel: ['felt', 'feels', 'feeling', 'feel'],
  slam: ['slammed', 'slams', 'slamming'],
  read: ['read', 'reads'],
};

function inflect(lemma: string): string[] {
  if (IRREGULAR[lemma]) return IRREGULAR[lemma];
  const stem = lemma.endsWith('e') ? lemma.slice(0, -1) : lemma;
  const past = lemma.endsWith('e') ? `${lemma}d` : `${lemma}ed`;
  const third = /(s|sh|ch|x|z)$/.test(lemma) ? `${lemma}es` : `${lemma}s`;
  return [past, third, `${stem}ing`, lemma];
}

/** Every form of a reporting verb → its lemma. */
export const REPORTING_FORMS: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (const lemma of REPORTING_LEMMAS) for (const f of inflect(lemma)) if (!m.has(f)) m.set(f, lemma);
  return m;
})();

/**
 * Lemmas that only report speech when a quote or a clause follows; as
 * standalone events ("agreed a deal", "called for", "continued") they are too
 * often something else, so they never carry a quote from the far end of a
 * sentence, only when they sit right next to it.
 */
export const WEAK_LEMMAS: ReadonlySet<string> = new Set([
  'continue', 'agree', 'disagree', 'report', 'call', 'describe', 'brand', 'dub', 'label', 'accuse',
  'welcome', 'praise', 'criticise', 'criticize', 'charge', 'estimate', 'forecast', 'reflect',
  'signal', 'indicate', 'object', 'propose', 'recommend', 'message', 'text', 'email', 'post',
  'reveal', 'disclose', 'inform', 'advise', 'point', 'rage', 'snap', 'wonder',
  'expect', 'believe', 'think', 'hope', 'fear', 'feel', 'accept', 'want', 'consider',
]);

/**
 * Lemmas whose object is the thing named, so a quote right after them is the
 * speaker's own word for it ("called it “a disgrace”", "described it as a
 * “soft touch”"): a partial quote, provided a speaker is their subject.
 */
export const NAMING_LEMMAS: ReadonlySet<string> = new Set([
  'call', 'describe', 'brand', 'dub', 'label', 'dismiss', 'hail', 'condemn', 'slam', 'deride',
  'characterise', 'characterize', 'praise', 'welcome', 'criticise', 'criticize',
]);

/** Words that may sit between a subject and its reporting verb ("she also said", "has said"). */
export const BETWEEN_SUBJECT_AND_VERB: ReadonlySet<string> = new Set([
  'has', 'have', 'had', 'was', 'were', 'is', 'are', 'will', 'would', 'did', 'does', 'do', 'also',
  'later', 'previously', 'then', 'again', 'repeatedly', 'once', 'recently', 'earlier', 'simply',
  'just', 'reportedly', 'separately', 'subsequently', 'further', 'since', 'already', 'publicly',
  'privately', 'initially', 'first', 'often', 'frequently', 'openly', 'angrily', 'quickly',
  'firmly', 'flatly', 'bluntly', 'calmly', 'been', 'may', 'might',
  'could', 'can', 'should', 'yesterday', 'today', 'tonight', 'last', 'night', 'week',
  'on', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
]);

/** Honorifics and titles left out of names (gold conventions: no Sir/Mr/Dr/President…). */
export const HONORIFICS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady',
  'rev', 'reverend', 'father', 'sister', 'brother', 'rabbi', 'imam', 'sheikh', 'president',
  'prime', 'minister', 'chancellor', 'secretary', 'senator', 'sen', 'rep', 'representative',
  'governor', 'gov', 'mayor', 'judge', 'justice', 'gen', 'general', 'col', 'colonel', 'capt',
  'captain', 'lt', 'sgt', 'sergeant', 'det', 'detective', 'inspector', 'supt', 'superintendent',
  'chief', 'constable', 'officer', 'king', 'queen', 'prince', 'princess', 'pope', 'cardinal',
  'bishop', 'archbishop', 'ambassador', 'commissioner', 'councillor', 'cllr', 'mp', 'baroness',
  'baron', 'earl', 'duke', 'duchess', 'coach', 'vice', 'deputy', 'foreign', 'home', 'health',
  'defence', 'defense', 'interior', 'finance', 'justice', 'education', 'state', 'shadow',
  'attorney', 'first', 'ceo', 'chairman', 'chairwoman', 'speaker', 'leader', 'dr.', 'mr.',
  'mrs.', 'ms.', 'st', 'saint', 'emir', 'sultan', 'ayatollah', 'premier', 'chair',
]);

/** Honorifics that tell the bearer's gender (for pronoun agreement). */
export const GENDERED_HONORIFICS: ReadonlyMap<string, 'm' | 'f'> = new Map([
  ['mr', 'm'], ['sir', 'm'], ['lord', 'm'], ['king', 'm'], ['prince', 'm'], ['father', 'm'],
  ['brother', 'm'], ['baron', 'm'], ['earl', 'm'], ['duke', 'm'], ['mrs', 'f'], ['ms', 'f'],
  ['miss', 'f'], ['dame', 'f'], ['lady', 'f'], ['queen', 'f'], ['princess', 'f'], ['sister', 'f'],
  ['baroness', 'f'], ['duchess', 'f'], ['chairwoman', 'f'], ['chairman', 'm'],
  ['spokesman', 'm'], ['spokeswoman', 'f'],
] as const);

/** Common given names with a clear conventional gender (for "he"/"she" agreement only). */
const MALE_NAMES = `james john robert michael william david richard joseph thomas charles christopher
daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george edward
ronald timothy jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott
brandon benjamin samuel gregory frank alexander raymond patrick jack dennis jerry tyler aaron jose
adam henry nathan douglas zachary peter kyle walter ethan jeremy harold keith christian roger noah
gerald carl terry sean austin arthur lawrence jesse dylan bryan joe jordan billy bruce albert
willie gabriel logan alan juan wayne roy ralph randy eugene vincent russell elijah louis bobby
philip johnny keir rishi boris tony gordon nigel jeremy liam oliver harry charlie jim tom ben
sam nick rob bob mike steve dave vladimir volodymyr emmanuel olaf xi narendra benjamin joe
barack bill kim recep jair luis pedro carlos ahmed mohammed muhammad ali hassan omar ibrahim
yusuf mustafa sergei dmitry ivan igor alexei andrei wes ed ian neil graham simon martin colin
alastair hugh rupert angus hamish duncan callum kwasi sajid michael jacob hugo lee fraser
ross euan craig gavin stuart fergus greg gregg marcus darnell dale wade cole owen rhys gareth dylan
evan ewan kieran declan connor liam sean shane barry kevin niall eamon cormac ronan oisin finn
tomas tomasz piotr pawel marek jan karl klaus jurgen hans stefan matthias wolfgang friedrich pierre
jean-pierre jacques francois antoine nicolas olivier giuseppe giovanni marco luca matteo paolo
alessandro antonio manuel jorge diego javier rafael miguel alejandro fernando ricardo andres
hiroshi kenji takeshi haruki yuki akira satoshi wei jun hao ming raj rahul arjun rohit vikram amit
sunil anil sanjay ravi kwame kofi chidi emeka tunde oluwaseun thabo sipho jomo uhuru yoweri
mehmet ahmet mustafa hamza bilal tariq imran nadeem faisal khalid samir youssef karim omar
benjamin yair naftali avi moshe david yitzhak bartosz andrzej viktor vladimir oleksandr dmytro
vitali volodymyr mykola lars nils sven erik henrik anders jens mats magnus bjorn olaf`;
const FEMALE_NAMES = `mary patricia jennifer linda elizabeth barbara susan jessica sarah karen
nancy lisa betty margaret sandra ashley kimberly emily donna michelle dorothy carol amanda
melissa deborah stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna
brenda pamela nicole emma samantha katherine christine debra rachel catherine carolyn janet ruth
maria heather diane virginia julie joyce victoria olivia kelly christina lauren joan evelyn judith
megan cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice jean
alice madison doris abigail julia judy grace denise amber marilyn beverly danielle theresa sophia
marie diana brittany natalie isabella charlotte rose alexis kayla theresa liz lizzie yvette
rachel angela priti suella theresa kemi nicola jacinda ursula giorgia kamala hillary nancy
jill melania michelle ruth kate keira lucy sophie chloe jane joanne claire fiona alison louise
zoe holly ella mia ava amelia isla freya poppy ellie jess becky nadine liz bridget anneliese
shabana lucy harriet yasmin aisha fatima leila mariam olena yulia marine ursula angela annalena
ingrid hope rose rosie ellie priya ananya meera anita sunita pooja kavya deepika aditi neha
grace helen teresa maria marta agnieszka katarzyna magdalena anja ines sofia lucia carmen elena
isabel paula beatriz mei ling yan hui xin yuki keiko haruka sakura aiko hiroko naomi akiko
amira nadia layla salma zainab noor hana ngozi chioma adaeze amara wanjiru akosua ama efua
margarethe sylvie camille chloe amelie juliette nathalie brigitte marguerite celine sabine
ulrike heike petra karin birgit astrid sigrid annika freja maja alma ebba jean dorothy bernadette
maureen kathleen siobhan aoife niamh roisin caoimhe orla eileen sinead mairead lorraine carole
danielle tanya sonia vanessa monica veronica rebecca miriam esther leah hannah sarah deborah
anne annie anna caroline lindsay lindsey kirsty shona morag eilidh fiona ailsa iona catriona mhairi`;

export const GIVEN_NAME_GENDER: ReadonlyMap<string, 'm' | 'f'> = (() => {
  const m = new Map<string, 'm' | 'f'>();
  for (const n of MALE_NAMES.split(/\s+/)) if (n) m.set(n, 'm');
  for (const n of FEMALE_NAMES.split(/\s+/)) if (n && !m.has(n)) m.set(n, 'f');
  return m;
})();

/** Pronouns that can be a speaker mention, with what they can refer to. */
export const SPEAKER_PRONOUNS: ReadonlyMap<string, 'm' | 'f' | 'group' | 'self'> = new Map([
  ['he', 'm'], ['she', 'f'], ['they', 'group'], ['we', 'group'], ['i', 'self'], ['it', 'group'],
  // Objects, for "quoted him as saying".
  ['him', 'm'], ['her', 'f'], ['them', 'group'],
] as const);

/**
 * Nouns naming a person by role ("the prime minister", "a spokesperson").
 * Multi-word roles are matched on their last word plus the words before it.
 */
export const PERSON_ROLE_HEADS: ReadonlySet<string> = new Set([
  'minister', 'president', 'secretary', 'chancellor', 'executive', 'ceo', 'spokesperson',
  'spokesman', 'spokeswoman', 'chairman', 'chairwoman', 'chair', 'director', 'leader', 'mayor',
  'governor', 'senator', 'official', 'officials', 'commissioner', 'chief', 'head', 'founder',
  'coach', 'manager', 'judge', 'lawyer', 'attorney', 'prosecutor', 'officer', 'author',
  'researcher', 'professor', 'economist', 'analyst', 'ambassador', 'king', 'queen', 'pope',
  'general', 'captain', 'boss', 'owner', 'premier', 'chief', 'mp', 'lawmaker', 'congressman',
  'congresswoman', 'representative', 'candidate', 'nominee', 'source', 'sources', 'witness',
  'victim', 'resident', 'father', 'mother', 'son', 'daughter', 'wife', 'husband', 'brother',
  'sister', 'friend', 'scientist', 'expert', 'doctor', 'player', 'striker', 'midfielder',
  'defender', 'goalkeeper', 'star', 'actor', 'actress', 'singer', 'writer', 'campaigner',
  'activist', 'councillor', 'chairperson', 'deputy', 'aide', 'adviser', 'advisor', 'diplomat',
  'envoy', 'negotiator', 'investigator', 'inspector', 'detective', 'superintendent', 'constable',
  'sheriff', 'commander', 'colonel', 'sergeant', 'principal', 'teacher', 'student', 'worker',
  'employee', 'nurse', 'surgeon', 'pilot', 'driver', 'man', 'woman', 'boy', 'girl', 'people',
  'critics', 'supporters', 'protesters', 'residents', 'experts', 'analysts', 'economists',
  'observers', 'sheikh', 'emir', 'prince', 'princess', 'monarch', 'speaker', 'rapporteur',
  'editor', 'reporter', 'correspondent', 'presenter', 'host', 'partner', 'counsel', 'treasurer',
  'whip', 'strategist', 'pollster', 'organiser', 'organizer', 'founder', 'co-founder', 'inventor',
  'family', 'relatives', 'parents', 'friends', 'colleagues', 'lawyers', 'solicitor', 'solicitors',
  'pm', 'barrister', 'agent', 'camp', 'neighbour', 'neighbor', 'neighbours', 'widow', 'widower', 'partner',
]);

/** Nouns naming an organisation by kind ("the company said", "police said"). */
export const ORG_ROLE_HEADS: ReadonlySet<string> = new Set([
  'company', 'firm', 'government', 'police', 'party', 'department', 'ministry', 'council',
  'agency', 'club', 'bank', 'group', 'organisation', 'organization', 'charity', 'union',
  'campaign', 'army', 'military', 'court', 'office', 'administration', 'embassy', 'commission',
  'committee', 'authority', 'authorities', 'regulator', 'watchdog', 'board', 'team', 'league',
  'federation', 'association', 'institute', 'university', 'school', 'hospital', 'trust',
  'service', 'force', 'newspaper', 'paper', 'broadcaster', 'network', 'channel', 'station',
  'airline', 'carrier', 'retailer', 'supermarket', 'insurer', 'lender', 'manufacturer',
  'maker', 'producer', 'developer', 'operator', 'provider', 'startup', 'business', 'statement', 'prosecutors', 'investigators', 'officials', 'ministers',
  'opposition', 'coalition', 'alliance', 'movement', 'foundation', 'studio', 'label', 'publisher',
  'forecaster', 'bureau', 'tribunal', 'inquiry', 'panel', 'ministry', 'secretariat', 'exchange',
]);

/** Collective nouns that are their own best name when the article names no body ("police said"). */
export const SELF_NAMING_ORG_NOUNS: ReadonlySet<string> = new Set(['police', 'prosecutors', 'firefighters', 'paramedics']);

/** Words after which a quoted phrase is the title or name of something, not speech. */
export const TITLE_CUES: ReadonlySet<string> = new Set([
  'book', 'books', 'novel', 'memoir', 'film', 'films', 'movie', 'song', 'songs', 'single', 'album',
  'track', 'report', 'reports', 'play', 'musical', 'show', 'series', 'documentary', 'poem',
  'article', 'essay', 'column', 'headline', 'podcast', 'programme', 'program', 'episode', 'opera',
  'painting', 'exhibition', 'sculpture', 'game', 'slogan', 'motto', 'hashtag', 'titled',
  'entitled', 'nicknamed', 'codenamed', 'code-named', 'so-called', 'word', 'words', 'term',
  'terms', 'phrase', 'phrases', 'label', 'brand', 'operation', 'exercise', 'paper', 'study',
  'campaign', 'initiative', 'scheme', 'policy', 'blog', 'newsletter', 'magazine', 'newspaper',
  'sitcom', 'drama', 'thriller', 'comedy', 'franchise', 'tour', 'festival', 'app', 'ep', 'lp',
  'titles', 'tagline', 'catchphrase', 'mantra', 'hit', 'ballad', 'anthem', 'manifesto', 'speech',
  'debut', 'sequel', 'prequel', 'remake', 'biopic', 'screenplay', 'script', 'exhibit', 'collection',
]);

/** Participles that name something when a noun comes right before them ("a group called “X”"). */
export const NAMING_PARTICIPLES: ReadonlySet<string> = new Set(['called', 'dubbed', 'named', 'known', 'labelled', 'labeled', 'branded']);

/** Lemmas that report speech only after the quote ("“…,” she continued"), never before it. */
export const AFTER_ONLY_LEMMAS: ReadonlySet<string> = new Set(['continue', 'read']);

/** Capitalised words that are never a person's name on their own when they start a speaker phrase. */
export const NOT_NAME_STARTS: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'this', 'that', 'these', 'those', 'his', 'her', 'their', 'its', 'our', 'my',
  'your', 'one', 'some', 'many', 'several', 'both', 'another',
]);

/** Single words that make a proper name an organisation rather than a person. */
export const ORG_NAME_WORDS: ReadonlySet<string> = new Set([
  'party', 'office', 'police', 'ministry', 'department', 'council', 'agency', 'bank', 'group',
  'inc', 'ltd', 'plc', 'llc', 'corp', 'corporation', 'company', 'co', 'association', 'union',
  'institute', 'university', 'college', 'school', 'hospital', 'trust', 'foundation', 'fund',
  'commission', 'committee', 'authority', 'board', 'service', 'services', 'force', 'forces',
  'army', 'navy', 'court', 'parliament', 'congress', 'senate', 'government', 'club', 'fc',
  'network', 'news', 'times', 'post', 'journal', 'guardian', 'telegraph', 'bbc', 'cnn', 'reuters',
  'nhs', 'un', 'eu', 'nato', 'interpol', 'labour', 'conservatives', 'tories', 'democrats',
  'republicans', 'greens', 'liberal', 'democrats', 'reform', 'snp', 'kremlin', 'pentagon',
  'whitehall', 'downing', 'microsoft', 'google', 'apple', 'meta', 'amazon', 'tesla', 'airlines',
  'airways', 'motors', 'media', 'press', 'holdings', 'partners', 'capital', 'industries', 'systems',
  'technologies', 'labs', 'international', 'organisation', 'organization', 'secretariat',
  'executive', 'cabinet', 'treasury', 'fbi', 'cia', 'who', 'imf', 'opec', 'ofcom', 'ofsted',
]);
