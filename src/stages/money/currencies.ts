import { dict } from '../numbers/lex.ts';
/**
 * Currency lexicon: symbols, prefixed dollars, ISO 4217 codes and names.
 * `null` for the dollar means "the article's default dollar" (see
 * defaultDollar in index.ts).
 */

/** Symbols written before (or, rarely, after) the amount. `$` is resolved per article. */
export const SYMBOLS: Record<string, string | null> = dict({
  $: null, '£': 'GBP', '€': 'EUR', '¥': 'JPY', '₹': 'INR', '₩': 'KRW', '₽': 'RUB', '₺': 'TRY', '₪': 'ILS',
  '₦': 'NGN', '฿': 'THB', '₱': 'PHP', '₫': 'VND', '₴': 'UAH', '₨': 'INR', '元': 'CNY', '￥': 'JPY', '﹩': null, '＄': null,
});

/** Letters written right before "$": US$5, C$10, A$3bn, HK$, NZ$, S$, R$ (Brazilian real). */
export const DOLLAR_PREFIX: Record<string, string> = dict({
  US: 'USD', U: 'USD', C: 'CAD', CA: 'CAD', CAN: 'CAD', Can: 'CAD', A: 'AUD', AU: 'AUD', AUD: 'AUD', NZ: 'NZD',
  HK: 'HKD', S: 'SGD', SG: 'SGD', R: 'BRL', MX: 'MXN', Mex: 'MXN', NT: 'TWD', J: 'JMD', TT: 'TTD', Z: 'ZWL',
  B: 'BBD', BDS: 'BBD', EC: 'XCD', FJ: 'FJD',
});

/** ISO 4217 codes recognised in upper case next to an amount. */
export const CODES = new Set([
  'USD', 'EUR', 'GBP', 'JPY', 'CNY', 'INR', 'CHF', 'CAD', 'AUD', 'NZD', 'HKD', 'SGD', 'BRL', 'ZAR', 'KRW', 'RUB',
  'TRY', 'MXN', 'SEK', 'NOK', 'DKK', 'PLN', 'THB', 'IDR', 'MYR', 'PHP', 'AED', 'SAR', 'ILS', 'EGP', 'NGN', 'KES',
  'PKR', 'BDT', 'VND', 'TWD', 'CZK', 'HUF', 'ARS', 'CLP', 'COP', 'PEN', 'UAH', 'QAR', 'KWD', 'BHD', 'OMR', 'GHS',
  'MAD', 'LKR', 'NPR', 'ISK', 'RON', 'BGN', 'HRK', 'KZT', 'XOF', 'XAF', 'ETB', 'TZS', 'UGX', 'ZMW', 'JOD', 'LBP',
  'IQD', 'IRR', 'DZD', 'TND', 'XDR', 'BTC',
]);
/** Non-ISO spellings that mean an ISO code. */
export const CODE_ALIASES: Record<string, string> = dict({ RMB: 'CNY', NIS: 'ILS', STG: 'GBP', YEN: 'JPY', CNH: 'CNY' });
/**
 * Codes also accepted in lower case (Recognizers-Text's tokenised sentences:
 * "usd 500"); codes that are English words (all, top, cup, pen, cop, try, mad) are left out.
 */
export const LOWER_CODES = new Set([
  'usd', 'eur', 'gbp', 'jpy', 'cny', 'rmb', 'inr', 'chf', 'cad', 'aud', 'nzd', 'hkd', 'sgd', 'brl', 'zar', 'krw',
  'rub', 'mxn', 'sek', 'nok', 'dkk', 'pln', 'thb', 'idr', 'myr', 'aed', 'sar', 'ils', 'nis', 'twd', 'czk', 'huf',
  'uah', 'egp', 'ngn', 'kes', 'pkr', 'vnd', 'ars', 'clp', 'qar', 'kwd',
]);
/** Abbreviations written before the amount: Rs 40 lakh, Rp 5,000, RM 30, Sfr 10, Dh 50. */
export const PREFIX_ABBREV: Record<string, string> = dict({
  Rs: 'INR', rs: 'INR', Re: 'INR', INR: 'INR', Rp: 'IDR', RM: 'MYR', SFr: 'CHF', Sfr: 'CHF', Fr: 'CHF', Dh: 'AED',
  Dhs: 'AED', Ksh: 'KES', KSh: 'KES', Tk: 'BDT', zł: 'PLN', kr: 'SEK', Kč: 'CZK', Ft: 'HUF', Lm: 'MTL',
});

/**
 * Currency names after the amount. `WORD_DOLLAR` is the bare word "dollars",
 * resolved per article like "$" but leaning to the article's home dollar.
 */
export const WORD_DOLLAR = 'dollar-word';
export const NAMES: Record<string, string | null> = dict({
  dollar: WORD_DOLLAR, dollars: WORD_DOLLAR, buck: 'USD', bucks: 'USD', pound: 'GBP', pounds: 'GBP', sterling: 'GBP', quid: 'GBP',
  euro: 'EUR', euros: 'EUR', yen: 'JPY', yuan: 'CNY', renminbi: 'CNY', rupee: 'INR', rupees: 'INR', franc: 'CHF',
  francs: 'CHF', rand: 'ZAR', peso: 'MXN', pesos: 'MXN', rouble: 'RUB', roubles: 'RUB', ruble: 'RUB', rubles: 'RUB',
  lira: 'TRY', liras: 'TRY', lire: 'TRY', krona: 'SEK', kronor: 'SEK', krone: 'NOK', kroner: 'NOK', reais: 'BRL',
  ringgit: 'MYR', baht: 'THB', dirham: 'AED', dirhams: 'AED', riyal: 'SAR', riyals: 'SAR', rial: 'IRR', rials: 'IRR',
  naira: 'NGN', shekel: 'ILS', shekels: 'ILS', zloty: 'PLN', zlotys: 'PLN', zlotych: 'PLN', forint: 'HUF',
  forints: 'HUF', rupiah: 'IDR', hryvnia: 'UAH', hryvnias: 'UAH', hryvnas: 'UAH', cedi: 'GHS', cedis: 'GHS', shilling: 'KES',
  shillings: 'KES', dinar: 'KWD', dinars: 'KWD', taka: 'BDT', kwacha: 'ZMW', birr: 'ETB', tenge: 'KZT',
  bitcoin: 'BTC', bitcoins: 'BTC', btc: 'BTC', koruna: 'CZK', leu: 'RON', lei: 'RON', lev: 'BGN', kuna: 'HRK',
  eurocent: 'EUR', bolivar: 'VES', bolivars: 'VES', bolivares: 'VES', afghani: 'AFN', afghanis: 'AFN', lek: 'ALL',
  dram: 'AMD', kwanza: 'AOA', manat: 'AZN', boliviano: 'BOB', bolivianos: 'BOB', pula: 'BWP', riel: 'KHR',
  colon: 'CRC', colones: 'CRC', lari: 'GEL', quetzal: 'GTQ', quetzales: 'GTQ', gourde: 'HTG', lempira: 'HNL',
  kyat: 'MMK', tugrik: 'MNT', pataca: 'MOP', rufiyaa: 'MVR', metical: 'MZN', cordoba: 'NIO', cordobas: 'NIO',
  balboa: 'PAB', kina: 'PGK', guarani: 'PYG', leone: 'SLE', somoni: 'TJS', vatu: 'VUV', denar: 'MKD', denars: 'MKD',
  soles: 'PEN', ariary: 'MGA', ouguiya: 'MRU', nakfa: 'ERN', emalangeni: 'SZL', lilangeni: 'SZL', loti: 'LSL',
  maloti: 'LSL', ngultrum: 'BTN',
  // Only after a magnitude or a country adjective (they are common words): see AMBIGUOUS_NAMES.
  won: 'KRW', dong: 'VND', real: 'BRL',
});
/** Names that are also ordinary English words: accepted only after a magnitude word or their country adjective. */
export const AMBIGUOUS_NAMES = new Set(['won', 'dong', 'real', 'lev', 'leu', 'lei']);

/** Country adjectives before a currency name ("Australian dollars", "Swiss francs", "Egyptian pounds"). */
export const NAME_ADJECTIVES: Record<string, Record<string, string>> = dict<Record<string, string>>({
  dollar: {
    us: 'USD', american: 'USD', canadian: 'CAD', australian: 'AUD', aussie: 'AUD', zealand: 'NZD', kong: 'HKD',
    singapore: 'SGD', singaporean: 'SGD', taiwan: 'TWD', taiwanese: 'TWD', jamaican: 'JMD', zimbabwe: 'ZWL',
    zimbabwean: 'ZWL', namibian: 'NAD', fijian: 'FJD', barbadian: 'BBD', bahamian: 'BSD', liberian: 'LRD', brunei: 'BND',
  },
  pound: { british: 'GBP', egyptian: 'EGP', lebanese: 'LBP', sudanese: 'SDG', syrian: 'SYP', sterling: 'GBP' },
  rupee: { indian: 'INR', pakistani: 'PKR', lankan: 'LKR', nepalese: 'NPR', nepali: 'NPR', mauritian: 'MUR', seychellois: 'SCR', indonesian: 'IDR' },
  manat: { azerbaijani: 'AZN', turkmen: 'TMT', turkmenistan: 'TMT' },
  franc: { swiss: 'CHF', cfa: 'XOF', congolese: 'CDF', rwandan: 'RWF', guinean: 'GNF' },
  peso: { mexican: 'MXN', argentine: 'ARS', argentinian: 'ARS', philippine: 'PHP', chilean: 'CLP', colombian: 'COP', cuban: 'CUP', dominican: 'DOP', uruguayan: 'UYU' },
  krona: { swedish: 'SEK', icelandic: 'ISK' },
  krone: { norwegian: 'NOK', danish: 'DKK' },
  dinar: { kuwaiti: 'KWD', iraqi: 'IQD', jordanian: 'JOD', bahraini: 'BHD', algerian: 'DZD', tunisian: 'TND', serbian: 'RSD', libyan: 'LYD' },
  riyal: { saudi: 'SAR', qatari: 'QAR', omani: 'OMR', yemeni: 'YER' },
  dirham: { moroccan: 'MAD', emirati: 'AED', uae: 'AED' },
  shilling: { kenyan: 'KES', ugandan: 'UGX', tanzanian: 'TZS', somali: 'SOS' },
  yuan: { chinese: 'CNY' }, yen: { japanese: 'JPY' }, won: { korean: 'KRW' }, real: { brazilian: 'BRL' },
  rand: { african: 'ZAR' }, rouble: { russian: 'RUB' }, lira: { turkish: 'TRY' }, euro: {},
});

/** The singular stem of a name, for NAME_ADJECTIVES. */
export function nameStem(lo: string): string {
  if (lo === 'dollars' || lo === 'bucks') return 'dollar';
  if (lo === 'pounds' || lo === 'sterling') return 'pound';
  if (lo === 'rupees') return 'rupee';
  if (lo === 'francs') return 'franc';
  if (lo === 'pesos') return 'peso';
  if (lo === 'kronor') return 'krona';
  if (lo === 'kroner') return 'krone';
  if (lo === 'dinars') return 'dinar';
  if (lo === 'riyals') return 'riyal';
  if (lo === 'dirhams') return 'dirham';
  if (lo === 'shillings') return 'shilling';
  if (lo === 'roubles' || lo === 'ruble' || lo === 'rubles') return 'rouble';
  if (lo === 'reais') return 'real';
  if (lo === 'liras' || lo === 'lire') return 'lira';
  return lo;
}

/** Minor units after the amount: 50p, 50 pence, 99 cents, 99c. */
export const MINOR: Record<string, string | null> = dict({
  p: 'GBP', pence: 'GBP', penny: 'GBP', cent: WORD_DOLLAR, cents: WORD_DOLLAR, c: null, '¢': null, kopecks: 'RUB', paise: 'INR',
});
