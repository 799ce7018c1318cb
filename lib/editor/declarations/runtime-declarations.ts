import { globalDocs, type GlobalDocName } from '../global-docs';
import { jsdoc } from '../jsdoc';

const doc = (name: GlobalDocName, indent = '') => jsdoc(globalDocs[name], indent);

/** print len bool list str repr range sum (lib/runner/builtins.ts) and print, result (lib/runner/run.ts). */
function pythonBuiltins(): string {
  return `${doc('print')}
declare function print(...values: unknown[]): void;
${doc('len')}
declare function len(value: unknown): number;
${doc('bool')}
declare function bool(value: unknown): boolean;
${doc('list')}
declare function list<T>(iterable?: Iterable<T>): T[];
${doc('str')}
declare function str(value?: unknown): string;
${doc('repr')}
declare function repr(value: unknown): string;
${doc('range')}
declare function range(stop: number): number[];
${doc('range')}
declare function range(start: number, stop: number, step?: number): number[];
${doc('sum')}
declare function sum(values: Iterable<number>, start?: number): number;
${doc('result')}
declare var result: any;`;
}

/** connection, connections, reset_queries, settings, router, assertNumQueries, captureQueries, now, timezone, transaction. */
function databaseGlobals(): string {
  return `declare namespace OrmLab {
  /** One entry of connection.queries. */
  interface QueryLogEntry {
    /** The SQL with its parameters inlined. */
    sql: string;
    /** The duration in seconds, as text (\`'0.001'\`). */
    time: string;
  }
  /** A DB-API cursor on SQLite (\`%s\` placeholders). */
  interface Cursor extends Iterable<unknown[]> {
    /** Run one statement: \`cursor.execute('SELECT ... WHERE id = %s', [1])\`. Returns the cursor. */
    execute(sql: string, params?: readonly unknown[]): this;
    /** Run the statement once per parameter list. */
    executemany(sql: string, param_list: readonly (readonly unknown[])[]): this;
    /** The next row, or null. */
    fetchone(): unknown[] | null;
    /** The next \`size\` rows (default \`arraysize\`). */
    fetchmany(size?: number): unknown[][];
    /** Every remaining row. */
    fetchall(): unknown[][];
    close(): void;
    /** Rows changed by the last INSERT/UPDATE/DELETE (-1 after a SELECT). */
    readonly rowcount: number;
    /** \`[name, null, null, null, null, null, null]\` per column of the last query. */
    readonly description: [string, null, null, null, null, null, null][] | null;
    readonly lastrowid: number | null;
    arraysize: number;
  }
  /** Adds or drops indexes on the live database (Django's BaseDatabaseSchemaEditor). */
  interface SchemaEditor {
    add_index(model: AnyModelClass, index: Index): void;
    remove_index(model: AnyModelClass, index: Index): void;
  }
  /** A database connection. */
  interface Connection {
    /** The alias: 'default', 'replica', ... */
    readonly alias: string;
    readonly vendor: 'sqlite';
${doc('connection_queries', '    ')}
    readonly queries: QueryLogEntry[];
    /** Empty this connection's \`queries\`. */
    reset_queries(): void;
${doc('connection_cursor', '    ')}
    cursor(): Cursor;
    /**
     * Schema changes on the live database, as a migration runs them. Django's
     * \`with connection.schema_editor() as editor:\` is
     * \`connection.schema_editor((editor) => editor.add_index(Comment, Index({ fields: ['rating'], name: 'comment_rating_idx' })))\`:
     * one transaction, foreign key checks off during it and verified at the end.
     */
    schema_editor<T>(body: (editor: SchemaEditor) => T): T;
    /** Without a function, each change runs on its own: \`CREATE INDEX "comment_rating_idx" ON "blog_comment" ("rating")\`. */
    schema_editor(): SchemaEditor;
    /** Whether a transaction.atomic() block is open. */
    readonly in_atomic_block: boolean;
  }
  /** A database router for \`settings.DATABASE_ROUTERS\`; every method is optional and may return null to let the next router decide. */
  interface Router {
    db_for_read?(model: AnyModelClass, hints: { [hint: string]: unknown }): string | null | undefined;
    db_for_write?(model: AnyModelClass, hints: { [hint: string]: unknown }): string | null | undefined;
    allow_relation?(obj1: Model, obj2: Model, hints: { [hint: string]: unknown }): boolean | null | undefined;
    allow_migrate?(db: string, app_label: string, hints: { [hint: string]: unknown }): boolean | null | undefined;
  }
  interface Settings {
    /** Whether connection.queries records statements (default true). */
    DEBUG: boolean;
    /** Routers asked, in order, which database to read from or write to. */
    DATABASE_ROUTERS: Router[];
    readonly USE_TZ: true;
    readonly TIME_ZONE: 'UTC';
  }
  interface AtomicOptions { using?: string; savepoint?: boolean }
}
${doc('connection')}
declare const connection: OrmLab.Connection;
${doc('connections')}
declare const connections: { readonly [alias: string]: OrmLab.Connection };
${doc('reset_queries')}
declare function reset_queries(): void;
${doc('settings')}
declare const settings: OrmLab.Settings;
${doc('router')}
declare const router: {
  db_for_read(model: OrmLab.AnyModelClass, hints?: { [hint: string]: unknown }): string;
  db_for_write(model: OrmLab.AnyModelClass, hints?: { [hint: string]: unknown }): string;
  allow_relation(obj1: Model, obj2: Model, hints?: { [hint: string]: unknown }): boolean;
};
${doc('assertNumQueries')}
declare function assertNumQueries(num: number, fn: () => unknown, options?: { using?: string }): void;
${doc('captureQueries')}
declare function captureQueries(fn: () => unknown, options?: { using?: string }): OrmLab.QueryLogEntry[];
${doc('now')}
declare function now(): Date;
${doc('timezone')}
declare const timezone: {
${doc('now', '  ')}
  now(): Date;
};
${doc('transaction')}
declare const transaction: {
${doc('atomic', '  ')}
  atomic<T>(fn: () => T, options?: OrmLab.AtomicOptions): T;
};`;
}

function cacheGlobals(): string {
  return `declare namespace OrmLab {
  interface CacheOptions {
    /** Seconds until the entry expires (default 300; null = never). */
    timeout?: number | null;
  }
  interface Cache {
${doc('cache_get', '    ')}
    get(key: string, defaultValue?: unknown): any;
${doc('cache_set', '    ')}
    set(key: string, value: unknown, options?: CacheOptions): void;
${doc('cache_add', '    ')}
    add(key: string, value: unknown, options?: CacheOptions): boolean;
${doc('cache_get_or_set', '    ')}
    get_or_set<T>(key: string, value: T | (() => T), options?: CacheOptions): T;
${doc('cache_delete', '    ')}
    delete(key: string): boolean;
${doc('cache_has_key', '    ')}
    has_key(key: string): boolean;
${doc('cache_get_many', '    ')}
    get_many(keys: readonly string[]): { [key: string]: any };
${doc('cache_set_many', '    ')}
    set_many(values: { readonly [key: string]: unknown }, options?: CacheOptions): string[];
${doc('cache_delete_many', '    ')}
    delete_many(keys: readonly string[]): void;
${doc('cache_incr', '    ')}
    incr(key: string, delta?: number): number;
${doc('cache_decr', '    ')}
    decr(key: string, delta?: number): number;
${doc('cache_touch', '    ')}
    touch(key: string, options?: CacheOptions): boolean;
${doc('cache_clear', '    ')}
    clear(): void;
${doc('cache_advance', '    ')}
    advance(seconds: number): void;
  }
}
${doc('cache')}
declare const cache: OrmLab.Cache;`;
}

function signalGlobals(): string {
  return `declare namespace OrmLab {
  /** A model class given as \`sender\`: its instances are what the receiver gets. */
  interface SignalSender<I> { readonly prototype: I }
  interface SignalArgsBase { sender: any; signal: Signal }
  /** The arguments each model signal passes its receivers, by signal. */
  interface ModelSignalArgs<I> {
    pre_init: SignalArgsBase & { args: unknown[]; kwargs: { [name: string]: unknown } };
    post_init: SignalArgsBase & { instance: I };
    pre_save: SignalArgsBase & { instance: I; raw: boolean; using: string; update_fields: Set<string> | null };
    post_save: SignalArgsBase & { instance: I; created: boolean; raw: boolean; using: string; update_fields: Set<string> | null };
    pre_delete: SignalArgsBase & { instance: I; using: string; origin: unknown };
    post_delete: SignalArgsBase & { instance: I; using: string; origin: unknown };
    m2m_changed: SignalArgsBase & { instance: I; action: 'pre_add' | 'post_add' | 'pre_remove' | 'post_remove' | 'pre_clear' | 'post_clear'; reverse: boolean; model: AnyModelClass; pk_set: Set<unknown> | null; using: string };
  }
  interface ConnectOptions<I> {
    /** Only for this model (for m2m_changed: the through model, e.g. \`Post.tags.through\`). */
    sender?: SignalSender<I> | AnyModelClass;
    /** A unique id that prevents connecting the same receiver twice. */
    dispatch_uid?: string;
    weak?: boolean;
  }
  /** One of Django's model signals; the receiver's argument is typed by \`sender\`. */
  interface ModelSignal<Name extends keyof ModelSignalArgs<any>> extends Signal {
${doc('signal_connect', '    ')}
    connect<I = Model>(receiver: (args: ModelSignalArgs<I>[Name]) => unknown, options?: ConnectOptions<I>): void;
${doc('signal_disconnect', '    ')}
    disconnect<I = Model>(receiver?: ((args: ModelSignalArgs<I>[Name]) => unknown) | null, options?: ConnectOptions<I>): boolean;
  }
  type Receiver = (args: any) => unknown;
}
${doc('Signal')}
declare class Signal {
  constructor(name: string);
  readonly name: string;
${doc('signal_connect', '  ')}
  connect(receiver: OrmLab.Receiver, options?: { sender?: unknown; dispatch_uid?: string; weak?: boolean }): void;
${doc('signal_disconnect', '  ')}
  disconnect(receiver?: OrmLab.Receiver | null, options?: { sender?: unknown; dispatch_uid?: string }): boolean;
  /** Whether any receiver would be called for this sender. */
  has_listeners(sender?: unknown): boolean;
  /** Call every matching receiver; returns \`[receiver, response]\` pairs. */
  send(sender: unknown, named?: { [name: string]: unknown }): [OrmLab.Receiver, unknown][];
}
${doc('pre_init')}
declare const pre_init: OrmLab.ModelSignal<'pre_init'>;
${doc('post_init')}
declare const post_init: OrmLab.ModelSignal<'post_init'>;
${doc('pre_save')}
declare const pre_save: OrmLab.ModelSignal<'pre_save'>;
${doc('post_save')}
declare const post_save: OrmLab.ModelSignal<'post_save'>;
${doc('pre_delete')}
declare const pre_delete: OrmLab.ModelSignal<'pre_delete'>;
${doc('post_delete')}
declare const post_delete: OrmLab.ModelSignal<'post_delete'>;
${doc('m2m_changed')}
declare const m2m_changed: OrmLab.ModelSignal<'m2m_changed'>;
${doc('receiver')}
declare function receiver<I = Model>(
  signal: Signal | readonly Signal[],
  handler: (args: OrmLab.SignalArgsBase & { instance: I; [name: string]: any }) => unknown,
  options?: OrmLab.ConnectOptions<I>,
): OrmLab.Receiver;`;
}

/** Everything lib/runner/scope.ts adds around the ORM: Python builtins, connection, settings, tests, cache, signals. */
export function runtimeDeclarations(): string {
  return [pythonBuiltins(), databaseGlobals(), cacheGlobals(), signalGlobals()].join('\n');
}
