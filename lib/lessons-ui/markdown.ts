/**
 * Lesson Markdown → HTML, at build time (the page ships HTML, not a Markdown
 * parser). Code blocks are highlighted (lib/lessons-ui/highlight.ts) and carry
 * their language; `##` headings get ids. Lesson files are the project's own
 * content, so the HTML is trusted.
 */
import { Marked, type Tokens } from 'marked';
import { escapeHtml, highlightHtml, languageOf } from './highlight';

const LANGUAGE_LABEL = { python: 'Python', typescript: 'TypeScript', sql: 'SQL', text: '' } as const;

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function createMarked(): Marked {
  return new Marked({
    gfm: true,
    renderer: {
      code({ text, lang }: Tokens.Code) {
        const language = languageOf(lang);
        const label = LANGUAGE_LABEL[language];
        return `<pre class="code-block" data-lang="${language}">${label ? `<span class="code-lang">${label}</span>` : ''}<code>${highlightHtml(text, language)}</code></pre>\n`;
      },
      heading({ tokens, depth }: Tokens.Heading) {
        const inner = this.parser.parseInline(tokens);
        return `<h${depth} id="${slugify(inner)}">${inner}</h${depth}>\n`;
      },
      link({ href, title, tokens }: Tokens.Link) {
        const inner = this.parser.parseInline(tokens);
        const external = /^https?:\/\//.test(href);
        return `<a href="${escapeHtml(href)}"${title ? ` title="${escapeHtml(title)}"` : ''}${external ? ' target="_blank" rel="noreferrer"' : ''}>${inner}</a>`;
      },
    },
  });
}

let instance: Marked | null = null;

/** A lesson's prose (Markdown blocks) as HTML. */
export function renderMarkdown(markdown: string): string {
  instance ??= createMarked();
  return instance.parse(markdown, { async: false }) as string;
}

/** One line of Markdown (a hint, a summary) as inline HTML. */
export function renderInline(markdown: string): string {
  instance ??= createMarked();
  return instance.parseInline(markdown, { async: false }) as string;
}
