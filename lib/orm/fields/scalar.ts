import { adaptDatetime } from '../backend/operations';
import { ValidationError, ValueError, PyTypeError } from '../errors';
import type { Model } from '../model';
import { parseDatetime, PyDate } from '../utils/datetime';
import { Field, type FieldOptions } from './field';
import { registerFieldClass } from './registry';

function validationError(message: string): ValidationError {
  return new ValidationError(`['${message}']`);
}

abstract class IntegerLikeField extends Field {
  override empty_strings_allowed = false;

  override get_prep_value(value: unknown): unknown {
    if (value === null || value === undefined) return null;
    if (typeof value === 'number') return Number.isInteger(value) ? value : Math.trunc(value);
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)) return Number(value);
    if (typeof value === 'object' && value !== null && 'pk' in value) {
      throw new PyTypeError(`Field '${this.name}' expected a number but got ${String(value)}.`);
    }
    throw new ValueError(`Field '${this.name}' expected a number but got ${typeof value === 'string' ? `'${value}'` : String(value)}.`);
  }

  override to_python(value: unknown): unknown {
    if (value === null || value === undefined) return value ?? null;
    const n = typeof value === 'string' ? Number(value) : (value as number);
    if (typeof n !== 'number' || Number.isNaN(n)) throw validationError(`“${String(value)}” value must be an integer.`);
    return Math.trunc(n);
  }
}

export class IntegerField extends IntegerLikeField {
  get_internal_type() {
    return 'IntegerField';
  }
}

export class BigIntegerField extends IntegerField {
  override get_internal_type() {
    return 'BigIntegerField';
  }
}

export class SmallIntegerField extends IntegerField {
  override get_internal_type() {
    return 'SmallIntegerField';
  }
}

export class PositiveIntegerField extends IntegerField {
  override get_internal_type() {
    return 'PositiveIntegerField';
  }
  override rel_db_type() {
    return 'integer';
  }
}

export class PositiveSmallIntegerField extends IntegerField {
  override get_internal_type() {
    return 'PositiveSmallIntegerField';
  }
  override rel_db_type() {
    return 'smallint';
  }
}

/** The implicit `id` primary key (DEFAULT_AUTO_FIELD = AutoField). */
export class AutoField extends IntegerLikeField {
  constructor(options: FieldOptions = {}) {
    super({ ...options, primary_key: true, blank: true });
  }
  get_internal_type() {
    return 'AutoField';
  }
  override rel_db_type() {
    return 'integer';
  }
}

export class BigAutoField extends AutoField {
  override get_internal_type() {
    return 'BigAutoField';
  }
  override rel_db_type() {
    return 'bigint';
  }
}

export class FloatField extends Field {
  override empty_strings_allowed = false;
  get_internal_type() {
    return 'FloatField';
  }
  override get_prep_value(value: unknown): unknown {
    if (value === null || value === undefined) return null;
    const n = Number(value);
    if (Number.isNaN(n)) throw new ValueError(`Field '${this.name}' expected a number but got '${String(value)}'.`);
    return n;
  }
}

export interface DecimalFieldOptions extends FieldOptions {
  max_digits?: number;
  decimal_places?: number;
}

/** Decimals are JavaScript numbers here (Django returns decimal.Decimal). */
export class DecimalField extends Field {
  override empty_strings_allowed = false;
  readonly max_digits: number | null;
  readonly decimal_places: number | null;
  constructor(options: DecimalFieldOptions = {}) {
    super(options);
    this.max_digits = options.max_digits ?? null;
    this.decimal_places = options.decimal_places ?? null;
  }
  get_internal_type() {
    return 'DecimalField';
  }
  override check(): string[] {
    const errors: string[] = [];
    if (this.decimal_places === null) errors.push("DecimalFields must define a 'decimal_places' attribute.");
    if (this.max_digits === null) errors.push("DecimalFields must define a 'max_digits' attribute.");
    return errors;
  }
  override get_prep_value(value: unknown): unknown {
    if (value === null || value === undefined) return null;
    const n = Number(value);
    if (Number.isNaN(n)) throw validationError(`“${String(value)}” value must be a decimal number.`);
    return n;
  }
  override from_db_value = (value: unknown): unknown => {
    if (value === null || this.decimal_places === null) return value;
    const f = 10 ** this.decimal_places;
    return Math.round(Number(value) * f) / f;
  };
}

export class BooleanField extends Field {
  override empty_strings_allowed = false;
  get_internal_type() {
    return 'BooleanField';
  }
  override to_python(value: unknown): unknown {
    if (this.null && (value === null || value === undefined || value === '')) return null;
    if (value === true || value === 1) return true;
    if (value === false || value === 0) return false;
    if (value === 't' || value === 'True' || value === '1') return true;
    if (value === 'f' || value === 'False' || value === '0') return false;
    throw validationError(
      this.null
        ? `“${String(value)}” value must be either True, False, or None.`
        : `“${String(value)}” value must be either True or False.`,
    );
  }
  override get_prep_value(value: unknown): unknown {
    if (value === null || value === undefined) return null;
    return this.to_python(value);
  }
  override from_db_value = (value: unknown): unknown => (value === 1 ? true : value === 0 ? false : value);
}

export interface CharFieldOptions extends FieldOptions {
  db_collation?: string;
}

export class CharField extends Field {
  get_internal_type() {
    return 'CharField';
  }
  override check(): string[] {
    if (this.max_length === null) return ["CharFields must define a 'max_length' attribute."];
    if (!Number.isInteger(this.max_length) || this.max_length <= 0) return ["'max_length' must be a positive integer."];
    return [];
  }
  override to_python(value: unknown): unknown {
    if (typeof value === 'string' || value === null || value === undefined) return value ?? null;
    return String(value);
  }
  override get_prep_value(value: unknown): unknown {
    return this.to_python(value);
  }
}

export class SlugField extends CharField {
  constructor(options: CharFieldOptions = {}) {
    super({ max_length: 50, db_index: true, ...options });
  }
  override get_internal_type() {
    return 'SlugField';
  }
}

export class EmailField extends CharField {
  constructor(options: CharFieldOptions = {}) {
    super({ max_length: 254, ...options });
  }
}

export class URLField extends CharField {
  constructor(options: CharFieldOptions = {}) {
    super({ max_length: 200, ...options });
  }
}

export class TextField extends Field {
  get_internal_type() {
    return 'TextField';
  }
  override to_python(value: unknown): unknown {
    if (typeof value === 'string' || value === null || value === undefined) return value ?? null;
    return String(value);
  }
  override get_prep_value(value: unknown): unknown {
    return this.to_python(value);
  }
}

export interface DateFieldOptions extends FieldOptions {
  auto_now?: boolean;
  auto_now_add?: boolean;
}

function toDate(field: Field, value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'string') {
    const parsed = parseDatetime(value);
    if (parsed) return parsed;
  }
  const text = String(value);
  // Django tells a well-formed but impossible date apart from text in another format.
  if (typeof value === 'string' && DATETIME_FORMAT.test(value)) {
    throw validationError(`“${text}” value has the correct format (YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ]) but it is an invalid date/time.`);
  }
  if (typeof value === 'string' && DATE_FORMAT.test(value)) {
    throw validationError(`“${text}” value has the correct format (YYYY-MM-DD) but it is an invalid date.`);
  }
  throw validationError(`“${text}” value has an invalid format. It must be in YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ] format.`);
}

/** django.utils.dateparse's date_re and datetime_re: the shapes Django reads before checking the calendar. */
const DATE_FORMAT = /^\d{4}-\d{1,2}-\d{1,2}$/;
const DATETIME_FORMAT = /^\d{4}-\d{1,2}-\d{1,2}[T ]\d{1,2}:\d{1,2}(?::\d{1,2}(?:[.,]\d{1,6}\d{0,6})?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?$/;

/** Datetimes are JavaScript Dates in UTC; stored as Django's naive UTC text. */
export class DateTimeField extends Field {
  override empty_strings_allowed = false;
  readonly auto_now: boolean;
  readonly auto_now_add: boolean;
  constructor(options: DateFieldOptions = {}) {
    const auto = options.auto_now || options.auto_now_add;
    super(auto ? { editable: false, blank: true, ...options } : options);
    this.auto_now = options.auto_now ?? false;
    this.auto_now_add = options.auto_now_add ?? false;
  }
  get_internal_type() {
    return 'DateTimeField';
  }
  override to_python(value: unknown): unknown {
    return toDate(this, value);
  }
  override get_prep_value(value: unknown): unknown {
    return toDate(this, value);
  }
  override get_db_prep_value(value: unknown, prepared = false): unknown {
    const v = prepared ? value : this.get_prep_value(value);
    return v instanceof Date ? adaptDatetime(v) : v;
  }
  override from_db_value = (value: unknown): unknown => (typeof value === 'string' ? parseDatetime(value) : value);
  override pre_save(instance: Model, add: boolean): unknown {
    if (this.auto_now || (this.auto_now_add && add)) {
      const value = new Date();
      (instance as unknown as Record<string, unknown>)[this.attname] = value;
      return value;
    }
    return super.pre_save(instance, add);
  }
}

/** Dates are PyDate objects (a Date at UTC midnight printing as YYYY-MM-DD). */
export class DateField extends Field {
  override empty_strings_allowed = false;
  readonly auto_now: boolean;
  readonly auto_now_add: boolean;
  constructor(options: DateFieldOptions = {}) {
    const auto = options.auto_now || options.auto_now_add;
    super(auto ? { editable: false, blank: true, ...options } : options);
    this.auto_now = options.auto_now ?? false;
    this.auto_now_add = options.auto_now_add ?? false;
  }
  get_internal_type() {
    return 'DateField';
  }
  override to_python(value: unknown): unknown {
    const d = toDate(this, value);
    return d && !(d instanceof PyDate) ? PyDate.fromText(d.toISOString()) : d;
  }
  override get_prep_value(value: unknown): unknown {
    return this.to_python(value);
  }
  override get_db_prep_value(value: unknown, prepared = false): unknown {
    const v = prepared ? value : this.get_prep_value(value);
    return v instanceof Date ? v.toISOString().slice(0, 10) : v;
  }
  override from_db_value = (value: unknown): unknown => (typeof value === 'string' ? PyDate.fromText(value) : value);
  override pre_save(instance: Model, add: boolean): unknown {
    if (this.auto_now || (this.auto_now_add && add)) {
      const value = PyDate.fromText(new Date().toISOString());
      (instance as unknown as Record<string, unknown>)[this.attname] = value;
      return value;
    }
    return super.pre_save(instance, add);
  }
}

/** JSON is stored as text and parsed on read, as Django's JSONField on SQLite. */
export class JSONField extends Field {
  static override module = 'django.db.models.fields.json';
  override empty_strings_allowed = false;
  get_internal_type() {
    return 'JSONField';
  }
  override get_db_prep_value(value: unknown): unknown {
    return value === null || value === undefined ? null : JSON.stringify(value);
  }
  override from_db_value = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);
}

for (const cls of [
  IntegerField,
  BigIntegerField,
  SmallIntegerField,
  PositiveIntegerField,
  PositiveSmallIntegerField,
  AutoField,
  BigAutoField,
  FloatField,
  DecimalField,
  BooleanField,
  CharField,
  SlugField,
  TextField,
  DateTimeField,
  DateField,
  JSONField,
]) {
  registerFieldClass(cls.name, cls as never);
}

/** Times are text `HH:MM:SS[.ffffff]`, as Django stores them on SQLite. */
export class TimeField extends Field {
  override empty_strings_allowed = false;
  get_internal_type() {
    return 'TimeField';
  }
}
registerFieldClass('TimeField', TimeField as never);
