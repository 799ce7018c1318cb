import Link from 'next/link';
import { ChapterProgress, LessonStatusBadge, OverallProgress } from '@/components/lesson/ProgressMarks';
import BlogSchema from '@/components/lesson/BlogSchema';
import { lessonNumber } from '@/lib/lessons-ui/catalog';
import { blogOverview, siteCurriculum } from '@/lib/node/site';

/**
 * The catalog: chapters and their lessons (read from lessons/ at build time)
 * with the learner's progress, the sandbox, and the blog dataset every lesson
 * runs on (its schema and sizes, read from the ORM and the generator).
 */
export default async function Home() {
  const { catalog } = siteCurriculum();
  const overview = await blogOverview();
  const first = catalog.lessons[0];
  const lessonLinks = catalog.lessons.map((l) => ({ slug: l.slug, title: l.title, number: l.number, href: l.href }));
  return (
    <div className="min-h-dvh">
      <header className="border-b border-border">
        <div className="mx-auto flex h-12 max-w-5xl items-center gap-4 px-4 sm:px-6">
          <Link href="/" className="font-semibold tracking-tight">
            ORM Lab
          </Link>
          <nav className="ml-auto flex items-center gap-4 text-sm">
            <a href="#lessons" className="text-muted hover:text-foreground">
              Lessons
            </a>
            <a href="#dataset" className="text-muted hover:text-foreground">
              Dataset
            </a>
            <Link href="/sandbox" className="text-muted hover:text-foreground">
              Sandbox
            </Link>
          </nav>
        </div>
      </header>

      <main className="mx-auto max-w-5xl px-4 pb-20 sm:px-6">
        <section className="py-8 sm:py-12">
          <h1 className="text-4xl font-bold tracking-tight">ORM Lab</h1>
          <p className="mt-4 max-w-2xl text-lg text-muted">
            Learn Django ORM query optimization in your browser. Edit query code, run it, and see every SQL statement it caused: how many, how long
            each took, and how the optimized version compares with the naive one. Nothing to install; the ORM and its SQLite database run in the page.
          </p>
          <div className="mt-7 flex flex-wrap gap-3">
            {first && (
              <Link href={first.href} className="rounded-md bg-accent px-4 py-2 font-medium text-accent-foreground shadow-sm hover:opacity-90" data-testid="start-link">
                Start with lesson {lessonNumber(first.number)}
              </Link>
            )}
            <Link href="/sandbox" className="rounded-md border border-border px-4 py-2 font-medium hover:bg-surface">
              Open the sandbox
            </Link>
          </div>
        </section>

        <section id="lessons" className="scroll-mt-4" aria-labelledby="lessons-title">
          <div className="flex flex-wrap items-end justify-between gap-x-6 gap-y-3 border-b border-border pb-4">
            <div>
              <h2 id="lessons-title" className="text-2xl font-semibold tracking-tight">
                Lessons
              </h2>
              <p className="mt-1 text-sm text-muted">
                {catalog.lessons.length} lessons in {catalog.chapters.length} chapters. Each starts from naive code; Check tells you when your fix is right.
              </p>
            </div>
          </div>
          <div className="mt-4">
            <OverallProgress lessons={lessonLinks} />
          </div>

          <ol className="mt-6 space-y-8" data-testid="catalog">
            {catalog.chapters.map((chapter) => (
              <li key={chapter.slug} data-testid="catalog-chapter" data-chapter={chapter.slug}>
                <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                  <span className="font-mono text-xs text-muted">Chapter {chapter.number}</span>
                  <h3 className="text-lg font-semibold">{chapter.title}</h3>
                  <span className="ml-auto">
                    <ChapterProgress slugs={chapter.lessons.map((l) => l.slug)} />
                  </span>
                </div>
                {chapter.summary && <p className="mt-0.5 text-sm text-muted">{chapter.summary}</p>}
                <ul className="mt-3 divide-y divide-border overflow-hidden rounded-lg border border-border">
                  {chapter.lessons.map((lesson) => (
                    <li key={lesson.slug}>
                      <Link
                        href={lesson.href}
                        className="group flex items-start gap-3 px-3 py-3 hover:bg-surface focus-visible:bg-surface focus-visible:outline-none sm:items-center sm:px-4"
                        data-testid="catalog-lesson"
                        data-slug={lesson.slug}
                      >
                        <span className="mt-0.5 w-7 shrink-0 font-mono text-sm text-muted tabular-nums sm:mt-0">{lessonNumber(lesson.number)}</span>
                        <span className="min-w-0 flex-1">
                          <span className="block font-medium group-hover:text-accent">{lesson.title}</span>
                          <span className="block text-sm text-muted">{lesson.summary}</span>
                        </span>
                        <LessonStatusBadge slug={lesson.slug} />
                      </Link>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </section>

        <section id="dataset" className="mt-16 scroll-mt-4" aria-labelledby="dataset-title">
          <h2 id="dataset-title" className="text-2xl font-semibold tracking-tight">
            The blog dataset
          </h2>
          <p className="mt-1 max-w-3xl text-sm text-muted">
            Every lesson and the sandbox query the same models, Django&apos;s classic blog, generated deterministically (a seeded generator and a fixed
            &ldquo;now&rdquo;), so a query gives the same answer every time. Lessons pick a size; the sandbox lets you switch.
          </p>
          <div className="mt-5 overflow-x-auto rounded-lg border border-border">
            <table className="w-full text-xs sm:text-sm" data-testid="dataset-sizes">
              <thead className="bg-surface text-left text-xs tracking-wide text-muted uppercase">
                <tr>
                  <th className="px-2 py-2 font-semibold sm:px-3">Size</th>
                  {(['authors', 'categories', 'tags', 'posts', 'comments'] as const).map((k) => (
                    <th key={k} className="px-2 py-2 text-right font-semibold sm:px-3">
                      {k}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-border">
                {overview.sizes.map((row) => (
                  <tr key={row.size} data-size={row.size}>
                    <td className="px-2 py-2 font-mono sm:px-3">{row.size}</td>
                    {(['authors', 'categories', 'tags', 'posts', 'comments'] as const).map((k) => (
                      <td key={k} className="px-2 py-2 text-right tabular-nums sm:px-3">
                        {row[k].toLocaleString('en-US')}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <BlogSchema schema={overview.schema} />
        </section>
      </main>
    </div>
  );
}
