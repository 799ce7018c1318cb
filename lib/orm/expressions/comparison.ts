import { ValueError } from '../errors';
import { Func, splitOptions } from './core';

/** The first non-null argument: `Coalesce('view_count', Value(0))`. */
export class Coalesce extends Func {
  static override function = 'COALESCE';

  constructor(...args: unknown[]) {
    const { expressions } = splitOptions(args);
    if (expressions.length < 2) throw new ValueError('Coalesce must take at least two expressions');
    super(...args);
  }

  override get empty_result_set_value(): unknown {
    for (const e of this.get_source_expressions()) {
      const v = e?.empty_result_set_value;
      if (v !== null && v !== undefined && typeof v !== 'symbol') return v;
    }
    return null;
  }
}
