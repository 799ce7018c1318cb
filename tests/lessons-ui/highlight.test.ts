import { describe, expect, it } from 'vitest';
import { highlightHtml, languageOf, tokenizeCode, type CodeLanguage } from '../../lib/lessons-ui/highlight';
import { renderInline, renderMarkdown } from '../../lib/lessons-ui/markdown';

const PY = `# the front page
posts = Post.objects.filter(published=True).select_related('author')[:20]
for post in posts:
    print(f"{post.title} by {post.author}", None, 3.5)
`;
const TS = `// the front page
const posts = Post.objects.filter({ published: true }).slice(0, 20);
for (const post of posts) print(\`\${post.title}\`, 'x', null);
/* done */`;
const SQL = `SELECT "blog_post"."id" FROM "blog_post" WHERE "blog_post"."id" = 3 LIMIT 21`;

describe('tokenizeCode', () => {
  it.each([
    ['python', PY],
    ['typescript', TS],
    ['sql', SQL],
    ['text', 'a < b'],
  ] as [CodeLanguage, string][])('%s: the tokens give the input back', (lang, code) => {
    expect(
      tokenizeCode(code, lang)
        .map((t) => t.text)
        .join(''),
    ).toBe(code);
  });

  it('python: keywords, constants, strings, comments, calls, classes', () => {
    const t = tokenizeCode(PY, 'python');
    const kind = (text: string) => t.find((x) => x.text === text)?.kind;
    expect(kind('# the front page')).toBe('comment');
    expect(kind('for')).toBe('keyword');
    expect(kind('in')).toBe('keyword');
    expect(kind('True')).toBe('constant');
    expect(kind('None')).toBe('constant');
    expect(kind("'author'")).toBe('string');
    expect(kind('f"{post.title} by {post.author}"')).toBe('string');
    expect(kind('select_related')).toBe('function');
    expect(kind('Post')).toBe('type');
    expect(kind('3.5')).toBe('number');
    expect(kind('posts')).toBe('text');
  });

  it('typescript: comments, template strings, keywords', () => {
    const t = tokenizeCode(TS, 'typescript');
    const kind = (text: string) => t.find((x) => x.text === text)?.kind;
    expect(kind('// the front page')).toBe('comment');
    expect(kind('/* done */')).toBe('comment');
    expect(kind('const')).toBe('keyword');
    expect(kind('true')).toBe('constant');
    expect(kind('`${post.title}`')).toBe('string');
    expect(kind('filter')).toBe('function');
  });

  it('languageOf maps fence names', () => {
    expect(['py', 'python', 'ts', 'js', 'sql', 'SQL', '', 'text', undefined].map(languageOf)).toEqual(['python', 'python', 'typescript', 'typescript', 'sql', 'sql', 'text', 'text', 'text']);
  });
});

describe('highlightHtml', () => {
  it('escapes the code and wraps tokens in tok-* spans', () => {
    const html = highlightHtml("if a < b: print('<b>')", 'python');
    expect(html).toBe(`<span class="tok-keyword">if</span> a &lt; b: <span class="tok-function">print</span>(<span class="tok-string">'&lt;b&gt;'</span>)`);
  });
});

describe('renderMarkdown', () => {
  it('highlights fenced code with its language, ids headings, keeps inline code', () => {
    const html = renderMarkdown("Each `post.author` is a query:\n\n```sql\nSELECT 1 FROM \"blog_author\"\n```\n\n## The fix\n\n```python\nPost.objects.select_related('author')\n```\n");
    expect(html).toContain('<code>post.author</code>');
    expect(html).toContain('<pre class="code-block" data-lang="sql"><span class="code-lang">SQL</span><code><span class="tok-keyword">SELECT</span>');
    expect(html).toContain('<h2 id="the-fix">The fix</h2>');
    expect(html).toContain('<pre class="code-block" data-lang="python">');
    expect(html).toContain(`<span class="tok-string">'author'</span>`);
  });

  it('opens external links in a new tab; inline Markdown stays inline', () => {
    expect(renderMarkdown('[docs](https://docs.djangoproject.com/)')).toContain('target="_blank" rel="noreferrer"');
    expect(renderMarkdown('[home](/)')).not.toContain('target=');
    expect(renderInline('Use `select_related()` **now**')).toBe('Use <code>select_related()</code> <strong>now</strong>');
  });
});
