import { parseIsoDateTime } from '../time.js';
import type { Query } from './query.js';

/**
 * Value parsing with the exact acceptance rules of the Python code behind each endpoint:
 * `int()` / `float()` in hand-written views, django-filter's DecimalField in filter sets, and DRF
 * serializer fields (with their QueryDict quirks) in validated endpoints.
 */

/** Python `int(text)`: surrounding whitespace, a sign and digit-group underscores are fine. */
export function pythonInt(text: string): number | null {
  const t = text.trim();
  if (!/^[+-]?\d+(_\d+)*$/.test(t)) return null;
  return Number(t.replace(/_/g, ''));
}

/** Python `float(text)`. */
export function pythonFloat(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (/^[+-]?(inf|infinity)$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/.test(t)) return NaN;
  if (!/^[+-]?((\d+(_\d+)*)(\.(\d+(_\d+)*)?)?|\.\d+(_\d+)*)(e[+-]?\d+(_\d+)*)?$/.test(t)) return null;
  return Number(t.replace(/_/g, ''));
}

export type Parsed<T> = { ok: true; value: T } | { ok: false };

/** django-filter NumberFilter (forms.DecimalField): finite decimals only. */
export function djangoDecimal(text: string): Parsed<number> {
  const value = pythonFloat(text);
  if (value === null || !Number.isFinite(value)) return { ok: false };
  return { ok: true, value };
}

export const ENTER_A_NUMBER = 'Enter a number.';
export const ENTER_A_DATETIME = 'Enter a valid date/time.';

// ---------------------------------------------------------------------------------------------
// DRF serializer fields over a QueryDict

export type FieldKind = 'char' | 'int' | 'bool' | 'datetime' | 'intlist';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  required?: boolean;
  allowNull?: boolean;
  allowBlank?: boolean;
  /** `undefined` = no default (a missing value is left out of the validated data). */
  default?: unknown;
  /** Runs after parsing (DRF `validate_<field>`); return an error message to reject. */
  validate?: (value: unknown) => { value: unknown } | { error: string };
}

export type ValidationResult =
  | { ok: true; data: Record<string, unknown> }
  | { ok: false; errors: Record<string, unknown> };

const EMPTY = Symbol('empty');

const TRUE_VALUES = new Set(['t', 'T', 'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON', '1']);
const FALSE_VALUES = new Set(['f', 'F', 'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF', '0']);
const NULL_VALUES = new Set(['null', 'Null', 'NULL', '']);

export const DRF_MESSAGES = {
  required: 'This field is required.',
  null: 'This field may not be null.',
  blank: 'This field may not be blank.',
  integer: 'A valid integer is required.',
  bool: 'Must be a valid boolean.',
  datetime: 'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].',
  tooLarge: 'String value too large.',
};

/** DRF BooleanField.to_internal_value; null only where allowed. */
export function drfBoolean(text: string, allowNull = false): Parsed<boolean | null> {
  if (TRUE_VALUES.has(text)) return { ok: true, value: true };
  if (FALSE_VALUES.has(text)) return { ok: true, value: false };
  if (allowNull && NULL_VALUES.has(text)) return { ok: true, value: null };
  return { ok: false };
}

/** DRF IntegerField.to_internal_value: trailing `.0…` is tolerated, then Python `int()`. */
export function drfInteger(text: string): Parsed<number> {
  const stripped = text.replace(/\.0*\s*$/, '');
  const value = pythonInt(stripped);
  return value === null ? { ok: false } : { ok: true, value };
}

class FieldError extends Error {
  constructor(readonly detail: unknown) {
    super('field error');
  }
}

function fieldValue(query: Query, spec: FieldSpec): unknown {
  if (spec.kind === 'intlist') {
    const values = query.getlist(spec.name);
    return values.length > 0 ? values : EMPTY;
  }
  if (!query.has(spec.name)) return spec.kind === 'bool' ? false : EMPTY;
  const value = query.get(spec.name) ?? '';
  const allowBlank = spec.kind === 'char' && spec.allowBlank === true;
  if (value === '' && spec.allowNull) return allowBlank ? '' : null;
  if (value === '' && spec.required === false) return allowBlank ? '' : EMPTY;
  return value;
}

function runField(spec: FieldSpec, raw: unknown): unknown {
  if (spec.kind === 'char' && typeof raw === 'string' && raw.trim() === '') {
    if (!spec.allowBlank) throw new FieldError([DRF_MESSAGES.blank]);
    return '';
  }
  if (raw === EMPTY) {
    if (spec.required !== false) throw new FieldError([DRF_MESSAGES.required]);
    if (spec.default === undefined) return EMPTY;
    return spec.default;
  }
  if (raw === null) {
    if (!spec.allowNull) throw new FieldError([DRF_MESSAGES.null]);
    return null;
  }
  switch (spec.kind) {
    case 'char':
      return String(raw).trim();
    case 'int': {
      const text = String(raw);
      if (text.length > 1000) throw new FieldError([DRF_MESSAGES.tooLarge]);
      const parsed = drfInteger(text);
      if (!parsed.ok) throw new FieldError([DRF_MESSAGES.integer]);
      return parsed.value;
    }
    case 'bool': {
      if (raw === false) return false;
      const parsed = drfBoolean(String(raw), spec.allowNull === true);
      if (!parsed.ok) throw new FieldError([DRF_MESSAGES.bool]);
      return parsed.value;
    }
    case 'datetime': {
      const us = parseIsoDateTime(String(raw));
      if (us === null) throw new FieldError([DRF_MESSAGES.datetime]);
      return us;
    }
    case 'intlist': {
      const items = raw as string[];
      const errors: Record<string, string[]> = {};
      const values: number[] = [];
      items.forEach((item, index) => {
        const parsed = drfInteger(item);
        if (!parsed.ok) errors[String(index)] = [DRF_MESSAGES.integer];
        else values.push(parsed.value);
      });
      if (Object.keys(errors).length > 0) throw new FieldError(errors);
      return values;
    }
  }
}

/**
 * Validates query parameters like a DRF Serializer bound to `request.query_params`: field
 * errors keyed by field (in declaration order); only when all fields pass does `validate` run,
 * whose error lands in `non_field_errors`.
 */
export function validateQuery(
  query: Query,
  specs: readonly FieldSpec[],
  validate?: (data: Record<string, unknown>) => string | null,
): ValidationResult {
  const data: Record<string, unknown> = {};
  const errors: Record<string, unknown> = {};
  for (const spec of specs) {
    try {
      let value = runField(spec, fieldValue(query, spec));
      if (value === EMPTY) continue;
      if (spec.validate) {
        const checked = spec.validate(value);
        if ('error' in checked) throw new FieldError([checked.error]);
        value = checked.value;
      }
      data[spec.name] = value;
    } catch (error) {
      if (error instanceof FieldError) errors[spec.name] = error.detail;
      else throw error;
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (validate) {
    const problem = validate(data);
    if (problem !== null) return { ok: false, errors: { non_field_errors: [problem] } };
  }
  return { ok: true, data };
}
