import type { ApiDoc } from './jsdoc';

/**
 * Django's database functions (django.db.models.functions) as the learner calls them:
 * the parameters (a TypeScript tuple), the value the function produces, and the hover
 * doc. Other engineers port these to lib/orm one family at a time; the declarations
 * follow Django, so a name may be declared before its runtime lands.
 */
export interface DatabaseFunction {
  name: string;
  /** A TypeScript tuple type of the parameters, e.g. `[expression: Arg, length: Arg]`. */
  params: string;
  /** The TypeScript type of the value the function produces in a row. */
  value: string;
  doc: ApiDoc;
}

const Arg = 'OrmLab.ExpressionArg';
const Opts = 'options?: OrmLab.FuncOptions';
const one = `[expression: ${Arg}, ${Opts}]`;
const variadic = `[...expressions: (${Arg} | OrmLab.FuncOptions)[]]`;
const none = `[${Opts}]`;
const dateArg = `[expression: ${Arg}, options?: OrmLab.DateFuncOptions]`;

function fn(name: string, params: string, value: string, summary: string, example?: string, sql?: string): DatabaseFunction {
  return { name, params, value, doc: { summary, example, sql } };
}

const comparison: DatabaseFunction[] = [
  fn('Cast', `[expression: ${Arg}, output_field: Field | { output_field: Field }]`, 'any', 'Convert a value to another field type.', "Cast('view_count', FloatField())", 'CAST("blog_post"."view_count" AS real)'),
  fn('Coalesce', variadic, 'any', 'The first argument that is not NULL (at least two).', "Coalesce('view_count', Value(0))", 'COALESCE("blog_post"."view_count", 0)'),
  fn('Collate', `[expression: ${Arg}, collation: string]`, 'string', 'The expression with a collation, e.g. for case-insensitive ordering.', "Post.objects.order_by(Collate('title', 'NOCASE'))", '"blog_post"."title" COLLATE "NOCASE"'),
  fn('Greatest', variadic, 'any', 'The largest argument (`MAX(a, b)` on SQLite; NULL if any argument is NULL).', "Greatest('created_at', 'published_date')", 'MAX("blog_post"."created_at", "blog_post"."published_date")'),
  fn('Least', variadic, 'any', 'The smallest argument (`MIN(a, b)` on SQLite; NULL if any argument is NULL).', "Least('created_at', 'published_date')", 'MIN("blog_post"."created_at", "blog_post"."published_date")'),
  fn('NullIf', `[expression1: ${Arg}, expression2: ${Arg}, ${Opts}]`, 'any', 'NULL when both arguments are equal, else the first.', "NullIf('view_count', Value(0))", 'NULLIF("blog_post"."view_count", 0)'),
  fn('JSONObject', `[fields: { [key: string]: ${Arg} }]`, 'any', 'A JSON object of the given keys and expressions.', "JSONObject({ title: 'title', author: 'author__username' })", "JSON_OBJECT('title', \"blog_post\".\"title\", ...)"),
];

const extractKinds = ['Year', 'IsoYear', 'Month', 'Day', 'Week', 'WeekDay', 'IsoWeekDay', 'Quarter', 'Hour', 'Minute', 'Second'];
const truncKinds = ['Year', 'Quarter', 'Month', 'Week', 'Day', 'Hour', 'Minute', 'Second'];
const lookupName = (kind: string) => kind.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();

const datetime: DatabaseFunction[] = [
  fn('Extract', `[expression: ${Arg}, lookup_name: string, options?: OrmLab.DateFuncOptions]`, 'number', 'A component of a date or datetime (`lookup_name` as in the `__year`, `__month`, ... lookups).', "Extract('created_at', 'year')", 'django_datetime_extract(\'year\', "blog_post"."created_at", \'UTC\', \'UTC\')'),
  ...extractKinds.map((kind) =>
    fn(`Extract${kind}`, dateArg, 'number', `The ${lookupName(kind).replace('_', ' ')} of a date or datetime, as the \`__${lookupName(kind)}\` lookup.`, `Extract${kind}('created_at')`),
  ),
  fn('Now', none, 'Date', 'The current date and time, computed by the database (`CURRENT_TIMESTAMP`).', 'Post.objects.filter({ published_date__lte: Now() })', 'CURRENT_TIMESTAMP'),
  fn('Trunc', `[expression: ${Arg}, kind: OrmLab.TruncKind, options?: OrmLab.DateFuncOptions]`, 'Date', 'A date or datetime truncated to the given precision (for grouping by month, ...).', "Post.objects.annotate({ month: Trunc('created_at', 'month') })"),
  ...truncKinds.map((kind) =>
    fn(`Trunc${kind}`, dateArg, 'Date', `A date or datetime truncated to its ${kind.toLowerCase()}: group rows per ${kind.toLowerCase()}.`, `Post.objects.annotate({ ${kind.toLowerCase()}: Trunc${kind}('created_at') }).values('${kind.toLowerCase()}').annotate({ n: Count('id') })`),
  ),
  fn('TruncDate', dateArg, 'Date', 'The date part of a datetime (the `__date` lookup).', "TruncDate('created_at')", 'django_datetime_cast_date("blog_post"."created_at", \'UTC\', \'UTC\')'),
  fn('TruncTime', dateArg, 'string', 'The time part of a datetime (the `__time` lookup).', "TruncTime('created_at')"),
];

const mathUnary: [string, string, string][] = [
  ['Abs', 'ABS', 'The absolute value.'],
  ['ACos', 'ACOS', 'The arccosine.'],
  ['ASin', 'ASIN', 'The arcsine.'],
  ['ATan', 'ATAN', 'The arctangent.'],
  ['Ceil', 'CEILING', 'The smallest integer not less than the value.'],
  ['Cos', 'COS', 'The cosine.'],
  ['Cot', 'COT', 'The cotangent.'],
  ['Degrees', 'DEGREES', 'Radians converted to degrees.'],
  ['Exp', 'EXP', 'e raised to the value.'],
  ['Floor', 'FLOOR', 'The largest integer not greater than the value.'],
  ['Ln', 'LN', 'The natural logarithm.'],
  ['Radians', 'RADIANS', 'Degrees converted to radians.'],
  ['Sign', 'SIGN', '-1, 0 or 1 by the sign of the value.'],
  ['Sin', 'SIN', 'The sine.'],
  ['Sqrt', 'SQRT', 'The square root.'],
  ['Tan', 'TAN', 'The tangent.'],
];

const math: DatabaseFunction[] = [
  ...mathUnary.map(([name, sqlName, summary]) => fn(name, one, 'number', summary, `${name}('view_count')`, `${sqlName}("blog_post"."view_count")`)),
  fn('ATan2', `[y: ${Arg}, x: ${Arg}, ${Opts}]`, 'number', 'The arctangent of y / x.', "ATan2('y', 'x')"),
  fn('Log', `[base: ${Arg}, expression: ${Arg}, ${Opts}]`, 'number', 'The logarithm of the second argument to the base of the first.', "Log(2, 'view_count')", 'LOG(2, "blog_post"."view_count")'),
  fn('Mod', `[x: ${Arg}, y: ${Arg}, ${Opts}]`, 'number', 'The remainder of x / y.', "Mod('view_count', 7)", 'MOD("blog_post"."view_count", 7)'),
  fn('Pi', none, 'number', 'The number π.', 'Pi()', 'PI()'),
  fn('Power', `[x: ${Arg}, y: ${Arg}, ${Opts}]`, 'number', 'x raised to the power y.', "Power('view_count', 2)", 'POWER("blog_post"."view_count", 2)'),
  fn('Random', none, 'number', 'A random number in [0, 1) per row (what `order_by(\'?\')` uses).', 'Post.objects.order_by(Random())', 'RAND()'),
  fn('Round', `[expression: ${Arg}, precision?: number | ${Arg}, ${Opts}]`, 'number', 'Rounded to `precision` decimal places (default 0).', "Round(Avg('rating'), 1)", 'ROUND(AVG("blog_comment"."rating"), 1)'),
];

const textUnary: [string, string, string, string][] = [
  ['Lower', 'LOWER', 'string', 'The text in lowercase.'],
  ['Upper', 'UPPER', 'string', 'The text in uppercase.'],
  ['Length', 'LENGTH', 'number', 'The number of characters (NULL for NULL).'],
  ['LTrim', 'LTRIM', 'string', 'The text without leading spaces.'],
  ['RTrim', 'RTRIM', 'string', 'The text without trailing spaces.'],
  ['Trim', 'TRIM', 'string', 'The text without leading and trailing spaces.'],
  ['Reverse', 'REVERSE', 'string', 'The text reversed.'],
  ['MD5', 'MD5', 'string', 'The hex MD5 hash of the text.'],
  ['SHA1', 'SHA1', 'string', 'The hex SHA-1 hash of the text.'],
  ['SHA224', 'SHA224', 'string', 'The hex SHA-224 hash of the text.'],
  ['SHA256', 'SHA256', 'string', 'The hex SHA-256 hash of the text.'],
  ['SHA384', 'SHA384', 'string', 'The hex SHA-384 hash of the text.'],
  ['SHA512', 'SHA512', 'string', 'The hex SHA-512 hash of the text.'],
  ['Ord', 'UNICODE', 'number', 'The code point of the first character.'],
];

const text: DatabaseFunction[] = [
  ...textUnary.map(([name, sqlName, value, summary]) => fn(name, one, value, summary, `${name}('title')`, `${sqlName}("blog_post"."title")`)),
  fn('Chr', one, 'string', 'The character with this code point.', 'Chr(65)', 'CHAR(65)'),
  fn('Concat', variadic, 'string', 'The texts joined; strings are field names, so wrap literal text in `Value()`. NULL arguments count as empty.', "Concat('title', Value(' by '), 'author__username')", 'COALESCE("blog_post"."title", \'\') || COALESCE(COALESCE(\' by \', \'\') || COALESCE("blog_author"."username", \'\'), \'\')'),
  fn('ConcatPair', `[left: ${Arg}, right: ${Arg}, ${Opts}]`, 'string', 'Two texts joined (what Concat is made of).', "ConcatPair('title', 'slug')"),
  fn('Left', `[expression: ${Arg}, length: number | ${Arg}, ${Opts}]`, 'string', 'The first `length` characters.', "Left('title', 5)", 'SUBSTR("blog_post"."title", 1, 5)'),
  fn('Right', `[expression: ${Arg}, length: number | ${Arg}, ${Opts}]`, 'string', 'The last `length` characters.', "Right('title', 5)", 'SUBSTR("blog_post"."title", (5 * -1), 5)'),
  fn('LPad', `[expression: ${Arg}, length: number | ${Arg}, fill_text?: ${Arg}, ${Opts}]`, 'string', 'The text padded on the left to `length` characters (with spaces, or `fill_text`).', "LPad('title', 10, Value('*'))"),
  fn('RPad', `[expression: ${Arg}, length: number | ${Arg}, fill_text?: ${Arg}, ${Opts}]`, 'string', 'The text padded on the right to `length` characters.', "RPad('title', 10)"),
  fn('Repeat', `[expression: ${Arg}, number: number | ${Arg}, ${Opts}]`, 'string', 'The text repeated `number` times.', "Repeat('slug', 2)"),
  fn('Replace', `[expression: ${Arg}, text: ${Arg}, replacement?: ${Arg}, ${Opts}]`, 'string', 'The text with every occurrence of `text` replaced (by \'\' by default).', "Replace('title', Value('ORM'), Value('orm'))", 'REPLACE("blog_post"."title", \'ORM\', \'orm\')'),
  fn('StrIndex', `[expression: ${Arg}, substring: ${Arg}, ${Opts}]`, 'number', 'The 1-based position of the substring, 0 when absent.', "StrIndex('title', Value('ORM'))", 'INSTR("blog_post"."title", \'ORM\')'),
  fn('Substr', `[expression: ${Arg}, pos: number | ${Arg}, length?: number | ${Arg}, ${Opts}]`, 'string', 'The substring from 1-based position `pos` (of `length` characters).', "Substr('title', 1, 5)", 'SUBSTR("blog_post"."title", 1, 5)'),
];

const windowFunctions: DatabaseFunction[] = [
  fn('RowNumber', none, 'number', "The row's position in its window partition (1, 2, 3, ...); use inside `Window()`.", "Window({ expression: RowNumber(), partition_by: F('author'), order_by: F('created_at').desc() })", 'ROW_NUMBER() OVER (PARTITION BY "blog_post"."author_id" ORDER BY "blog_post"."created_at" DESC)'),
  fn('Rank', none, 'number', 'The rank in the window, with gaps after ties (1, 1, 3); use inside `Window()`.', "Window({ expression: Rank(), order_by: F('view_count').desc() })", 'RANK() OVER (ORDER BY "blog_post"."view_count" DESC)'),
  fn('DenseRank', none, 'number', 'The rank in the window without gaps (1, 1, 2); use inside `Window()`.', "Window({ expression: DenseRank(), order_by: F('view_count').desc() })", 'DENSE_RANK() OVER (ORDER BY "blog_post"."view_count" DESC)'),
  fn('CumeDist', none, 'number', 'The relative rank in [0, 1] (cumulative distribution); use inside `Window()`.', "Window({ expression: CumeDist(), order_by: F('view_count') })"),
  fn('PercentRank', none, 'number', '(rank - 1) / (rows - 1), in [0, 1]; use inside `Window()`.', "Window({ expression: PercentRank(), order_by: F('view_count') })"),
  fn('Ntile', `[num_buckets?: number | (OrmLab.FuncOptions & { num_buckets?: number })]`, 'number', 'The bucket (1..n) of the row when the partition is split into `num_buckets` groups.', "Window({ expression: Ntile(4), order_by: F('view_count') })", 'NTILE(4) OVER (ORDER BY "blog_post"."view_count")'),
  fn('Lag', `[expression: ${Arg}, ...rest: OrmLab.LagLeadArgs]`, 'any', 'The value `offset` rows before in the window (default 1), or `default` (positionally or as `{ offset, default }`).', "Window({ expression: Lag('view_count'), order_by: F('created_at') })", 'LAG("blog_post"."view_count", 1) OVER (ORDER BY "blog_post"."created_at")'),
  fn('Lead', `[expression: ${Arg}, ...rest: OrmLab.LagLeadArgs]`, 'any', 'The value `offset` rows after in the window (default 1), or `default` (positionally or as `{ offset, default }`).', "Window({ expression: Lead('view_count'), order_by: F('created_at') })", 'LEAD("blog_post"."view_count", 1) OVER (ORDER BY "blog_post"."created_at")'),
  fn('FirstValue', one, 'any', "The value at the window frame's first row.", "Window({ expression: FirstValue('title'), partition_by: F('author'), order_by: F('created_at') })"),
  fn('LastValue', one, 'any', "The value at the window frame's last row (mind the default frame, which ends at the current row).", "Window({ expression: LastValue('title'), order_by: F('created_at') })"),
  fn('NthValue', `[expression: ${Arg}, nth?: number | (OrmLab.FuncOptions & { nth?: number })]`, 'any', "The value at the window frame's nth row (1-based).", "Window({ expression: NthValue('title', 2), order_by: F('created_at') })", 'NTH_VALUE("blog_post"."title", 2) OVER (ORDER BY "blog_post"."created_at")'),
];

export const databaseFunctions: DatabaseFunction[] = [...comparison, ...datetime, ...math, ...text, ...windowFunctions];
