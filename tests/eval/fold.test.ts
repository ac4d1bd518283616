import { describe, expect, it } from 'vitest';
import { foldSpeakerName, sameSpeaker } from '../../src/eval/fold.ts';

const same: Array<[string, string]> = [
  ['Keir Starmer', 'Sir Keir Starmer'],
  ['Keir Starmer', 'keir  starmer'],
  ['Keir Starmer', 'Prime Minister Keir Starmer'],
  ['Conservatives', 'the Conservatives'],
  ['Home Office', 'the Home Office'],
  ['Jean-Luc Picard', 'Jean Luc Picard'],
  ['Gráinne Ní Bhriain', 'Grainne Ni Bhriain'],
  ["Conan O'Brien", 'Conan OBrien'],
  ['Ana Ruiz', 'Ms. Ana Ruiz'],
  ['Yvette Cooper', 'Home Secretary Yvette Cooper'],
  ['Lee Wong', 'Dr Lee Wong'],
  ['Sarah Lindqvist', 'Sarah Lindqvist KC'],
  ['Jane Doe', 'Dame Jane Doe DBE'],
];
const different: Array<[string | null, string | null]> = [
  ['Keir Starmer', 'Starmer'],
  ['Keir Starmer', 'Rishi Sunak'],
  ['Keir Starmer', null],
  [null, 'Keir Starmer'],
  ['Home Office', 'Office'],
  ['Margaret Ellery', 'Trustee Margaret Ellery'],
];

describe('foldSpeakerName', () => {
  it.each(same)('%s = %s', (a, b) => expect(sameSpeaker(a, b)).toBe(true));
  it.each(different)('%s ≠ %s', (a, b) => expect(sameSpeaker(a, b)).toBe(false));
  it('two unknown speakers are the same', () => expect(sameSpeaker(null, undefined)).toBe(true));
  it.each([
    ['Sir Keir Starmer', 'keir starmer'],
    ['the President', 'president'],
    ['  Dr.  Lee   Wong ', 'lee wong'],
    ['Attorney General', 'attorney general'],
  ])('%s folds to %s', (name, folded) => expect(foldSpeakerName(name)).toBe(folded));
});
