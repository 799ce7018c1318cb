import type { Apps } from './apps';
import type { Connection } from './backend/connection';
import { ImproperlyConfigured } from './errors';

/** A database router (Django's DATABASE_ROUTERS entries); every method is optional. */
export interface Router {
  db_for_read?(model: unknown, hints: Record<string, unknown>): string | null | undefined;
  db_for_write?(model: unknown, hints: Record<string, unknown>): string | null | undefined;
  allow_relation?(obj1: unknown, obj2: unknown, hints: Record<string, unknown>): boolean | null | undefined;
  allow_migrate?(db: string, appLabel: string, hints: Record<string, unknown>): boolean | null | undefined;
}

export interface Settings {
  DEBUG: boolean;
  DATABASE_ROUTERS: Router[];
  USE_TZ: true;
  TIME_ZONE: 'UTC';
}

/** `connections['default']`: the databases of the current run, by alias. */
export class ConnectionHandler {
  private readonly byAlias = new Map<string, Connection>();

  get(alias: string): Connection {
    const conn = this.byAlias.get(alias);
    if (!conn) throw new ImproperlyConfigured(`The connection '${alias}' doesn't exist.`);
    return conn;
  }

  set(alias: string, connection: Connection): void {
    this.byAlias.set(alias, connection);
  }

  has(alias: string): boolean {
    return this.byAlias.has(alias);
  }

  get aliases(): string[] {
    return [...this.byAlias.keys()];
  }

  all(): Connection[] {
    return [...this.byAlias.values()];
  }
}

/**
 * Everything Django keeps in process-wide globals (settings, connections, the
 * app registry), for one run. Learner code calls `Post.objects...` with no
 * context, so the ORM reads the active runtime.
 */
export interface Runtime {
  readonly connections: ConnectionHandler;
  readonly settings: Settings;
  readonly apps: Apps;
}

let active: Runtime | null = null;

export function activateRuntime(runtime: Runtime | null): void {
  active = runtime;
}

export function runtime(): Runtime {
  if (!active) throw new ImproperlyConfigured('No ORM runtime is active: create one with createRuntime() first.');
  return active;
}

export function connections(): ConnectionHandler {
  return runtime().connections;
}

export function settings(): Settings {
  return runtime().settings;
}

export const DEFAULT_DB_ALIAS = 'default';
