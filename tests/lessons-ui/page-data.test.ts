/**
 * The lesson page's data, built at build time: plain and serialisable, the
 * prose and hints rendered, the Django code highlighted, the curriculum
 * neighbours, and what Check needs without the Markdown.
 */
import { describe, expect, it } from 'vitest';
import { lessonPageData } from '../../lib/lessons-ui/page-data';
import { siteCurriculum } from '../../lib/node/site';

const { catalog, lessons } = siteCurriculum();
const bySlug = (slug: string) => lessons.find((l) => l.slug === slug)!;

describe('lessonPageData', () => {
  const data = lessonPageData(bySlug('n-plus-one-select-related'), catalog);

  it('survives a JSON round trip (it crosses from the server component to the client)', () => {
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });

  it('places the lesson in the curriculum', () => {
    expect(data).toMatchObject({
      slug: 'n-plus-one-select-related',
      number: 2,
      position: 2,
      total: lessons.length,
      chapter: { slug: 'relations', title: 'Related objects', number: 2 },
      previous: { slug: 'lazy-evaluation', href: '/lessons/lazy-evaluation', number: 1 },
      next: { slug: 'prefetch-related', href: '/lessons/prefetch-related', number: 3 },
    });
  });

  it('renders the prose, the hints and the Django code', () => {
    expect(data.bodyHtml).toContain('<pre class="code-block" data-lang="sql">');
    expect(data.bodyHtml).toContain('<h2 id="select-related-one-query-with-joins">');
    expect(data.hintsHtml).toHaveLength(3);
    expect(data.hintsHtml[1]).toContain('<code>select_related()</code>');
    expect(data.django.before).toContain("Post.objects.filter(published=True).order_by('-published_date')[:20]");
    expect(data.django.beforeHtml).toContain('<span class="tok-keyword">for</span>');
    expect(data.django.solutionHtml).toContain('select_related');
  });

  it('carries what Check and Run need: the lesson without its Markdown, the data labels, the blog size', () => {
    expect(data.lesson.body).toBe('');
    expect(data.lesson.before).toBe(data.before);
    expect(data.lesson.meta.checks).toEqual(data.checks);
    expect(data.size).toBe('default');
    expect(data.hasModels).toBe(false);
    expect([data.visibleLabel, data.hiddenLabel]).toEqual(['blog default', 'blog default, seed 7']);
    expect(data.customTitle).toBeNull();
  });

  it("names a custom check by check.ts's title", () => {
    const withCheck = lessons.find((l) => l.check !== null)!;
    const title = /export const title = ['"`](.+)['"`];/.exec(withCheck.check!)![1];
    expect(lessonPageData(withCheck, catalog).customTitle).toBe(title);
  });

  it('the first and last lessons have one neighbour', () => {
    expect(lessonPageData(lessons[0], catalog).previous).toBeNull();
    expect(lessonPageData(lessons[lessons.length - 1], catalog).next).toBeNull();
  });
});
