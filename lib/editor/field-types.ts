import type { ApiDoc } from './jsdoc';

/** How a field of a given internal type appears to learner code. */
export interface FieldValueType {
  /** The attribute's type when read (`post.title`), before `| null` for nullable fields. */
  read: string;
  /** What filter() compares it with: the `OrmLab.*Lookups` helper for this kind of field. */
  lookups: 'TextLookups' | 'NumberLookups' | 'BooleanLookups' | 'DateLookups' | 'DateTimeLookups' | 'TimeLookups' | 'JSONLookups' | 'AnyLookups';
  /** What create(), update() and assignment accept. */
  write: string;
}

const number: FieldValueType = { read: 'number', lookups: 'NumberLookups', write: 'number' };
const text: FieldValueType = { read: 'string', lookups: 'TextLookups', write: 'string' };

/** By `field.get_internal_type()`; an unknown type reads as `any`. */
export const fieldValueTypes: Record<string, FieldValueType> = {
  AutoField: number,
  BigAutoField: number,
  SmallAutoField: number,
  IntegerField: number,
  BigIntegerField: number,
  SmallIntegerField: number,
  PositiveIntegerField: number,
  PositiveBigIntegerField: number,
  PositiveSmallIntegerField: number,
  FloatField: number,
  DecimalField: number,
  DurationField: number,
  BooleanField: { read: 'boolean', lookups: 'BooleanLookups', write: 'boolean' },
  CharField: text,
  SlugField: text,
  TextField: text,
  EmailField: text,
  URLField: text,
  UUIDField: text,
  GenericIPAddressField: text,
  DateTimeField: { read: 'Date', lookups: 'DateTimeLookups', write: 'Date | string' },
  DateField: { read: 'Date', lookups: 'DateLookups', write: 'Date | string' },
  TimeField: { read: 'string', lookups: 'TimeLookups', write: 'string' },
  JSONField: { read: 'any', lookups: 'JSONLookups', write: 'any' },
};

export const unknownFieldValueType: FieldValueType = { read: 'any', lookups: 'AnyLookups', write: 'any' };

export function fieldValueType(internalType: string): FieldValueType {
  return fieldValueTypes[internalType] ?? unknownFieldValueType;
}

/** The field factories learners declare models with (lib/orm/index.ts): name, options type, hover doc. */
export interface FieldFactory {
  name: string;
  /** The call's parameters, as a TypeScript parameter list. */
  params: string;
  doc: ApiDoc;
}

const plain = (name: string, options: string, summary: string, example: string): FieldFactory => ({
  name,
  params: `options?: OrmLab.${options}`,
  doc: { summary, example },
});

export const fieldFactories: FieldFactory[] = [
  plain('AutoField', 'FieldOptions', 'An auto-incrementing integer primary key (added as `id` when a model declares no primary key).', 'id: AutoField({ primary_key: true })'),
  plain('BigAutoField', 'FieldOptions', 'A 64-bit auto-incrementing primary key.', 'id: BigAutoField({ primary_key: true })'),
  plain('IntegerField', 'FieldOptions', 'An integer (`integer` column).', 'view_count: IntegerField({ null: true, default: 0 })'),
  plain('BigIntegerField', 'FieldOptions', 'A 64-bit integer (`bigint` column).', 'views: BigIntegerField()'),
  plain('SmallIntegerField', 'FieldOptions', 'A small integer (`smallint` column).', 'rank: SmallIntegerField()'),
  plain('PositiveIntegerField', 'FieldOptions', 'An integer ≥ 0, checked by the database.', 'stock: PositiveIntegerField()'),
  plain('PositiveSmallIntegerField', 'FieldOptions', 'A small integer ≥ 0, checked by the database.', 'rating: PositiveSmallIntegerField()'),
  plain('FloatField', 'FieldOptions', 'A floating-point number (`real` column).', 'score: FloatField()'),
  plain('DecimalField', 'DecimalFieldOptions', 'A fixed-precision decimal (a JavaScript number here).', 'price: DecimalField({ max_digits: 8, decimal_places: 2 })'),
  plain('BooleanField', 'FieldOptions', 'True/false (`bool` column; `null: true` allows NULL).', 'is_active: BooleanField({ default: true })'),
  plain('CharField', 'CharFieldOptions', 'Short text: `max_length` is required (`varchar(n)`).', 'title: CharField({ max_length: 200, db_index: true })'),
  plain('SlugField', 'CharFieldOptions', 'A URL slug: text with an index (max_length 50 by default).', 'slug: SlugField({ unique: true })'),
  plain('EmailField', 'CharFieldOptions', 'An email address (a CharField of 254 characters).', 'email: EmailField()'),
  plain('URLField', 'CharFieldOptions', 'A URL (a CharField of 200 characters).', 'website: URLField({ blank: true })'),
  plain('TextField', 'FieldOptions', 'Long text (`text` column): a candidate for `defer()`.', 'content: TextField()'),
  plain('DateTimeField', 'DateFieldOptions', 'A date and time (a Date, stored in UTC); `auto_now_add`/`auto_now` set it on create/save.', 'created_at: DateTimeField({ auto_now_add: true })'),
  plain('DateField', 'DateFieldOptions', 'A date (a Date at UTC midnight).', 'birthday: DateField({ null: true })'),
  plain('TimeField', 'FieldOptions', 'A time of day, as text `HH:MM:SS`.', 'opens_at: TimeField()'),
  plain('JSONField', 'FieldOptions', 'A JSON value, stored as text; lookups may go into keys (`data__key`).', 'metadata: JSONField({ default: () => ({}) })'),
  {
    name: 'ForeignKey',
    params: 'to: OrmLab.ModelRef, options: OrmLab.ForeignKeyOptions',
    doc: {
      summary:
        'A many-to-one relation: the `<name>_id` column, the lazily loaded `obj.<name>` attribute, and `<model>_set` on the other model. `on_delete` is required; the model may be a function (`() => Author`) or a name.',
      example: "author: ForeignKey(() => Author, { on_delete: CASCADE, related_name: 'posts' })",
    },
  },
  {
    name: 'OneToOneField',
    params: 'to: OrmLab.ModelRef, options: OrmLab.ForeignKeyOptions',
    doc: { summary: 'A unique foreign key: `profile.user`, and `user.profile` (one object, not a manager) on the other side.', example: 'user: OneToOneField(() => Author, { on_delete: CASCADE })' },
  },
  {
    name: 'ManyToManyField',
    params: 'to: OrmLab.ModelRef, options?: OrmLab.ManyToManyOptions',
    doc: {
      summary: 'A many-to-many relation through a join table (`<table>_<name>`): `post.tags` and `tag.post_set` managers with add/remove/set/clear.',
      example: 'tags: ManyToManyField(() => Tag, { blank: true })',
    },
  },
];
