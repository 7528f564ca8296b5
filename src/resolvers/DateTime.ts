import { GraphQLError, GraphQLScalarType, Kind, type ScalarTypeDefinitionNode } from 'graphql';
import { typeDefs } from '../type-defs.generated.js';

// An explicit zone is required on input: a zone-less time is ambiguous for a caller even
// though Treeherder itself means UTC.
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function parse(value: unknown): Date {
  if (typeof value !== 'string' || !ISO_WITH_ZONE.test(value)) {
    throw new GraphQLError('DateTime must be an ISO-8601 string with a zone, e.g. 2026-01-31T12:00:00Z.', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new GraphQLError(`DateTime is not a valid date: ${value.slice(0, 40)}`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return date;
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
