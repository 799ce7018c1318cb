import type { Field } from '../orm/fields/field';
import type { ModelClass } from '../orm/model';

/**
 * The models' metadata as the declaration generator needs it: every model reachable
 * from the given ones (auto-created M2M join models left out), with its fields and
 * relations in both directions, read from `Model._meta`.
 */
export interface ModelNode {
  model: ModelClass;
  /** The TypeScript name of the instance type and of the `<Name>.Schema` namespace. */
  typeName: string;
  /** False when the model's name is taken by an ORM Lab global or a TypeScript builtin. */
  declaredAsGlobal: boolean;
  fields: ConcreteField[];
  relations: Relation[];
}

export interface ConcreteField {
  name: string;
  attname: string;
  column: string;
  internalType: string;
  null: boolean;
  primaryKey: boolean;
  unique: boolean;
  dbIndex: boolean;
  maxLength: number | null;
  /** The target of a foreign key or one-to-one field. */
  target: ModelNode | null;
  onDelete: string | null;
}

export type RelationKind = 'foreign_key' | 'one_to_one' | 'many_to_many' | 'reverse_foreign_key' | 'reverse_one_to_one' | 'reverse_many_to_many';

export interface Relation {
  kind: RelationKind;
  /** The name in lookups: `author`, `tags`, or the reverse query name `comment`. */
  queryName: string;
  /** The attribute on instances: `author`, `tags`, `comment_set`. */
  accessorName: string;
  target: ModelNode;
  /** The forward field that defines the relation (the same object seen from both sides). */
  field: Field;
  /** Whether following it can give NULL or several rows (values() across it may be null). */
  nullable: boolean;
}

/** Names a model must not take besides the API's globals: `<Model>` namespace members and TypeScript's es2022 globals. */
const RESERVED_NAMES = new Set([
  'Schema', 'OwnLookups', 'Lookups', 'FieldNames', 'Paths', 'SelectRelated', 'PrefetchRelated', 'Values', 'Row', 'Related', 'Nullable',
  'Create', 'Update', 'Concrete',
  'Object', 'Function', 'Array', 'String', 'Number', 'Boolean', 'Symbol', 'BigInt', 'Date', 'RegExp', 'Error', 'Map', 'Set', 'WeakMap',
  'WeakSet', 'WeakRef', 'Promise', 'Proxy', 'Reflect', 'JSON', 'Math', 'Intl', 'Iterator', 'Iterable', 'IterableIterator', 'Generator',
  'Record', 'Partial', 'Required', 'Readonly', 'Pick', 'Omit', 'Exclude', 'Extract', 'Awaited', 'ReturnType', 'Parameters',
  'InstanceType', 'ArrayBuffer', 'DataView', 'Atomics', 'SharedArrayBuffer', 'TypeError', 'RangeError', 'SyntaxError',
  'ReferenceError', 'EvalError', 'URIError', 'AggregateError', 'globalThis',
]);

function relatedModelOf(field: Field): ModelClass | null {
  try {
    return field.related_model;
  } catch {
    return null;
  }
}

function isAutoCreated(model: ModelClass): boolean {
  return !!model._meta.auto_created;
}

function onDeleteName(field: Field): string | null {
  const handler = (field as { on_delete?: { name?: string } }).on_delete;
  const name = handler?.name ?? '';
  return /^[A-Z_]+$/.test(name) ? name : null;
}

/** Every model reachable through relations from `models`, each once (first one wins on a name clash). */
function reachableModels(models: ModelClass[]): ModelClass[] {
  const seen = new Set<ModelClass>();
  const queue = models.filter((m) => !isAutoCreated(m));
  while (queue.length) {
    const model = queue.shift()!;
    if (seen.has(model)) continue;
    seen.add(model);
    const opts = model._meta;
    const neighbours = [
      ...opts.concrete_fields.map(relatedModelOf),
      ...opts.local_many_to_many.map(relatedModelOf),
      ...opts.related_objects.map((rel) => rel.related_model),
    ];
    for (const next of neighbours) if (next && !isAutoCreated(next) && !seen.has(next)) queue.push(next);
  }
  return [...seen];
}

function uniqueTypeName(name: string, taken: Set<string>, apiNames: ReadonlySet<string>): { typeName: string; declaredAsGlobal: boolean } {
  const free = (n: string) => !RESERVED_NAMES.has(n) && !apiNames.has(n) && !taken.has(n);
  if (free(name)) return { typeName: name, declaredAsGlobal: true };
  let candidate = `${name}Model`;
  for (let i = 2; !free(candidate); i++) candidate = `${name}Model${i}`;
  return { typeName: candidate, declaredAsGlobal: false };
}

/** `apiNames`: the global names the API part of the d.ts declares (a model may not take them). */
export function buildModelGraph(models: ModelClass[], apiNames: ReadonlySet<string>): ModelNode[] {
  const taken = new Set<string>();
  const nodes = new Map<ModelClass, ModelNode>();
  for (const model of reachableModels(models)) {
    const { typeName, declaredAsGlobal } = uniqueTypeName(model._meta.object_name, taken, apiNames);
    taken.add(typeName);
    nodes.set(model, { model, typeName, declaredAsGlobal, fields: [], relations: [] });
  }
  for (const node of nodes.values()) {
    const opts = node.model._meta;
    for (const f of opts.concrete_fields) {
      const relatedModel = f.is_relation ? relatedModelOf(f) : null;
      const target = relatedModel ? nodes.get(relatedModel) ?? null : null;
      node.fields.push({
        name: f.name,
        attname: f.attname,
        column: f.column,
        internalType: f.get_internal_type(),
        null: f.null,
        primaryKey: f.primary_key,
        unique: f.unique,
        dbIndex: f.db_index,
        maxLength: f.max_length,
        target,
        onDelete: onDeleteName(f),
      });
      if (target) {
        const kind = f.one_to_one ? 'one_to_one' : 'foreign_key';
        node.relations.push({ kind, queryName: f.name, accessorName: f.name, target, field: f, nullable: f.null });
      }
    }
    for (const f of opts.local_many_to_many) {
      const relatedModel = relatedModelOf(f);
      const target = relatedModel ? nodes.get(relatedModel) : undefined;
      if (target) node.relations.push({ kind: 'many_to_many', queryName: f.name, accessorName: f.name, target, field: f, nullable: true });
    }
    for (const rel of opts.related_objects) {
      const accessor = rel.get_accessor_name();
      const target = nodes.get(rel.related_model);
      if (rel.hidden || !accessor || !target) continue;
      const kind = rel.many_to_many ? 'reverse_many_to_many' : rel.one_to_one ? 'reverse_one_to_one' : 'reverse_foreign_key';
      node.relations.push({ kind, queryName: rel.name, accessorName: accessor, target, field: rel.field, nullable: true });
    }
  }
  return [...nodes.values()];
}

/** Relations of `node` worth following after arriving through `via` (not straight back over the same field). */
export function onwardRelations(node: ModelNode, via: Relation): Relation[] {
  return node.relations.filter((r) => r.field !== via.field);
}

export function isSingleValued(relation: Relation): boolean {
  return relation.kind === 'foreign_key' || relation.kind === 'one_to_one' || relation.kind === 'reverse_one_to_one';
}
