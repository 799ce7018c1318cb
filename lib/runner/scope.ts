import { SchemaEditor } from '../db/schema';
import * as orm from '../orm';
import type { Connection } from '../orm/backend/connection';
import type { ModelClass } from '../orm/model';
import type { Runtime } from '../orm/runtime';
import { assertNumQueries, captureQueries, AssertionError } from '../orm/testing';
import { pythonBuiltins } from './builtins';

/**
 * Django's `connection.schema_editor()`, for adding or dropping an index on the
 * live database as a migration would. `connection.schema_editor((editor) => ...)`
 * is Django's `with connection.schema_editor() as editor:` (in one transaction,
 * foreign keys checked); without a function, the editor runs each change alone.
 */
function withSchemaEditor(conn: Connection): void {
  const schema_editor = <T>(body?: (editor: SchemaEditor) => T): SchemaEditor | T => {
    const editor = new SchemaEditor(conn);
    return body ? editor.__with__(body) : editor;
  };
  Object.defineProperty(conn, 'schema_editor', { configurable: true, value: schema_editor });
}

/** Django's `connections`: every database alias of the run. */
function connectionsProxy(runtime: Runtime): Record<string, Connection> {
  return new Proxy({} as Record<string, Connection>, {
    get: (_t, alias) => (typeof alias === 'string' ? runtime.connections.get(alias) : undefined),
    has: (_t, alias) => typeof alias === 'string' && runtime.connections.has(alias),
    ownKeys: () => runtime.connections.aliases,
    getOwnPropertyDescriptor: (_t, alias) =>
      typeof alias === 'string' && runtime.connections.has(alias)
        ? { enumerable: true, configurable: true, value: runtime.connections.get(alias) }
        : undefined,
  });
}

/**
 * Everything learner code can use without imports: the ORM API with Django's
 * names, the models, Python-style helpers, connection/settings, test helpers.
 */
export function learnerScope(runtime: Runtime, models: Record<string, ModelClass>): Record<string, unknown> {
  const { default: _default, ...api } = orm as Record<string, unknown>;
  void _default;
  for (const conn of runtime.connections.all()) withSchemaEditor(conn);
  const connection = runtime.connections.get('default');
  const now = () => new Date();
  return {
    ...api,
    ...pythonBuiltins,
    ...models,
    connection,
    connections: connectionsProxy(runtime),
    reset_queries: () => {
      for (const c of runtime.connections.all()) c.reset_queries();
    },
    settings: runtime.settings,
    assertNumQueries,
    captureQueries,
    AssertionError,
    now,
    timezone: { now },
  };
}
