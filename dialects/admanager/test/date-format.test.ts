/** Java date patterns for X-Date-Time-Format (AD-L7). */
import { describe, expect, it } from 'vitest';
import { compileDatePattern, DatePatternError, ISO_PATTERN } from '../date-format.ts';

const at = new Date('2026-03-07T14:05:09.042Z');

describe('Java date patterns', () => {
  it("prints the page's default as ISO 8601", () => {
    expect(compileDatePattern(ISO_PATTERN)(at)).toBe('2026-03-07T14:05:09.042Z');
    expect(compileDatePattern(ISO_PATTERN)(at)).toBe(at.toISOString());
  });

  it.each([
    ['dd/MM/yyyy HH:mm:ss', '07/03/2026 14:05:09'],
    ['yy-M-d H:m:s.S', '26-3-7 14:5:9.0'],
    ['EEE, d MMM yyyy hh:mm a', 'Sat, 7 Mar 2026 02:05 PM'],
    ['EEEE MMMM', 'Saturday March'],
    ["yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx", '2026-03-07T14:05:09.042000+00:00'],
    ["h 'o''clock' ''Z''", "2 o'clock '+0000'"],
    ['D z', '66 UTC'],
  ])('%j', (pattern, expected) => {
    expect(compileDatePattern(pattern)(at)).toBe(expected);
  });

  it.each([
    ['SOME_STRING_VALUE', "unknown pattern letter 'T'", 7],
    ["yyyy'T", 'not closed', 5],
    ['yyyy]', "']' without '['", 5],
    ['[yyyy', "'[' without ']'", 6],
  ])('refuses %j, saying where', (pattern, reason, position) => {
    expect(() => compileDatePattern(pattern)).toThrow(DatePatternError);
    try {
      compileDatePattern(pattern);
    } catch (error) {
      expect((error as DatePatternError).reason).toContain(reason);
      expect((error as DatePatternError).position).toBe(position);
    }
  });
});
