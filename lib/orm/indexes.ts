import { indexNameForModelIndex } from '../db/names';
import { ValueError } from './errors';
import type { Q } from './q';
import type { Options } from './options';
import type { Field } from './fields/field';

export interface IndexOptions {
  fields: string[];
  name?: string;
  /** A partial index: `Index({ fields: ['published_date'], condition: Q({ published: true }), name })`. */
  condition?: Q;
}

/**
 * A `Meta.indexes` entry: `Index({ fields: ['-created_at'] })` creates
 * `CREATE INDEX "blog_post_created_45f0c6_idx" ON "blog_post" ("created_at" DESC)`.
 */
export class Index {
  readonly fields: string[];
  readonly explicitName: string | null;
  readonly condition: Q | null;

  constructor({ fields, name, condition }: IndexOptions) {
    if (!Array.isArray(fields) || !fields.length) throw new ValueError('At least one field is required to define an index.');
    if (condition && !name) throw new ValueError('An index must be named to use condition.');
    this.fields = fields.slice();
    this.explicitName = name ?? null;
    this.condition = condition ?? null;
  }

  /** `[column, 'DESC' | '']` for each field, in order. */
  columns(opts: Options): [string, '' | 'DESC'][] {
    return this.fields.map((f) => {
      const desc = f.startsWith('-');
      const field = opts.get_field(desc ? f.slice(1) : f) as Field;
      return [field.column, desc ? 'DESC' : ''];
    });
  }

  name(opts: Options): string {
    return this.explicitName ?? indexNameForModelIndex(opts.db_table, this.fields, (f) => (opts.get_field(f) as Field).column);
  }
}
