/**
 * A Django-doc-style hover: one sentence, then the learner's call and the SQL it makes,
 * e.g. `Post.objects.select_related('author')` → `... INNER JOIN "blog_author" ON ...`.
 */
export interface ApiDoc {
  summary: string;
  /** A tiny call in the learner's syntax. */
  example?: string;
  /** The SQL Django 5.2 runs for the example (abridged with `...`), or what it returns. */
  sql?: string;
}

/** Text that cannot end the comment it is placed in. */
function commentSafe(text: string): string {
  return text.replace(/\*\//g, '*\\/');
}

/** A `/** ... *\/` block, indented, for one declaration of the learner's d.ts. */
export function jsdoc(doc: ApiDoc | string, indent = ''): string {
  const entry = typeof doc === 'string' ? { summary: doc } : doc;
  const lines = commentSafe(entry.summary).split('\n');
  if (entry.example) {
    const example = `\`${commentSafe(entry.example)}\``;
    lines.push('', entry.sql ? `${example} → \`${commentSafe(entry.sql)}\`` : example);
  }
  return [`${indent}/**`, ...lines.map((line) => (line ? `${indent} * ${line}` : `${indent} *`)), `${indent} */`].join('\n');
}
