import { GraphQLError, GraphQLScalarType, Kind, type ScalarTypeDefinitionNode } from 'graphql';
import { typeDefs } from '../type-defs.generated.js';

// An explicit zone is required on input: a zone-less time is ambiguous for a caller even
// though Treeherder itself means UTC.
const ISO_WITH_ZONE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * The years a DateTime argument may name. Treeherder's data starts in the 2010s and goes
 * upstream as epoch seconds: nothing before 1970 (a negative timestamp) or after 9999.
 */
export const MIN_YEAR = 1970;
export const MAX_YEAR = 9999;

const invalid = (value: string, why: string): GraphQLError =>
  new GraphQLError(`DateTime is not a valid date: ${value.slice(0, 40)} (${why}).`, { extensions: { code: 'BAD_USER_INPUT' } });

function parse(value: unknown): Date {
  const match = typeof value === 'string' ? ISO_WITH_ZONE.exec(value) : null;
  if (typeof value !== 'string' || !match) {
    throw new GraphQLError('DateTime must be an ISO-8601 string with a zone, e.g. 2026-01-31T12:00:00Z.', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  const [, year, month, day, hour, minute, second = '00', , , , offsetHours = '00', offsetMinutes = '00'] = match.map((part) => part) as string[];
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  // Every field in its range, checked as written: `new Date` would roll 2026-02-30 over to 2 March.
  if (m < 1 || m > 12) throw invalid(value, 'no such month');
  const daysInMonth = new Date(Date.UTC(2000, m, 0)).getUTCDate() - (m === 2 && !isLeapYear(y) ? 1 : 0);
  if (d < 1 || d > daysInMonth) throw invalid(value, `month ${m} of ${y} has ${daysInMonth} days`);
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) throw invalid(value, 'no such time of day');
  if (Number(offsetHours) > 23 || Number(offsetMinutes) > 59) throw invalid(value, 'no such zone offset');
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw invalid(value, 'unreadable');
  const utcYear = date.getUTCFullYear();
  if (y < MIN_YEAR || y > MAX_YEAR || utcYear < MIN_YEAR || utcYear > MAX_YEAR) throw invalid(value, `years ${MIN_YEAR} to ${MAX_YEAR} only`);
  return date;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

// The SDL (schema/base.graphql) is the one place the scalar's text lives. The schema
// builder copies every property of this object onto the scalar, `description` included
// (even when undefined), so the object carries the SDL's description rather than its own.
const sdlDescription = typeDefs.definitions.find(
  (definition): definition is ScalarTypeDefinitionNode =>
    definition.kind === Kind.SCALAR_TYPE_DEFINITION && definition.name.value === 'DateTime',
)?.description?.value;

export const DateTime = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: sdlDescription,
  serialize(value) {
    // The client already normalised every Treeherder time to this form: pass it through
    // (thousands of jobs per response; a Date round trip each is measurable). Dates and
    // other ISO strings are converted.
    if (typeof value === 'string' && CANONICAL.test(value)) return value;
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new TypeError('DateTime cannot represent an invalid date');
    return date.toISOString().replace('.000Z', 'Z');
  },
  parseValue: parse,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('DateTime must be a string.', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return parse(ast.value);
  },
});
