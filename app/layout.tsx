import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'ORM Lab', template: '%s · ORM Lab' },
  description:
    'Learn Django ORM query optimization in the browser: run queries, see every SQL statement, fix N+1.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // suppressHydrationWarning: a theme toggle may add `dark`/`light` to <html> before hydration.
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-screen bg-background text-foreground antialiased">{children}</body>
    </html>
  );
}
