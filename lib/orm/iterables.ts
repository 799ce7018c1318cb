import type { Field } from './fields/field';
import { setCached } from './fields/descriptors';
import type { ForeignObjectRel } from './fields/related';
import type { Model, ModelClass } from './model';
import type { QuerySet } from './queryset';
import type { KlassInfo, SQLCompiler } from './sql/compiler';
import { markTuple, pyRepr } from './utils/pyformat';

/**
 * Counts model instances built from rows, and the most the ORM held at once
 * (a whole result cache, or one iterator() chunk), so a run can show what
 * iterator() saves.
 */
export const instanceCounter = {
  created: 0,
  peak: 0,
  noteHeld(count: number): void {
    if (count > this.peak) this.peak = count;
  },
  reset(): void {
    this.created = 0;
    this.peak = 0;
  },
};

type Row = unknown[];

/** Builds the select_related objects of a row and attaches them (Django's RelatedPopulator). */
class RelatedPopulator {
  private readonly start: number;
  private readonly end: number;
  private readonly initList: string[] | null;
  private readonly pkIdx: number;
  private readonly children: RelatedPopulator[];

  constructor(
    private readonly info: KlassInfo,
    select: { expr: unknown }[],
    private readonly db: string,
  ) {
    this.start = info.select_fields[0];
    this.end = info.select_fields[info.select_fields.length - 1] + 1;
    const attnames = select.slice(this.start, this.end).map((s) => ((s.expr as { target: Field }).target).attname);
    this.initList = sameAsConcrete(info.model, attnames) ? null : attnames;
    this.pkIdx = attnames.indexOf(info.model._meta.pk.attname);
    this.children = info.related_klass_infos.map((k) => new RelatedPopulator(k, select, db));
  }

  populate(row: Row, from: Model): void {
    const data = row.slice(this.start, this.end);
    let obj: Model | null = null;
    if (data[this.pkIdx] !== null && data[this.pkIdx] !== undefined) {
      obj = this.info.model.from_db(this.db, this.initList, data);
      instanceCounter.created++;
      for (const child of this.children) child.populate(row, obj);
    }
    const field = this.info.field!;
    if (!this.info.reverse) {
      setCached(from, field.name, obj);
      if (obj && (field as Field).unique) setCached(obj, (field as Field).remote_field!.get_cache_name(), from);
    } else {
      const rel = field as ForeignObjectRel;
      setCached(from, rel.get_cache_name(), obj);
      if (obj) setCached(obj, rel.field.name, from);
    }
  }
}

function sameAsConcrete(model: ModelClass, attnames: string[]): boolean {
  const fields = model._meta.concrete_fields;
  if (fields.length !== attnames.length) return false;
  for (let i = 0; i < fields.length; i++) if (fields[i].attname !== attnames[i]) return false;
  return true;
}

/** Turns each row of an array into its result, in place. */
type RowsConverter = (rows: unknown[]) => void;

/**
 * How a queryset turns rows into results: model instances, dicts, tuples or
 * flat values. `rowsConverter` runs once the compiler has sent its query (the
 * select and klass_info are known then); the function it returns converts a
 * whole array of rows in one loop, so no per-row call crosses iterable kinds.
 */
export interface ResultIterable {
  rowsConverter(queryset: QuerySet<Model>, compiler: SQLCompiler): RowsConverter;
}

/** A converter that applies `toResult` to every row. */
function eachRow(toResult: (row: Row) => unknown): RowsConverter {
  return (rows) => {
    for (let i = 0; i < rows.length; i++) rows[i] = toResult(rows[i] as Row);
  };
}

function compile(queryset: QuerySet<Model>): SQLCompiler {
  return queryset.query.get_compiler(queryset.db) as unknown as SQLCompiler;
}

/** Every result of the queryset from one statement, converted in place in the array of rows. */
export function fetchResults(queryset: QuerySet<Model>): unknown[] {
  const compiler = compile(queryset);
  const rows: unknown[] = compiler.results_iter();
  if (rows.length) queryset._iterable.rowsConverter(queryset, compiler)(rows);
  return rows;
}

/** The results read from the statement one row at a time (QuerySet.iterator()). */
export function* streamResults(queryset: QuerySet<Model>): Generator<unknown> {
  const compiler = compile(queryset);
  let convert: RowsConverter | null = null;
  const one: unknown[] = [null];
  for (const row of compiler.results_stream()) {
    convert ??= queryset._iterable.rowsConverter(queryset, compiler);
    one[0] = row;
    convert(one);
    yield one[0];
  }
}

/** Model instances, with select_related objects, annotations and known related objects attached. */
export const ModelIterable: ResultIterable = {
  rowsConverter(queryset, compiler) {
    const db = queryset.db;
    const info = compiler.klass_info!;
    const model = info.model;
    const start = info.select_fields[0];
    const end = info.select_fields[info.select_fields.length - 1] + 1;
    const attnames = compiler.select.slice(start, end).map((s) => (s.expr as unknown as { target: Field }).target.attname);
    const initList = sameAsConcrete(model, attnames) ? null : attnames;
    const populators = info.related_klass_infos.map((k) => new RelatedPopulator(k, compiler.select, db));
    const annotations = [...compiler.annotation_col_map];
    const known = [...queryset._known_related_objects];
    const whole = start === 0 && end === compiler.select.length;
    return eachRow((row) => {
      const obj = model.from_db(db, initList, whole ? row : row.slice(start, end));
      instanceCounter.created++;
      for (const p of populators) p.populate(row, obj);
      for (const [name, pos] of annotations) obj[name] = row[pos];
      for (const [field, objs] of known) {
        if (obj._state.fields_cache && field.name in obj._state.fields_cache) continue;
        const rel = objs.get(obj[field.attname]);
        if (rel !== undefined) setCached(obj, field.name, rel);
      }
      return obj;
    });
  },
};

function names(queryset: QuerySet<Model>): string[] {
  const q = queryset.query;
  return q.selected ? [...q.selected.keys()] : [...q.values_select, ...q.annotation_select.keys()];
}

/** values(): one object per row keyed by field/annotation name. */
export const ValuesIterable: ResultIterable = {
  rowsConverter(queryset) {
    const keys = names(queryset);
    return eachRow((row) => {
      const obj: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) obj[keys[i]] = row[i];
      return obj;
    });
  },
};

/** values_list(): one array per row, printed as a Python tuple. */
export const ValuesListIterable: ResultIterable = {
  rowsConverter: () => eachRow(markTuple),
};

/** values_list({ named: true }): objects with the field names as keys (Python's namedtuple `Row`). */
export const NamedValuesListIterable: ResultIterable = {
  rowsConverter(queryset) {
    const keys = queryset._fields ?? names(queryset);
    return eachRow((row) => new NamedRow(keys, row));
  },
};

/** values_list({ flat: true }): the single selected value per row. */
export const FlatValuesListIterable: ResultIterable = {
  rowsConverter: () => (rows) => {
    for (let i = 0; i < rows.length; i++) rows[i] = (rows[i] as Row)[0];
  },
};

/** A namedtuple-like row: `row.title`, `row[0]`, printed as `Row(id=1, title='...')`. */
export class NamedRow extends Array<unknown> {
  constructor(keys: string[], values: unknown[]) {
    super();
    values.forEach((v, i) => {
      this.push(v);
      Object.defineProperty(this, keys[i], { value: v, enumerable: false });
    });
    Object.defineProperty(this, '_fields', { value: keys, enumerable: false });
  }

  static override get [Symbol.species]() {
    return Array;
  }

  __repr__(): string {
    const keys = (this as unknown as { _fields: string[] })._fields;
    const parts = keys.map((k, i) => `${k}=${pyRepr(this[i])}`);
    return `Row(${parts.join(', ')})`;
  }
}
