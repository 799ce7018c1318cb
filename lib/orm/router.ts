import { DEFAULT_DB_ALIAS, settings } from './runtime';

/**
 * Django's ConnectionRouter over settings.DATABASE_ROUTERS: the first router
 * with an answer wins; otherwise an instance's own database, then 'default'.
 */
function route(method: 'db_for_read' | 'db_for_write', model: unknown, hints: Record<string, unknown>): string {
  for (const router of settings().DATABASE_ROUTERS) {
    const choose = router[method];
    if (!choose) continue;
    const chosen = choose.call(router, model, hints);
    if (chosen) return chosen;
  }
  const instance = hints.instance as { _state?: { db: string | null } } | undefined;
  return instance?._state?.db ?? DEFAULT_DB_ALIAS;
}

export const router = {
  db_for_read(model: unknown, hints: Record<string, unknown> = {}): string {
    return route('db_for_read', model, hints);
  },
  db_for_write(model: unknown, hints: Record<string, unknown> = {}): string {
    return route('db_for_write', model, hints);
  },
  allow_relation(obj1: { _state: { db: string | null } }, obj2: { _state: { db: string | null } }, hints: Record<string, unknown> = {}): boolean {
    for (const r of settings().DATABASE_ROUTERS) {
      if (!r.allow_relation) continue;
      const allowed = r.allow_relation(obj1, obj2, hints);
      if (allowed !== null && allowed !== undefined) return allowed;
    }
    return obj1._state.db === obj2._state.db;
  },
};
