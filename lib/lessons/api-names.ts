/**
 * Names a lesson may require or forbid with `checks.must_use` / `must_not_use`:
 * the learner API of design.md (QuerySet and manager methods, model and
 * related-manager methods, ORM functions and expressions, Python-style helpers).
 * A name counts as used when the learner's code calls it: `.select_related(`,
 * `Prefetch(`, `new Prefetch(`, `len(`. Add a name here when the ORM grows one.
 */
export const QUERYSET_METHODS = [
  'all', 'filter', 'exclude', 'get', 'first', 'last', 'earliest', 'latest', 'order_by', 'reverse', 'distinct',
  'values', 'values_list', 'annotate', 'alias', 'aggregate', 'count', 'exists', 'contains', 'select_related',
  'prefetch_related', 'only', 'defer', 'iterator', 'in_bulk', 'bulk_create', 'bulk_update', 'update', 'delete',
  'create', 'get_or_create', 'update_or_create', 'none', 'union', 'intersection', 'difference', 'using',
  'select_for_update', 'raw', 'explain', 'slice', 'at', 'dates', 'datetimes', 'extra', 'complex_filter',
] as const;

export const INSTANCE_METHODS = ['save', 'refresh_from_db', 'add', 'remove', 'set', 'clear', 'full_clean'] as const;

export const ORM_FUNCTIONS = [
  'Prefetch', 'prefetch_related_objects', 'Q', 'F', 'Value', 'RawSQL', 'Func', 'ExpressionWrapper',
  'Subquery', 'Exists', 'OuterRef', 'OrderBy', 'Case', 'When', 'Coalesce', 'Greatest', 'Least', 'NullIf', 'Cast',
  'Count', 'Sum', 'Avg', 'Min', 'Max', 'StdDev', 'Variance',
  'Concat', 'Lower', 'Upper', 'Length', 'Now',
  'Extract', 'ExtractYear', 'ExtractMonth', 'ExtractDay', 'ExtractWeek', 'ExtractWeekDay', 'ExtractQuarter',
  'ExtractHour', 'ExtractMinute', 'ExtractSecond',
  'Trunc', 'TruncYear', 'TruncQuarter', 'TruncMonth', 'TruncWeek', 'TruncDay', 'TruncDate', 'TruncTime', 'TruncHour',
  'TruncMinute', 'TruncSecond',
  'Window', 'Rank', 'DenseRank', 'RowNumber', 'Lag', 'Lead', 'NTile', 'FirstValue', 'LastValue',
  'asc', 'desc',
] as const;

export const HELPERS = [
  'len', 'bool', 'list', 'str', 'repr', 'range', 'sum', 'print',
  'assertNumQueries', 'captureQueries', 'reset_queries', 'atomic', 'on_commit', 'cursor', 'execute',
  'connect', 'disconnect', 'receiver', 'set_many', 'get_many', 'delete_many', 'get_or_set', 'incr',
] as const;

export const API_NAMES: ReadonlySet<string> = new Set<string>([...QUERYSET_METHODS, ...INSTANCE_METHODS, ...ORM_FUNCTIONS, ...HELPERS]);
