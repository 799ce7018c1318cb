import type { SqliteDatabase } from '../db/sqlite';
import { Apps } from './apps';
import { Connection } from './backend/connection';
import { cache } from './cache';
import { instanceCounter } from './iterables';
import { activateRuntime, ConnectionHandler, type Runtime, type Settings } from './runtime';
import { ALL_SIGNALS } from './signals';

export interface RuntimeOptions {
  /** Databases by alias; `default` is required. */
  databases: Record<string, SqliteDatabase>;
  apps?: Apps;
  settings?: Partial<Settings>;
}

/**
 * A fresh ORM world for one run: connections to the given databases, an app
 * registry, default settings, no signal receivers, an empty cache. It becomes
 * the active runtime.
 */
export function createRuntime(options: RuntimeOptions): Runtime {
  if (!options.databases.default) throw new Error("createRuntime() needs a 'default' database");
  const connections = new ConnectionHandler();
  for (const [alias, db] of Object.entries(options.databases)) connections.set(alias, new Connection(alias, db));
  const runtime: Runtime = {
    connections,
    apps: options.apps ?? new Apps(),
    settings: { DEBUG: true, DATABASE_ROUTERS: [], USE_TZ: true, TIME_ZONE: 'UTC', ...options.settings },
  };
  for (const conn of connections.all()) conn.isDebug = () => runtime.settings.DEBUG;
  for (const signal of ALL_SIGNALS) signal.clear();
  cache.clear();
  instanceCounter.reset();
  activateRuntime(runtime);
  return runtime;
}
