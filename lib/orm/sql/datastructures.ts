import type { Compiler, SqlResult } from '../expressions/core';
import type { Field } from '../fields/field';

export type JoinType = 'INNER JOIN' | 'LEFT OUTER JOIN';
export const INNER: JoinType = 'INNER JOIN';
export const LOUTER: JoinType = 'LEFT OUTER JOIN';

/** Something a query can join through: a forward relation field or a reverse relation object. */
export interface JoinField {
  get_joining_fields(): [Field, Field][];
  readonly related_model: unknown;
}

/** Per-table aliases are unquoted (`T4`), table names are quoted (`"blog_tag"`): Django's quote_name_unless_alias. */
function aliasSuffix(tableName: string, alias: string): string {
  return alias === tableName ? '' : ` ${alias}`;
}

/** The first table in FROM. */
export class BaseTable {
  readonly join_type = null;
  readonly parent_alias = null;

  constructor(
    readonly table_name: string,
    readonly table_alias: string,
  ) {}

  as_sql(compiler: Compiler): SqlResult {
    return [compiler.quote_name_unless_alias(this.table_name) + aliasSuffix(this.table_name, this.table_alias), []];
  }

  relabeled_clone(changeMap: Map<string, string>): BaseTable {
    return new BaseTable(this.table_name, changeMap.get(this.table_alias) ?? this.table_alias);
  }

  equals(other: unknown): boolean {
    return other instanceof BaseTable && other.table_name === this.table_name && other.table_alias === this.table_alias;
  }
}

/** A JOIN in FROM: `INNER JOIN "blog_author" ON ("blog_post"."author_id" = "blog_author"."id")`. */
export class Join {
  readonly join_fields: [Field, Field][];

  constructor(
    readonly table_name: string,
    readonly parent_alias: string,
    public table_alias: string | null,
    public join_type: JoinType,
    readonly join_field: JoinField,
    readonly nullable: boolean,
  ) {
    this.join_fields = join_field.get_joining_fields();
  }

  /** Join columns pairs, used to detect ordering loops. */
  get join_cols(): [string, string][] {
    return this.join_fields.map(([l, r]) => [l.column, r.column]);
  }

  as_sql(compiler: Compiler): SqlResult {
    const conditions = this.join_fields.map(([lhs, rhs]) => {
      const [l] = compiler.compile(lhs.get_col(this.parent_alias));
      const [r] = compiler.compile(rhs.get_col(this.table_alias));
      return `${l} = ${r}`;
    });
    const alias = aliasSuffix(this.table_name, this.table_alias!);
    return [`${this.join_type} ${compiler.quote_name_unless_alias(this.table_name)}${alias} ON (${conditions.join(' AND ')})`, []];
  }

  private with(changes: Partial<Pick<Join, 'table_alias' | 'join_type' | 'parent_alias'>>): Join {
    const j = new Join(
      this.table_name,
      changes.parent_alias ?? this.parent_alias,
      changes.table_alias ?? this.table_alias,
      changes.join_type ?? this.join_type,
      this.join_field,
      this.nullable,
    );
    return j;
  }

  relabeled_clone(changeMap: Map<string, string>): Join {
    return this.with({
      parent_alias: changeMap.get(this.parent_alias) ?? this.parent_alias,
      table_alias: this.table_alias === null ? null : changeMap.get(this.table_alias) ?? this.table_alias,
    });
  }

  /** Same join regardless of its alias and type (Django's Join.identity). */
  equals(other: unknown): boolean {
    return (
      other instanceof Join &&
      other.table_name === this.table_name &&
      other.parent_alias === this.parent_alias &&
      other.join_field === this.join_field
    );
  }

  promote(): Join {
    return this.with({ join_type: LOUTER });
  }

  demote(): Join {
    return this.with({ join_type: INNER });
  }
}

export type TableEntry = BaseTable | Join;
