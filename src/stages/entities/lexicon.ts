/**
 * Word lists the entity stage uses beyond the gazetteer: honorifics kept out
 * of mentions, and the head words that make a name a facility, an event, a
 * law or a non-political place. Sources: the gold conventions
 * (briefs/gold-conventions.md) and OntoNotes 5 entity guidelines (FAC, EVENT,
 * LAW, LOC definitions).
 */
import { readFileSync } from 'node:fs';

function readList(file: string): string[] {
  return readFileSync(new URL(`../../../lexicons/hand/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** Honorific and title phrases, as token sequences ("Prime Minister" → ["Prime", "Minister"]). */
export const HONORIFICS: readonly string[][] = readList('honorifics.txt')
  .map((h) => h.split(/\s+/))
  .sort((a, b) => b.length - a.length);

/** Last words that make a place name a building or structure (OntoNotes FAC). */
export const FAC_HEADS = new Set([
  'House', 'Airport', 'Stadium', 'Bridge', 'Palace', 'Tower', 'Towers', 'Hospital', 'Station', 'Cathedral',
  'Abbey', 'Castle', 'Prison', 'Arena', 'Hall', 'Building', 'Terminal', 'Mosque', 'Church', 'Temple',
  'Synagogue', 'Museum', 'Gallery', 'Theatre', 'Theater', 'Library', 'Dam', 'Tunnel', 'Port', 'Harbour',
  'Barracks', 'Embassy', 'Monument', 'Memorial', 'Stadion', 'Velodrome', 'Racecourse', 'Wall',
]);

/** Last words that make a name an event (OntoNotes EVENT). */
export const EVENT_HEADS = new Set([
  'Summit', 'Games', 'Olympics', 'Olympiad', 'Cup', 'Conference', 'War', 'Championship', 'Championships',
  'Festival', 'Prix', 'Marathon', 'Expo', 'Revolution', 'Tournament', 'Open', 'Classic', 'Rally', 'Tour',
  'Week', 'Series', 'Trophy', 'Congress', 'Convention', 'Forum', 'Uprising', 'Massacre', 'Crusade',
]);

/** Event heads that also name standing organisations, so they need the tagger to agree it is not ORG. */
export const WEAK_EVENT_HEADS = new Set(['Congress', 'Convention', 'Forum', 'Tour', 'Series', 'Week', 'Classic', 'Rally', 'Open']);

/** Last words of named laws (OntoNotes LAW). */
export const LAW_HEADS = new Set(['Act', 'Bill', 'Treaty', 'Directive', 'Accord', 'Accords', 'Amendment', 'Constitution', 'Code']);

/** Last words of non-political places (OntoNotes LOC): seas, rivers, mountains, regions. */
export const LOC_HEADS = new Set([
  'Sea', 'Ocean', 'River', 'Lake', 'Mountains', 'Mountain', 'Mount', 'Valley', 'Bay', 'Gulf', 'Strait', 'Straits',
  'Island', 'Islands', 'Peninsula', 'Desert', 'Coast', 'Basin', 'Channel', 'Park', 'Side', 'Creek', 'Moor', 'Heath',
  'Plain', 'Plains', 'Hills', 'Forest', 'Delta', 'Canal', 'Glacier', 'Highlands', 'Lowlands', 'Corridor', 'Belt',
]);

/** First words of non-political places ("River Wye", "Isle of Lewis", "Lake Geneva"). */
export const LOC_FIRST = new Set(['River', 'Lake', 'Mount', 'Mt', 'Isle', 'Gulf', 'Cape', 'Loch', 'Lough', 'Bay', 'Sea', 'Strait', 'Straits']);

/** Last words of organisation names (a span ending so is an ORG, whatever the tagger said). */
export const ORG_HEADS = new Set([
  'Inc', 'Corp', 'Corporation', 'Co', 'Ltd', 'Limited', 'Plc', 'PLC', 'LLC', 'LLP', 'AG', 'SA', 'NV', 'GmbH', 'Group', 'Holdings',
  'Partners', 'Associates', 'Brothers', 'Bros', 'Bank', 'Trust', 'Foundation', 'Institute', 'Institution', 'Bureau', 'Board',
  'Council', 'Committee', 'Commission', 'Agency', 'Authority', 'Department', 'Ministry', 'Office', 'Service', 'Services',
  'Union', 'Association', 'Federation', 'League', 'Society', 'Party', 'University', 'College', 'Academy', 'School',
  'Police', 'Constabulary', 'Brigade', 'Army', 'Navy', 'Court', 'Tribunal', 'Parliament', 'Assembly', 'Senate', 'Fund',
  'Capital', 'Securities', 'Airlines', 'Airways', 'Motors', 'Technologies', 'Systems', 'Media', 'Records', 'Network',
]);

/** Last words of streets and roads, which the gold conventions type FAC (highways, streets: OntoNotes FAC). */
export const STREET_HEADS = new Set(['Street', 'Road', 'Avenue', 'Lane', 'Boulevard', 'Highway', 'Motorway', 'Square', 'Way', 'Drive', 'Place', 'Terrace', 'Crescent']);

/** Nouns that announce a title of a work ("the film ‘X’", "her novel “Y”"). */
export const WORK_NOUNS = new Set([
  'film', 'movie', 'album', 'single', 'song', 'track', 'novel', 'book', 'memoir', 'play', 'musical', 'opera', 'debut',
  'series', 'show', 'documentary', 'drama', 'comedy', 'thriller', 'sitcom', 'poem', 'painting', 'sculpture', 'exhibition',
  'podcast', 'programme', 'program', 'episode', 'record', 'EP', 'anthology', 'biography', 'collection', 'sequel', 'hit', 'ballet',
]);

/** Name-internal lower-case words; other lower-case words end a name. */
export const NAME_PARTICLES = new Set([
  'of', 'de', 'du', 'des', 'del', 'della', 'di', 'da', 'dos', 'das', 'van', 'von', 'der', 'den', 'la', 'le', 'al', 'el',
  'bin', 'ibn', 'ben', 'y', 'for', 'and', 'on', 'the', 'upon', 'sur', 'am', 'an', 'im', 'zu', 'ter', 'ten', 'e', 'i',
]);
