import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { lessonPageData } from '@/lib/lessons-ui/page-data';
import { siteCurriculum } from '@/lib/node/site';
import LessonPage from './LessonPage';

/** One static page per lesson folder, read from lessons/ at build time. */
export const dynamicParams = false;

export function generateStaticParams(): { slug: string }[] {
  return siteCurriculum().lessons.map((l) => ({ slug: l.slug }));
}

type Params = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug } = await params;
  const lesson = siteCurriculum().lessons.find((l) => l.slug === slug);
  return lesson ? { title: lesson.meta.title, description: lesson.meta.summary } : {};
}

export default async function Page({ params }: Params) {
  const { slug } = await params;
  const { catalog, lessons } = siteCurriculum();
  const lesson = lessons.find((l) => l.slug === slug);
  if (!lesson) notFound();
  // key: client-side navigation to another lesson starts a fresh page (editor, runs, checks).
  return <LessonPage key={slug} data={lessonPageData(lesson, catalog)} />;
}
