/** SQL with syntax highlighting (tokens from lib/playground/sql-display). */
import { memo, useMemo } from 'react';
import { tokenizeSql } from '@/lib/playground/sql-display';

function SqlCodeImpl({ sql, className }: { sql: string; className?: string }) {
  const tokens = useMemo(() => tokenizeSql(sql), [sql]);
  return (
    <code className={className}>
      {tokens.map((t, i) =>
        t.kind === 'text' ? t.text : (
          <span key={i} className={`sql-${t.kind}`}>
            {t.text}
          </span>
        ),
      )}
    </code>
  );
}

export const SqlCode = memo(SqlCodeImpl);
