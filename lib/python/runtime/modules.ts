/**
 * The modules a Django snippet imports, made from the run's scope: the ORM's
 * names under Django's import paths (`django.db.models`, `...functions`,
 * `django.db`, `django.core.exceptions`, ...), the app's models (`blog.models`),
 * and small pure-Python helpers (`datetime`, `collections`, `math`, ...).
 */
import { CaptureQueriesContext, pyAtomic, pyOverrideSettings } from './context';
import { datetimeModule, utc } from './datetime';
import { ImportError, ModuleNotFoundError } from './exceptions';
import { callm } from './protocol';
import { TestCase } from './testcase';
import { markPython, PyModule } from './types';
import { splitKwargs } from './values';
import { helperModules } from './stdlib';

/** django.db.models.__all__ in Django 5.2 (names ORM Lab lacks raise an ImportError that says so). */
const DJANGO_MODELS = [
  'Aggregate', 'Avg', 'Count', 'Max', 'Min', 'StdDev', 'Sum', 'Variance', 'BaseConstraint', 'CheckConstraint',
  'Deferrable', 'UniqueConstraint', 'Choices', 'IntegerChoices', 'TextChoices', 'AutoField', 'BLANK_CHOICE_DASH',
  'BigAutoField', 'BigIntegerField', 'BinaryField', 'BooleanField', 'CharField', 'CommaSeparatedIntegerField',
  'DateField', 'DateTimeField', 'DecimalField', 'DurationField', 'EmailField', 'Empty', 'Field', 'FilePathField',
  'FloatField', 'GenericIPAddressField', 'IPAddressField', 'IntegerField', 'NOT_PROVIDED', 'NullBooleanField',
  'PositiveBigIntegerField', 'PositiveIntegerField', 'PositiveSmallIntegerField', 'SlugField', 'SmallAutoField',
  'SmallIntegerField', 'TextField', 'TimeField', 'URLField', 'UUIDField', 'Index', 'ObjectDoesNotExist', 'CASCADE',
  'DO_NOTHING', 'PROTECT', 'RESTRICT', 'SET', 'SET_DEFAULT', 'SET_NULL', 'ProtectedError', 'RestrictedError', 'Case',
  'Exists', 'Expression', 'ExpressionList', 'ExpressionWrapper', 'F', 'Func', 'OrderBy', 'OuterRef', 'RowRange',
  'Subquery', 'Value', 'ValueRange', 'When', 'Window', 'WindowFrame', 'WindowFrameExclusion', 'CompositePrimaryKey',
  'FileField', 'ImageField', 'GeneratedField', 'JSONField', 'OrderWrt', 'Lookup', 'Transform', 'Manager', 'Prefetch',
  'Q', 'QuerySet', 'prefetch_related_objects', 'DEFERRED', 'Model', 'FilteredRelation', 'ForeignKey', 'ForeignObject',
  'OneToOneField', 'ManyToManyField', 'ForeignObjectRel', 'ManyToOneRel', 'ManyToManyRel', 'OneToOneRel', 'RawSQL',
];

/** django.db.models.functions.__all__ in Django 5.2. */
const DJANGO_FUNCTIONS = [
  'Cast', 'Coalesce', 'Collate', 'Greatest', 'JSONArray', 'JSONObject', 'Least', 'NullIf', 'Extract', 'ExtractDay',
  'ExtractHour', 'ExtractIsoWeekDay', 'ExtractIsoYear', 'ExtractMinute', 'ExtractMonth', 'ExtractQuarter',
  'ExtractSecond', 'ExtractWeek', 'ExtractWeekDay', 'ExtractYear', 'Now', 'Trunc', 'TruncDate', 'TruncDay', 'TruncHour',
  'TruncMinute', 'TruncMonth', 'TruncQuarter', 'TruncSecond', 'TruncTime', 'TruncWeek', 'TruncYear', 'Abs', 'ACos',
  'ASin', 'ATan', 'ATan2', 'Ceil', 'Cos', 'Cot', 'Degrees', 'Exp', 'Floor', 'Ln', 'Log', 'Mod', 'Pi', 'Power',
  'Radians', 'Random', 'Round', 'Sign', 'Sin', 'Sqrt', 'Tan', 'MD5', 'SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512',
  'Chr', 'Concat', 'ConcatPair', 'Left', 'Length', 'Lower', 'LPad', 'LTrim', 'Ord', 'Repeat', 'Replace', 'Reverse',
  'Right', 'RPad', 'RTrim', 'StrIndex', 'Substr', 'Trim', 'Upper', 'CumeDist', 'DenseRank', 'FirstValue', 'Lag',
  'LastValue', 'Lead', 'NthValue', 'Ntile', 'PercentRank', 'Rank', 'RowNumber',
];

const SIGNALS = ['pre_init', 'post_init', 'pre_save', 'post_save', 'pre_delete', 'post_delete', 'm2m_changed'];
const CORE_EXCEPTIONS = ['ObjectDoesNotExist', 'MultipleObjectsReturned', 'FieldError', 'FieldDoesNotExist', 'ValidationError', 'ImproperlyConfigured', 'EmptyResultSet'];
const DB_ERRORS = ['DatabaseError', 'IntegrityError', 'OperationalError', 'ProgrammingError', 'NotSupportedError', 'DataError', 'InterfaceError', 'InternalError', 'Error'];

/** A Django module: names the ORM provides, and a clear error for Django names it does not. */
class DjangoModule extends PyModule {
  constructor(name: string, scope: Record<string, unknown>, names: string[], extra: Record<string, unknown> = {}) {
    const attrs: Record<string, unknown> = {};
    for (const n of names) if (scope[n] !== undefined) attrs[n] = scope[n];
    super(name, { ...attrs, ...extra });
    Object.defineProperty(this, '__djangoNames__', { value: new Set(names) });
  }
}

function pick(scope: Record<string, unknown>, names: string[]): Record<string, unknown> {
  return Object.fromEntries(names.filter((n) => scope[n] !== undefined).map((n) => [n, scope[n]]));
}

/** `@receiver(post_save, sender=Post)`: connects the function (Django passes receivers keyword arguments). */
function receiverDecorator(...args: unknown[]): unknown {
  const [[signal], kw] = splitKwargs(args);
  return markPython((fn: unknown) => {
    for (const s of Array.isArray(signal) ? signal : [signal]) callm(s, 'connect', [fn], kw);
    return fn;
  }, 'decorator');
}

export interface ModuleRegistry {
  importModule(name: string, top?: boolean): PyModule;
  importFrom(module: string, name: string): unknown;
  importStar(module: string): void;
  modules: Map<string, PyModule>;
}

/** Every importable module for one run. */
export function moduleRegistry(scope: Record<string, unknown>): ModuleRegistry {
  const modules = new Map<string, PyModule>();
  const add = (m: PyModule) => {
    modules.set(m.__name__, m);
    return m;
  };
  const functions = add(new DjangoModule('django.db.models.functions', scope, DJANGO_FUNCTIONS));
  const signals = add(new DjangoModule('django.db.models.signals', scope, SIGNALS));
  const models = add(new DjangoModule('django.db.models', scope, DJANGO_MODELS, { functions, signals }));
  for (const sub of ['aggregates', 'expressions', 'query', 'query_utils', 'fields', 'deletion', 'manager', 'indexes', 'base', 'lookups', 'constraints']) {
    const m = add(new DjangoModule(`django.db.models.${sub}`, scope, DJANGO_MODELS));
    Object.assign(models, { [sub]: m });
  }
  Object.assign(functions, pick(scope, DJANGO_FUNCTIONS));
  const transaction = add(new PyModule('django.db.transaction', { atomic: pyAtomic, ...pick(scope, ['TransactionManagementError']) }));
  const dbErrors = pick(scope, DB_ERRORS);
  const utils = add(new PyModule('django.db.utils', dbErrors));
  const db = add(new PyModule('django.db', { models, transaction, utils, ...dbErrors, ...pick(scope, ['connection', 'connections', 'reset_queries', 'router']) }));
  const exceptions = add(new DjangoModule('django.core.exceptions', scope, CORE_EXCEPTIONS));
  const cache = add(new PyModule('django.core.cache', pick(scope, ['cache'])));
  const core = add(new PyModule('django.core', { exceptions, cache }));
  const timezone = add(new PyModule('django.utils.timezone', {
    now: scope.now ? markPython(() => (scope.now as () => Date)(), 'now') : markPython(() => new Date(), 'now'),
    utc,
    make_aware: markPython((d: unknown) => d, 'make_aware'),
    localtime: markPython((d: unknown) => d ?? new Date(), 'localtime'),
    is_aware: markPython(() => true, 'is_aware'),
    is_naive: markPython(() => false, 'is_naive'),
  }));
  const djangoUtils = add(new PyModule('django.utils', { timezone }));
  const overrideSettings = pyOverrideSettings(scope.settings as Record<string, unknown>);
  const testUtils = add(new PyModule('django.test.utils', { CaptureQueriesContext, override_settings: overrideSettings }));
  const test = add(new PyModule('django.test', { utils: testUtils, TestCase, override_settings: overrideSettings }));
  const conf = add(new PyModule('django.conf', pick(scope, ['settings'])));
  const dispatch = add(new PyModule('django.dispatch', { receiver: markPython(receiverDecorator, 'receiver'), ...pick(scope, ['Signal']) }));
  add(new PyModule('django', { db, core, utils: djangoUtils, test, conf, dispatch }));
  const appModels = Object.fromEntries(Object.entries(scope).filter(([, v]) => typeof v === 'function' && (v as { isModelClass?: boolean }).isModelClass && v !== scope.Model));
  const blogModels = add(new PyModule('blog.models', appModels));
  add(new PyModule('blog', { models: blogModels }));
  add(datetimeModule);
  for (const m of helperModules()) add(m);

  const find = (name: string): PyModule => {
    const m = modules.get(name);
    if (m) return m;
    const known = name.startsWith('django') ? ' (ORM Lab provides the ORM parts of Django: django.db, django.db.models, ...)' : '';
    throw new ModuleNotFoundError(`No module named '${name}'${known}`);
  };

  return {
    modules,
    importModule(name, top = false) {
      const m = find(name);
      return top ? find(name.split('.')[0]) : m;
    },
    importFrom(module, name) {
      const m = modules.get(`${module}.${name}`);
      if (m) return m;
      const source = find(module);
      const value = (source as unknown as Record<string, unknown>)[name];
      if (value !== undefined) return value;
      const djangoNames = (source as unknown as { __djangoNames__?: Set<string> }).__djangoNames__;
      if (djangoNames?.has(name)) throw new ImportError(`cannot import name '${name}' from '${module}': ORM Lab does not implement it yet`);
      throw new ImportError(`cannot import name '${name}' from '${module}'`);
    },
    importStar(module) {
      find(module);
    },
  };
}

