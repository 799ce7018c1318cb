import type { LessonFiles } from '../../lib/lessons/lesson';
import type { Chapter } from '../../lib/lessons/schema';

export const CHAPTERS: Chapter[] = [
  { slug: 'basics', title: 'QuerySet basics' },
  { slug: 'relations', title: 'Related objects' },
];

/** Front matter of a small valid lesson on the tiny dataset (line 2 of lesson.md is `title:`). */
export const FRONT_MATTER = `title: Demo lesson
summary: Load each post's author with its post.
chapter: relations
size: tiny
checks:
  max_queries: 1
  same_output_as_before: true
django:
  before: |
    for post in Post.objects.order_by('id')[:5]:
        print(post.author.username)
  solution: |
    for post in Post.objects.select_related('author').order_by('id')[:5]:
        print(post.author.username)`;

export const BEFORE = `for (const post of Post.objects.order_by('id').slice(0, 5)) print(post.author.username);\n`;
export const SOLUTION = `for (const post of Post.objects.select_related('author').order_by('id').slice(0, 5)) print(post.author.username);\n`;

export function lessonMd(frontMatter = FRONT_MATTER, body = '\nPosts know their `author_id`, not their author.\n'): string {
  return `---\n${frontMatter}\n---\n${body}`;
}

/** A valid lesson folder; `changes` replace files (undefined deletes one). */
export function demoFiles(changes: Record<string, string | undefined> = {}): LessonFiles {
  const files: Record<string, string | undefined> = { 'lesson.md': lessonMd(), 'before.ts': BEFORE, 'solution.ts': SOLUTION, ...changes };
  return Object.fromEntries(Object.entries(files).filter((e): e is [string, string] => e[1] !== undefined));
}

/** FRONT_MATTER with one line replaced (`from` must occur once). */
export function withLine(from: string, to: string, base = FRONT_MATTER): string {
  if (base.split(from).length !== 2) throw new Error(`"${from}" must occur exactly once`);
  return base.replace(from, to);
}
