import type { ModelClass } from '../orm/model';
import { fieldValueType } from './field-types';
import { jsdoc } from './jsdoc';
import { buildModelGraph, isSingleValued, onwardRelations, type ConcreteField, type ModelNode, type Relation } from './model-graph';

/**
 * Generates, from `Model._meta`, one instance interface, one `<Model>` namespace of
 * schema types and one `declare const <Model>: OrmLab.ModelClass<<Model>>` per model.
 *
 * Lookups and field paths go one relation deep, and two deep where the second hop does
 * not go straight back over the same relation (`comment__post__title` is left out of
 * Post's lookups; `post__author__username` is in Comment's).
 */
export function modelDeclarations(models: ModelClass[], apiNames: ReadonlySet<string>): string {
  const graph = buildModelGraph(models, apiNames);
  return graph.map(modelDeclaration).join('\n\n');
}

const quote = (name: string) => `'${name}'`;
const union = (names: Iterable<string>) => {
  const list = [...new Set(names)];
  return list.length ? list.map(quote).join(' | ') : 'never';
};

function pkField(node: ModelNode): ConcreteField {
  return node.fields.find((f) => f.primaryKey) ?? node.fields[0];
}

/** The type of a model's primary key value (`number` for the implicit `id`). */
function pkType(node: ModelNode): string {
  const pk = pkField(node);
  return pk ? fieldValueType(pk.internalType).read : 'any';
}

const nullable = (type: string, isNull: boolean) => (isNull ? `${type} | null` : type);

function fieldSummary(node: ModelNode, f: ConcreteField): string {
  const details = [
    f.primaryKey && 'primary key',
    f.maxLength !== null && !f.target && `max_length ${f.maxLength}`,
    f.null && 'null',
    f.unique && !f.primaryKey && 'unique',
    f.dbIndex && !f.unique && !f.target && 'db_index',
  ].filter(Boolean);
  const column = `column \`"${node.model._meta.db_table}"."${f.column}"\``;
  return `\`${f.internalType}\`${details.length ? ` (${details.join(', ')})` : ''}, ${column}.`;
}

function relationSummary(node: ModelNode, r: Relation): string {
  const target = r.target.typeName;
  const self = node.typeName.toLowerCase();
  switch (r.kind) {
    case 'foreign_key':
    case 'one_to_one': {
      const f = node.fields.find((x) => x.name === r.queryName)!;
      const kind = r.kind === 'foreign_key' ? 'ForeignKey' : 'OneToOneField';
      return `\`${kind}\` → ${target}${f.onDelete ? ` (on_delete ${f.onDelete}${f.null ? ', null' : ''})` : ''}. Reading \`${self}.${r.accessorName}\` runs a query the first time, unless \`select_related('${r.queryName}')\` or \`prefetch_related('${r.queryName}')\` loaded it; \`${self}.${f.attname}\` holds the id without a query.`;
    }
    case 'many_to_many':
      return `\`ManyToManyField\` → ${target}: \`${self}.${r.accessorName}.all()\` queries the join table each time, unless \`prefetch_related('${r.accessorName}')\` loaded it for all the rows in one query.`;
    case 'reverse_foreign_key':
      return `The ${target} objects whose \`${r.field.name}\` is this ${node.typeName} (reverse of ${target}.${r.field.name}): \`${self}.${r.accessorName}.all()\` queries each time, unless \`prefetch_related('${r.accessorName}')\` loaded it. In lookups: \`${r.queryName}__...\`.`;
    case 'reverse_one_to_one':
      return `The ${target} whose \`${r.field.name}\` is this ${node.typeName} (reverse of a one-to-one; throws ${target}.DoesNotExist when there is none). In lookups: \`${r.queryName}__...\`.`;
    case 'reverse_many_to_many':
      return `The ${target} objects linked to this ${node.typeName} through ${target}.${r.field.name}: \`${self}.${r.accessorName}.all()\`, or \`prefetch_related('${r.accessorName}')\`. In lookups: \`${r.queryName}__...\`.`;
  }
}

function managerType(r: Relation): string {
  return r.kind === 'reverse_foreign_key' ? `RelatedManager<${r.target.typeName}>` : `ManyRelatedManager<${r.target.typeName}>`;
}

function instanceInterface(node: ModelNode): string {
  const name = node.typeName;
  const lines: string[] = [`  readonly [OrmLab.schemaBrand]?: ${name}.Schema;`];
  const pk = pkField(node);
  for (const f of node.fields) {
    if (f.target) {
      const relation = node.relations.find((r) => r.queryName === f.name)!;
      lines.push(jsdoc(relationSummary(node, relation), '  '), `  ${f.name}: ${nullable(f.target.typeName, f.null)};`);
      lines.push(jsdoc(`The raw value of the \`${f.name}\` foreign key (\`"${f.column}"\`): no query.`, '  '), `  ${f.attname}: ${nullable(pkType(f.target), f.null)};`);
      continue;
    }
    const type = fieldValueType(f.internalType);
    lines.push(jsdoc(fieldSummary(node, f), '  '));
    if (f.primaryKey) lines.push(`  ${f.name}: ${type.read};`);
    else {
      lines.push(`  get ${f.name}(): ${nullable(type.read, f.null)};`);
      lines.push(`  set ${f.name}(value: ${nullable(type.write, f.null)} | OrmLab.ExpressionLike);`);
    }
  }
  if (pk) lines.push(jsdoc(`The primary key (\`${pk.name}\`).`, '  '), `  pk: ${fieldValueType(pk.internalType).read};`);
  for (const r of node.relations) {
    if (r.kind === 'foreign_key' || r.kind === 'one_to_one') continue;
    const type = r.kind === 'reverse_one_to_one' ? r.target.typeName : managerType(r);
    lines.push(jsdoc(relationSummary(node, r), '  '), `  readonly ${r.accessorName}: ${type};`);
  }
  const opts = node.model._meta;
  const summary = `${/^[AEIOU]/.test(name) ? 'An' : 'A'} ${name} row (model \`${opts.label}\`, table \`"${opts.db_table}"\`).`;
  return `${jsdoc(summary)}\ninterface ${name} extends OrmLab.ModelInstance<${name}.Concrete> {\n${lines.join('\n')}\n}`;
}

/** `OrmLab.TextLookups<'title' | 'slug'> & ...` for the model's own fields and relations. */
function ownLookups(node: ModelNode): string {
  /** Field names by lookup helper, so that fields of one kind share one mapped type. */
  const byHelper = new Map<string, string[]>();
  const add = (helper: string, name: string) => byHelper.set(helper, [...(byHelper.get(helper) ?? []), name]);
  for (const f of node.fields) {
    const helper = fieldValueType(f.target ? pkField(f.target).internalType : f.internalType).lookups;
    add(helper, f.attname);
    if (f.primaryKey) add(helper, 'pk');
  }
  const scalar = [...byHelper.entries()].map(([helper, names]) => `OrmLab.${helper}<${union(names)}>`);
  const relations = node.relations.map((r) => `OrmLab.RelationLookups<'${r.queryName}', ${r.target.typeName}>`);
  return [...scalar, ...relations].join(' & ') || '{}';
}

function ownFieldNames(node: ModelNode): string[] {
  const names = ['pk'];
  for (const f of node.fields) names.push(f.name, f.attname);
  for (const r of node.relations) names.push(r.queryName);
  return names;
}

/** `[path, node]` for every relation path one level deep and two levels where allowed. */
function relationPaths(node: ModelNode): [string, ModelNode][] {
  const paths: [string, ModelNode][] = [];
  for (const r of node.relations) {
    paths.push([r.queryName, r.target]);
    for (const r2 of onwardRelations(r.target, r)) paths.push([`${r.queryName}__${r2.queryName}`, r2.target]);
  }
  return paths;
}

function selectRelatedPaths(node: ModelNode): string[] {
  const paths: string[] = [];
  for (const r of node.relations.filter(isSingleValued)) {
    paths.push(r.queryName);
    for (const r2 of r.target.relations.filter(isSingleValued)) if (r2.field !== r.field) paths.push(`${r.queryName}__${r2.queryName}`);
  }
  return paths;
}

function prefetchPaths(node: ModelNode): string[] {
  const paths: string[] = [];
  for (const r of node.relations) {
    paths.push(r.accessorName);
    for (const r2 of r.target.relations) paths.push(`${r.accessorName}__${r2.accessorName}`);
  }
  return paths;
}

function objectType(entries: [string, string][], indent = '    '): string {
  return `{\n${entries.map(([k, v]) => `${indent}${k}: ${v};`).join('\n')}\n${indent.slice(2)}}`;
}

function schemaNamespace(node: ModelNode): string {
  const name = node.typeName;
  const paths = relationPaths(node);
  const values: [string, string][] = [['pk', pkType(node)]];
  const row: [string, string][] = [];
  const create: [string, string][] = [['pk?', pkType(node)]];
  const update: [string, string][] = [];
  const concrete: string[] = [];
  for (const f of node.fields) {
    if (f.target) {
      const id = nullable(pkType(f.target), f.null);
      values.push([f.name, id], [f.attname, id]);
      row.push([f.attname, id]);
      create.push([`${f.name}?`, nullable(f.target.typeName, f.null)], [`${f.attname}?`, id]);
      update.push([`${f.name}?`, `${nullable(f.target.typeName, f.null)} | ${id} | OrmLab.ExpressionLike`], [`${f.attname}?`, `${id} | OrmLab.ExpressionLike`]);
      concrete.push(f.name, f.attname);
      continue;
    }
    const type = fieldValueType(f.internalType);
    values.push([f.name, nullable(type.read, f.null)]);
    row.push([f.attname, nullable(type.read, f.null)]);
    create.push([`${f.name}?`, nullable(type.write, f.null)]);
    if (!f.primaryKey) {
      update.push([`${f.name}?`, `${nullable(type.write, f.null)} | OrmLab.ExpressionLike`]);
      concrete.push(f.name);
    }
  }
  for (const r of node.relations) if (!(r.kind === 'foreign_key' || r.kind === 'one_to_one')) values.push([r.queryName, `${pkType(r.target)} | null`]);
  const lookups = [`OwnLookups`, ...paths.map(([path, target]) => `OrmLab.Prefixed<'${path}', ${target.typeName}.OwnLookups>`)];
  const pathNames = [`FieldNames`, ...paths.map(([path, target]) => `OrmLab.Join<'${path}', ${target.typeName}.FieldNames>`)];
  return `declare namespace ${name} {
  /** Keyword lookups on ${name}'s own fields and relations. */
  type OwnLookups = ${ownLookups(node)};
  /** filter() keyword lookups: own fields, and other models' fields through relations. */
  type Lookups = ${lookups.join('\n    & ')};
  /** ${name}'s field and relation names. */
  type FieldNames = ${union(ownFieldNames(node))};
  /** Names for values(), order_by(), only() and defer(). */
  type Paths = ${pathNames.join('\n    | ')};
  /** select_related() paths. */
  type SelectRelated = ${union(selectRelatedPaths(node))};
  /** prefetch_related() paths. */
  type PrefetchRelated = ${union(prefetchPaths(node))};
  /** Concrete field names (bulk_update(), save({ update_fields })). */
  type Concrete = ${union(concrete)};
  interface Values ${objectType(values)}
  interface Row ${objectType(row)}
  interface Create ${objectType(create)}
  interface Update ${objectType(update)}
  interface Related ${objectType(node.relations.map((r) => [r.queryName, r.target.typeName]))}
  type Nullable = ${union(node.relations.filter((r) => r.nullable).map((r) => r.queryName))};
  interface Schema extends OrmLab.Schema {
    lookups: Lookups;
    paths: Paths;
    select: SelectRelated;
    prefetch: PrefetchRelated;
    values: Values;
    row: Row;
    related: Related;
    nullable: Nullable;
    create: Create;
    update: Update;
    concrete: Concrete;
  }
}`;
}

function classDeclaration(node: ModelNode): string {
  const opts = node.model._meta;
  const name = node.typeName;
  if (!node.declaredAsGlobal) return `// ${opts.label}: its name is taken by an ORM Lab or TypeScript global, so only its types are declared (as ${name}).`;
  const fields = node.fields.map((f) => f.name).concat(node.relations.filter((r) => !(r.kind === 'foreign_key' || r.kind === 'one_to_one')).map((r) => r.accessorName));
  const summary = {
    summary: `The ${name} model (\`${opts.label}\`, table \`"${opts.db_table}"\`): ${fields.join(', ')}.`,
    example: `${name}.objects.filter({ ... })`,
  };
  const classLevel = node.relations.filter((r) => r.kind === 'many_to_many').map((r) => `readonly ${r.accessorName}: OrmLab.ManyToManyDescriptor`);
  const type = classLevel.length ? `OrmLab.ModelClass<${name}> & { ${classLevel.join('; ')} }` : `OrmLab.ModelClass<${name}>`;
  return `${jsdoc(summary)}\ndeclare const ${name}: ${type};`;
}

function modelDeclaration(node: ModelNode): string {
  return [instanceInterface(node), schemaNamespace(node), classDeclaration(node)].join('\n');
}
