/**
 * Django 5.2's naming of schema objects (indexes, unique constraints), so the
 * DDL ORM Lab runs shows the same names as Django's schema editor on SQLite.
 *
 * Sources: django/db/backends/utils.py (names_digest, truncate_name,
 * split_identifier), django/db/backends/base/schema.py
 * (BaseDatabaseSchemaEditor._create_index_name) and django/db/models/indexes.py
 * (Index.set_name_with_model).
 *
 * Lengths and slices count code points, as Python's `len()` and `s[:n]` do.
 */
import { md5 } from './md5';

/** `connection.ops.max_name_length()` on SQLite: the base implementation returns None. */
export const SQLITE_MAX_NAME_LENGTH: number | null = null;

/** `Index.max_name_length`: 30, for cross-database (Oracle) compatibility. */
export const INDEX_MAX_NAME_LENGTH = 30;

/** `Index.suffix`. */
export const INDEX_SUFFIX = 'idx';

// ------------------------------------------------------------ code point helpers

const NON_ASCII = /[^\x00-\x7f]/;

function pyLen(s: string): number {
  return NON_ASCII.test(s) ? Array.from(s).length : s.length;
}

/** Python `s[start:end]` for non-negative start/end. */
function pySlice(s: string, start: number, end?: number): string {
  if (!NON_ASCII.test(s)) return s.slice(start, end);
  return Array.from(s).slice(start, end).join('');
}

/** Python `s[0].isdigit()` (Unicode decimal digits, plus the superscript/other digits Python counts). */
function startsWithDigit(s: string): boolean {
  return /^[\p{Nd}\u00b2\u00b3\u00b9\u2070-\u2079\u2080-\u2089]/u.test(s);
}

// ------------------------------------------------------------ django/db/backends/utils.py

/**
 * `names_digest(*args, length)`: md5 over the concatenated UTF-8 of the args,
 * hex digest truncated to `length`.
 */
export function namesDigest(args: readonly string[], length: number): string {
  return md5(args.join('')).slice(0, length);
}

/**
 * `split_identifier(identifier)`: split `'"NAMESPACE"."NAME"'` (or `NS"."NAME`)
 * into `[namespace, name]`; without a namespace, `['', identifier]`. Quotes are stripped.
 */
export function splitIdentifier(identifier: string): [namespace: string, name: string] {
  const parts = identifier.split('"."');
  const [namespace, name] = parts.length === 2 ? parts : ['', identifier];
  return [stripChars(namespace, '"'), stripChars(name, '"')];
}

function stripChars(s: string, ch: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s[a] === ch) a++;
  while (b > a && s[b - 1] === ch) b--;
  return s.slice(a, b);
}

/**
 * `truncate_name(identifier, length=None, hash_len=4)`: shorten an identifier to
 * `length` with a repeatable hash suffix; only the name part of `NS"."NAME` is truncated.
 */
export function truncateName(identifier: string, length: number | null = null, hashLen = 4): string {
  const [namespace, name] = splitIdentifier(identifier);
  if (length === null || pyLen(name) <= length) return identifier;
  const digest = namesDigest([name], hashLen);
  return `${namespace ? `${namespace}"."` : ''}${pySlice(name, 0, Math.max(0, length - hashLen))}${digest}`;
}

// ------------------------------------------------------------ django/db/backends/base/schema.py

/**
 * `BaseDatabaseSchemaEditor._create_index_name(table_name, column_names, suffix="")`
 * for SQLite (max_name_length() is None, so the limit is 200).
 *
 * Used for `db_index=True` / ForeignKey indexes (suffix `''`) and for
 * `unique_together` and the M2M through table's unique constraint (suffix `'_uniq'`):
 * `createIndexName('blog_post', ['title'])` → `'blog_post_title_adf2f203'`.
 */
export function createIndexName(
  tableName: string,
  columnNames: readonly string[],
  suffix = '',
  maxNameLength: number | null = SQLITE_MAX_NAME_LENGTH,
): string {
  const table = splitIdentifier(tableName)[1];
  let hashSuffixPart = `${namesDigest([table, ...columnNames], 8)}${suffix}`;
  const maxLength = maxNameLength || 200;
  const joined = columnNames.join('_');
  // If everything fits into max_length, use that name.
  let indexName = `${table}_${joined}_${hashSuffixPart}`;
  if (pyLen(indexName) <= maxLength) return indexName;
  // Shorten a long suffix.
  if (pyLen(hashSuffixPart) > maxLength / 3) hashSuffixPart = pySlice(hashSuffixPart, 0, Math.floor(maxLength / 3));
  const otherLength = Math.floor((maxLength - pyLen(hashSuffixPart)) / 2) - 1;
  indexName = `${pySlice(table, 0, otherLength)}_${pySlice(joined, 0, otherLength)}_${hashSuffixPart}`;
  // Prepend D if needed to prevent the name from starting with an underscore
  // or a number (not permitted on Oracle).
  if (indexName[0] === '_' || startsWithDigit(indexName)) {
    indexName = `D${pySlice(indexName, 0, pyLen(indexName) - 1)}`;
  }
  return indexName;
}

// ------------------------------------------------------------ django/db/models/indexes.py

/**
 * `Index.fields_orders`: `'-created_at'` → `['created_at', 'DESC']`, `'title'` → `['title', '']`.
 */
export function fieldsOrders(fields: readonly string[]): Array<[fieldName: string, order: '' | 'DESC']> {
  return fields.map((f) => (f.startsWith('-') ? [f.slice(1), 'DESC'] : [f, '']));
}

/**
 * `Index.set_name_with_model(model)`: the automatic name of a `Meta.indexes`
 * entry given by `fields` (and no explicit name).
 *
 * `fields` are the Index's *field* names, `'-'` marking descending order; `columnOf`
 * maps a field name to its column (`'category'` → `'category_id'`). Django hashes
 * the table name, the column names with a `'-'` prefix for descending ones, and
 * the suffix; the visible name is `table[:11]_column0[:7]_hash6_idx`:
 * `indexNameForModelIndex('blog_post', ['-created_at'])` → `'blog_post_created_45f0c6_idx'`.
 *
 * Throws Django's ValueError message if the name exceeds 30 characters (only
 * possible with a suffix longer than 3 characters).
 */
export function indexNameForModelIndex(
  dbTable: string,
  fields: readonly string[],
  columnOf: (fieldName: string) => string = (fieldName) => fieldName,
  suffix: string = INDEX_SUFFIX,
): string {
  if (fields.length === 0) throw new Error('At least one field or expression is required to define an index.');
  const tableName = splitIdentifier(dbTable)[1];
  const orders = fieldsOrders(fields);
  const columnNames = orders.map(([fieldName]) => columnOf(fieldName));
  const columnNamesWithOrder = columnNames.map((column, i) => (orders[i][1] ? `-${column}` : column));
  // The length of the parts of the name is based on the default max length of 30 characters.
  const hashData = [tableName, ...columnNamesWithOrder, suffix];
  let name = `${pySlice(tableName, 0, 11)}_${pySlice(columnNames[0], 0, 7)}_${namesDigest(hashData, 6)}_${suffix}`;
  if (pyLen(name) > INDEX_MAX_NAME_LENGTH) {
    throw new Error(
      'Index too long for multiple database support. Is self.suffix longer than 3 characters?',
    );
  }
  if (name[0] === '_' || startsWithDigit(name)) name = `D${pySlice(name, 1)}`;
  return name;
}
