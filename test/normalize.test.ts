import { describe, expect, it } from 'vitest';
import { DateTime } from '../src/resolvers/DateTime.js';
import { epochToIso, naiveIsoToIso } from '../src/treeherder/normalize.js';

// Treeherder's many time formats become one: ISO-8601 in UTC with a `Z`.

describe('naiveIsoToIso', () => {
  it.each([
    ['2020-05-27T22:51:34.806175', '2020-05-27T22:51:34.806Z'],
    ['2020-05-27T22:51:34.8', '2020-05-27T22:51:34.800Z'],
    ['2020-05-27T22:51:34.06', '2020-05-27T22:51:34.060Z'],
    ['2020-05-27T22:51:34.123', '2020-05-27T22:51:34.123Z'],
    ['2020-05-27T22:51:34.123456789', '2020-05-27T22:51:34.123Z'],
    ['2020-05-27T22:51:34.00', '2020-05-27T22:51:34Z'],
    ['2020-05-27T22:51:34', '2020-05-27T22:51:34Z'],
    ['2020-05-27T22:51:34.000', '2020-05-27T22:51:34Z'],
    ['2020-05-27T22:51:34.000400', '2020-05-27T22:51:34Z'],
    ['2020-05-27T22:51:34Z', '2020-05-27T22:51:34Z'],
    ['2020-05-27T22:51:34+02:00', '2020-05-27T20:51:34Z'],
  ])('%s → %s', (input, expected) => {
    expect(naiveIsoToIso(input)).toBe(expected);
    // Same answer as going through Date, the slow way.
    expect(expected).toBe(new Date(/[Z+]/.test(input.slice(19)) ? input : `${input}Z`).toISOString().replace('.000Z', 'Z'));
  });

  it('refuses what is not a time', () => {
    expect(() => naiveIsoToIso('yesterday')).toThrow(/not an ISO-8601 time/);
  });
});

describe('epochToIso', () => {
  it.each([
    [1562867957, '2019-07-11T17:59:17Z'],
    [1562867957.25, '2019-07-11T17:59:17.250Z'],
  ])('%d → %s', (seconds, expected) => {
    expect(epochToIso(seconds)).toBe(expected);
  });
});

describe('DateTime', () => {
  it.each([
    ['2026-11-27T03:33:23Z', '2026-11-27T03:33:23Z'],
    ['2026-11-27T03:33:23.120Z', '2026-11-27T03:33:23.120Z'],
    [new Date(Date.UTC(2026, 10, 27, 3, 33, 23)), '2026-11-27T03:33:23Z'],
    ['2026-11-27T04:33:23+01:00', '2026-11-27T03:33:23Z'],
  ])('serialises %s as %s', (value, expected) => {
    expect(DateTime.serialize(value)).toBe(expected);
  });

  it.each(['2026-11-27T03:33:23', '27/11/2026', ''])('refuses %j as input without a zone', (value) => {
    expect(() => DateTime.parseValue(value)).toThrow(/ISO-8601 string with a zone/);
  });

  it.each([
    ['2026-02-30T00:00:00Z', /month 2 of 2026 has 28 days/],
    ['2026-02-29T00:00:00Z', /month 2 of 2026 has 28 days/],
    ['2026-04-31T00:00:00Z', /has 30 days/],
    ['2026-13-01T00:00:00Z', /no such month/],
    ['2026-00-10T00:00:00Z', /no such month/],
    ['2026-01-00T00:00:00Z', /has 31 days/],
    ['2026-01-01T24:00:00Z', /no such time of day/],
    ['2026-01-01T23:60:00Z', /no such time of day/],
    ['2026-01-01T23:00:60Z', /no such time of day/],
    ['2026-01-01T23:00:00+24:00', /no such zone offset/],
    ['0000-01-01T00:00:00Z', /years 1970 to 9999/],
    ['1969-12-31T23:59:59Z', /years 1970 to 9999/],
    ['1970-01-01T00:30:00+01:00', /years 1970 to 9999/],
  ])('refuses %s (no roll-over, a sane year)', (value, message) => {
    expect(() => DateTime.parseValue(value)).toThrow(message);
    expect(() => DateTime.parseValue(value)).toThrow(/DateTime is not a valid date/);
  });

  it.each([
    ['2024-02-29T12:00:00Z', '2024-02-29T12:00:00Z'],
    ['2000-02-29T00:00:00Z', '2000-02-29T00:00:00Z'],
    ['1970-01-01T00:00:00Z', '1970-01-01T00:00:00Z'],
    ['2026-12-31T23:59:59.999+00:00', '2026-12-31T23:59:59.999Z'],
    ['2026-03-01T00:30+01:00', '2026-02-28T23:30:00Z'],
  ])('accepts %s', (value, iso) => {
    expect(DateTime.serialize(DateTime.parseValue(value))).toBe(iso);
  });
});
