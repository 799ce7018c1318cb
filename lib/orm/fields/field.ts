import { Col } from '../expressions/core';
import { ValidationError } from '../errors';
import { findLookup, findTransform, lookupsOf, type LookupClassLike } from '../lookups/registry';
import type { Model, ModelClass } from '../model';
import type { ForeignObjectRel } from './related';

export interface FieldOptions {
  null?: boolean;
  blank?: boolean;
  default?: unknown;
  unique?: boolean;
  db_index?: boolean;
  primary_key?: boolean;
  db_column?: string;
  verbose_name?: string;
  help_text?: string;
  editable?: boolean;
  choices?: ReadonlyArray<readonly [unknown, string]>;
  max_length?: number;
}

export const NOT_PROVIDED: unique symbol = Symbol('NOT_PROVIDED');

/** SQLite column types, as django/db/backends/sqlite3/base.py data_types. */
const DATA_TYPES: Record<string, string> = {
  AutoField: 'integer',
  BigAutoField: 'integer',
  BinaryField: 'BLOB',
  BooleanField: 'bool',
  CharField: 'varchar(%(max_length)s)',
  DateField: 'date',
  DateTimeField: 'datetime',
  DecimalField: 'decimal',
  DurationField: 'bigint',
  FloatField: 'real',
  IntegerField: 'integer',
  BigIntegerField: 'bigint',
  JSONField: 'text',
  PositiveIntegerField: 'integer unsigned',
  PositiveSmallIntegerField: 'smallint unsigned',
  SlugField: 'varchar(%(max_length)s)',
  SmallIntegerField: 'smallint',
  TextField: 'text',
  TimeField: 'time',
};

const CHECK_CONSTRAINTS: Record<string, string> = {
  PositiveIntegerField: '"%(column)s" >= 0',
  PositiveSmallIntegerField: '"%(column)s" >= 0',
  JSONField: '(JSON_VALID("%(column)s") OR "%(column)s" IS NULL)',
};

/**
 * A model field: the column it maps to, how values travel to and from SQLite,
 * and which lookups it supports. Subclasses are the field types Django has.
 */
export abstract class Field {
  name!: string;
  attname!: string;
  column!: string;
  model!: ModelClass;

  null: boolean;
  blank: boolean;
  unique_: boolean;
  db_index: boolean;
  primary_key: boolean;
  db_column: string | null;
  verbose_name: string | null;
  help_text: string;
  editable: boolean;
  choices: ReadonlyArray<readonly [unknown, string]> | null;
  max_length: number | null;
  protected readonly default_: unknown;

  concrete = true;
  is_relation = false;
  many_to_many = false;
  many_to_one = false;
  one_to_many = false;
  one_to_one = false;
  auto_created = false;
  remote_field: ForeignObjectRel | null = null;
  /** Whether '' is this field's empty value (text fields) rather than NULL. */
  empty_strings_allowed = true;
  private cachedCol: Col | null = null;

  constructor(options: FieldOptions = {}) {
    this.null = options.null ?? false;
    this.blank = options.blank ?? false;
    this.primary_key = options.primary_key ?? false;
    this.unique_ = options.unique ?? false;
    this.db_index = options.db_index ?? false;
    this.db_column = options.db_column ?? null;
    this.verbose_name = options.verbose_name ?? null;
    this.help_text = options.help_text ?? '';
    this.editable = options.editable ?? true;
    this.choices = options.choices ?? null;
    this.max_length = options.max_length ?? null;
    this.default_ = 'default' in options ? options.default : NOT_PROVIDED;
  }

  abstract get_internal_type(): string;

  get unique(): boolean {
    return this.unique_ || this.primary_key;
  }

  get related_model(): ModelClass | null {
    return null;
  }

  /** Binds the field to its model under `name` (Django's contribute_to_class). */
  contribute_to_class(model: ModelClass, name: string): void {
    this.name = name;
    this.model = model;
    this.attname = this.get_attname();
    this.column = this.db_column ?? this.attname;
    this.verbose_name ??= name.replace(/_/g, ' ');
  }

  get_attname(): string {
    return this.name;
  }

  /** Problems Django's system checks would report, as messages. */
  check(): string[] {
    return [];
  }

  db_type(): string | null {
    const template = DATA_TYPES[this.get_internal_type()];
    return template === undefined ? null : template.replace('%(max_length)s', String(this.max_length));
  }

  /** The column type of a foreign key that points at this field. */
  rel_db_type(): string | null {
    return this.db_type();
  }

  db_check(): string | null {
    const template = CHECK_CONSTRAINTS[this.get_internal_type()];
    return template ? template.replace(/%\(column\)s/g, this.column) : null;
  }

  has_default(): boolean {
    return this.default_ !== NOT_PROVIDED;
  }

  get_default(): unknown {
    if (this.has_default()) {
      return typeof this.default_ === 'function' ? (this.default_ as () => unknown)() : this.default_;
    }
    if (!this.empty_strings_allowed || this.null) return null;
    return '';
  }

  /** Normalizes a value assigned in Python terms (Django's to_python). */
  to_python(value: unknown): unknown {
    return value;
  }

  /** The value as a query parameter, before database adaptation. */
  get_prep_value(value: unknown): unknown {
    return value;
  }

  /** The value as SQLite stores it. */
  get_db_prep_value(value: unknown, prepared = false): unknown {
    return prepared ? value : this.get_prep_value(value);
  }

  get_db_prep_save(value: unknown): unknown {
    return this.get_db_prep_value(value, false);
  }

  /** Converts a value read from SQLite; null when no conversion is needed. */
  from_db_value: ((value: unknown) => unknown) | null = null;

  /** The value to write for `instance` (auto_now fields update it here). */
  pre_save(instance: Model, _add: boolean): unknown {
    return (instance as unknown as Record<string, unknown>)[this.attname];
  }

  value_from_object(instance: Model): unknown {
    return (instance as unknown as Record<string, unknown>)[this.attname];
  }

  get_col(alias: string | null, outputField: Field = this): Col {
    if (alias === this.model?._meta.db_table && outputField === this) {
      this.cachedCol ??= new Col(alias, this);
      return this.cachedCol;
    }
    return new Col(alias, this, outputField);
  }

  get_lookup(name: string): LookupClassLike | undefined {
    return findLookup(this.constructor, name);
  }

  get_transform(name: string): LookupClassLike | undefined {
    return findTransform(this.constructor, name);
  }

  get_lookups(): string[] {
    return [...lookupsOf(this.constructor).keys()];
  }

  /** Checks a value against choices/null/blank as full_clean() would. */
  validate(value: unknown): void {
    if (value === null && !this.null) throw new ValidationError(`This field cannot be null.`);
    if (value === '' && !this.blank) throw new ValidationError(`This field cannot be blank.`);
  }

  toString(): string {
    return this.model ? `${this.model._meta.label}.${this.name}` : `<${this.constructor.name}>`;
  }

  /** The Python module Django defines the field class in, for repr(). */
  static module = 'django.db.models.fields';

  /** Django's repr: `<django.db.models.fields.related.ManyToManyField: tags>`. */
  __repr__(): string {
    const path = `${(this.constructor as typeof Field).module}.${this.constructor.name}`;
    return this.name ? `<${path}: ${this.name}>` : `<${path}>`;
  }
}
