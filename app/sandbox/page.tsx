import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Sandbox' };

export default function SandboxPage() {
  return (
    <main className="mx-auto max-w-3xl px-6 py-16">
      <p>
        <Link href="/" className="text-accent hover:underline">
          ← ORM Lab
        </Link>
      </p>
      <h1 className="mt-4 text-3xl font-bold tracking-tight">Sandbox</h1>
      <p className="mt-4 text-muted">
        Run any query against the blog dataset and see every SQL statement it caused. The editor
        is coming soon.
      </p>
    </main>
  );
}
