import Link from 'next/link';

export default function Home() {
  return (
    <main className="mx-auto max-w-3xl px-6 py-16">
      <h1 className="text-4xl font-bold tracking-tight">ORM Lab</h1>
      <p className="mt-4 text-lg text-muted">
        Learn Django ORM query optimization in your browser. Edit query code, run it, and see
        every SQL statement it caused: how many, how long each took, and how the optimized version
        compares with the naive one. Nothing to install; the ORM and its SQLite database run in
        the page.
      </p>
      <nav className="mt-8 flex flex-wrap gap-3">
        <Link
          href="/sandbox"
          className="rounded-md bg-accent px-4 py-2 font-medium text-accent-foreground hover:opacity-90"
        >
          Open the sandbox
        </Link>
        <a
          href="#lessons"
          className="rounded-md border border-border px-4 py-2 font-medium hover:bg-surface"
        >
          Lessons
        </a>
      </nav>
      <section id="lessons" className="mt-12">
        <h2 className="text-2xl font-semibold">Lessons</h2>
        <p className="mt-2 text-muted">The lesson catalog is coming soon.</p>
      </section>
    </main>
  );
}
