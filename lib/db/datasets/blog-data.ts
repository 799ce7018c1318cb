/**
 * Deterministic generator of the `blog` dataset's rows (see design.md, "The default dataset").
 *
 * Values are what Django stores on SQLite: datetimes as naive UTC text 'YYYY-MM-DD HH:MM:SS',
 * booleans as 0/1, NULL as null. Same size and seed → identical rows, in any JS engine.
 */
import { Prng, WeightedPicker } from '../prng';
import {
  BIO_CITIES, BIO_ROLES, CATEGORIES, COMMENT_TEMPLATES, EMAIL_DOMAINS, FILLER_SENTENCES, FIRST_NAMES,
  LAST_NAMES, REFERENCE_AUTHORS, SENTENCE_TEMPLATES, TAG_NAMES, TITLE_TEMPLATES,
  type CategoryTopic,
} from './blog-vocabulary';

export type BlogSize = 'tiny' | 'default' | 'large';

export interface BlogSizeSpec {
  authors: number;
  categories: number;
  tags: number;
  posts: number;
  comments: number;
  /** Inclusive character ranges of Post.content and Post.full_text. */
  contentLength: readonly [number, number];
  fullTextLength: readonly [number, number];
}

export const BLOG_SIZES: Readonly<Record<BlogSize, BlogSizeSpec>> = {
  tiny: { authors: 12, categories: 4, tags: 8, posts: 60, comments: 300, contentLength: [500, 1500], fullTextLength: [1500, 4000] },
  default: { authors: 200, categories: 8, tags: 30, posts: 2000, comments: 15000, contentLength: [500, 1500], fullTextLength: [1500, 4000] },
  large: { authors: 2000, categories: 12, tags: 50, posts: 20000, comments: 100000, contentLength: [200, 600], fullTextLength: [300, 1000] },
};

/** The dataset's fixed "now": every generated datetime is before it. */
export const BLOG_NOW = new Date(Date.UTC(2026, 0, 1, 0, 0, 0));

export const COMMENT_BODY_LENGTH: readonly [number, number] = [40, 300];

export interface TableRows {
  table: string;
  columns: string[];
  rows: (string | number | null)[][];
}

const NOW_S = BLOG_NOW.getTime() / 1000;
const HOUR = 3600;
const DAY = 86400;

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const dateOfDay = new Map<number, string>();

/** Whole seconds since the epoch → Django's SQLite datetime text 'YYYY-MM-DD HH:MM:SS' (UTC). */
function sqlDatetime(seconds: number): string {
  const day = Math.floor(seconds / DAY);
  let date = dateOfDay.get(day);
  if (date === undefined) {
    date = new Date(day * DAY * 1000).toISOString().slice(0, 10);
    dateOfDay.set(day, date);
  }
  const rest = seconds - day * DAY;
  const minutes = Math.floor(rest / 60);
  return `${date} ${TWO_DIGITS[Math.floor(minutes / 60)]}:${TWO_DIGITS[minutes % 60]}:${TWO_DIGITS[rest % 60]}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function slugify(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

function fill(template: string, s: string, s2: string, n = 0): string {
  return template
    .replace('{S}', capitalize(s)).replace('{s}', s).replace('{s2}', s2).replace('{n}', String(n));
}

function twoSubjects(rng: Prng, subjects: readonly string[]): [string, string] {
  const [a, b] = rng.sample(subjects, 2);
  return [a, b];
}

/** Takes a second from `used` at or before `t` (and after `floor`), else after it: unique timestamps. */
function uniqueSecond(used: Set<number>, t: number, floor: number): number {
  let s = t;
  while (used.has(s) && s > floor + 1) s--;
  while (used.has(s)) s++;
  used.add(s);
  return s;
}

/** A heavy tail in [lo, hi] without transcendental functions: u³ piles values near lo. */
function skewedInt(rng: Prng, lo: number, hi: number): number {
  const u = rng.float();
  return lo + Math.floor((hi - lo + 1) * u * u * u);
}

interface SentencePool {
  sentences: string[];
  maxLength: number;
}

function makePool(rng: Prng, templates: readonly string[], subjects: readonly string[], count: number): SentencePool {
  const sentences: string[] = [];
  let maxLength = 0;
  for (let i = 0; i < count; i++) {
    const [s, s2] = twoSubjects(rng, subjects);
    const sentence = fill(templates[i % templates.length], s, s2);
    sentences.push(sentence);
    if (sentence.length > maxLength) maxLength = sentence.length;
  }
  return { sentences, maxLength };
}

/**
 * Text of at least `target` characters from whole sentences, grouped into paragraphs
 * (`paragraphs` false: one paragraph). Ends below target + longest sentence + 2.
 */
function buildText(rng: Prng, main: string[], filler: readonly string[], target: number, paragraphs: boolean): string {
  let text = '';
  let previous = '';
  let inParagraph = 0;
  let paragraphSize = rng.int(2, 5);
  while (text.length < target) {
    let sentence = rng.chance(0.85) ? rng.pick(main) : rng.pick(filler);
    if (sentence === previous) sentence = rng.pick(main);
    if (text.length === 0) {
      text = sentence;
    } else if (paragraphs && inParagraph >= paragraphSize) {
      text += '\n\n' + sentence;
      inParagraph = 0;
      paragraphSize = rng.int(2, 5);
    } else {
      text += ' ' + sentence;
    }
    previous = sentence;
    inParagraph++;
  }
  return text;
}

/** An integer target so that buildText's result stays within [lo, hi]. */
function textTarget(rng: Prng, [lo, hi]: readonly [number, number], maxSentence: number, skewShort = false): number {
  const top = hi - maxSentence - 2;
  if (top < lo) throw new Error(`text range [${lo}, ${hi}] is too narrow for sentences of ${maxSentence} characters`);
  return skewShort ? skewedInt(rng, lo, top) : rng.int(lo, top);
}

interface AuthorInfo {
  joined: number;
  postWeight: number;
}

function generateAuthors(spec: BlogSizeSpec, seed: number, categories: readonly CategoryTopic[]) {
  const rng = Prng.derive(seed, 'author');
  const rows: (string | number | null)[][] = [];
  const info: AuthorInfo[] = [];
  const used = new Set<string>();
  const followerBuckets: [number, number, number][] = [
    [40, 0, 49], [35, 50, 499], [17, 500, 1999], [6, 2000, 9999], [2, 10000, 250000],
  ];
  const bucketWeights = followerBuckets.map((b) => b[0]);
  for (let id = 1; id <= spec.authors; id++) {
    const ref = REFERENCE_AUTHORS[id - 1];
    if (ref) {
      const joined = NOW_S - (200 + 97 * id) * DAY - id * HOUR;
      const bio = id % 3 === 0 ? '' : `${capitalize(ref.username)} writes about software.`;
      rows.push([id, ref.username, `${ref.username}@example.com`, ref.active ? 1 : 0, ref.followers, bio, sqlDatetime(joined)]);
      info.push({ joined, postWeight: ref.postWeight });
      used.add(ref.username);
      continue;
    }
    const base = `${rng.pick(FIRST_NAMES)}_${rng.pick(LAST_NAMES)}`;
    let username = base;
    while (used.has(username)) username = `${base}${rng.int(2, 99)}`;
    used.add(username);
    const email = `${username.replace('_', '.')}@${EMAIL_DOMAINS[rng.weighted([6, 2, 1, 1])]}`;
    // Tiers: none / casual (0-3 posts) / regular / prolific.
    const tier = rng.weighted([8, 52, 30, 10]);
    const postWeight = [0, 1, rng.int(4, 8), rng.int(25, 60)][tier];
    let bucket = rng.weighted(bucketWeights);
    if (tier === 3 && bucket < 2) bucket = 2;
    const [, lo, hi] = followerBuckets[bucket];
    const followers = bucket === followerBuckets.length - 1 ? skewedInt(rng, lo, hi) : rng.int(lo, hi);
    const joined = NOW_S - rng.int(30, 2000) * DAY - rng.int(0, DAY - 1);
    rows.push([id, username, email, rng.chance(0.85) ? 1 : 0, followers, authorBio(rng, categories), sqlDatetime(joined)]);
    info.push({ joined, postWeight });
  }
  return { rows, info };
}

function authorBio(rng: Prng, categories: readonly CategoryTopic[]): string {
  if (rng.chance(0.3)) return '';
  const [s, s2] = twoSubjects(rng, rng.pick(categories).subjects);
  const role = rng.pick(BIO_ROLES);
  switch (rng.int(0, 3)) {
    case 0: return `${role} writing about ${s} and ${s2}.`;
    case 1: return `${role} based in ${rng.pick(BIO_CITIES)}. Mostly ${s}, sometimes ${s2}.`;
    case 2: return `${role}. Opinions on ${s} are my own.`;
    default: return `${role} in ${rng.pick(BIO_CITIES)}, learning about ${s} one post at a time.`;
  }
}

interface PostDraft {
  authorId: number;
  categoryId: number | null;
  topic: number;
  title: string;
  created: number;
}

function generatePosts(spec: BlogSizeSpec, seed: number, authors: AuthorInfo[], categories: readonly CategoryTopic[]) {
  const rng = Prng.derive(seed, 'post');
  const textRng = Prng.derive(seed, 'post-text');
  const authorPicker = new WeightedPicker(authors.map((a) => a.postWeight));
  const categoryPicker = new WeightedPicker(categories.map((c) => c.weight));
  const used = new Set<number>();
  const drafts: PostDraft[] = [];
  for (let i = 0; i < spec.posts; i++) {
    const authorIndex = authorPicker.pick(rng);
    const categoryIndex = rng.chance(0.08) ? null : categoryPicker.pick(rng);
    const topic = categoryIndex ?? rng.int(0, categories.length - 1);
    const [s, s2] = twoSubjects(rng, categories[topic].subjects);
    const title = fill(rng.pick(TITLE_TEMPLATES), s, s2, rng.int(3, 12));
    const earliest = Math.max(authors[authorIndex].joined + DAY, NOW_S - 730 * DAY);
    const created = uniqueSecond(used, rng.int(earliest, NOW_S - HOUR), earliest);
    drafts.push({ authorId: authorIndex + 1, categoryId: categoryIndex === null ? null : categoryIndex + 1, topic, title, created });
  }
  // Ids follow creation time, as autoincrement ids do.
  drafts.sort((a, b) => a.created - b.created);

  const pools = categories.map((c) => makePool(textRng, SENTENCE_TEMPLATES, c.subjects, 120));
  const maxFiller = Math.max(...FILLER_SENTENCES.map((s) => s.length));
  const rows: (string | number | null)[][] = [];
  const viewCounts: (number | null)[] = [];
  drafts.forEach((d, index) => {
    const id = index + 1;
    const r = rng.float();
    const published = r < 0.6 ? 1 : r < 0.85 ? 0 : null;
    let publishedDate: string | null = null;
    if (published === 1) {
      let p = d.created + rng.int(600, 3 * DAY);
      if (p >= NOW_S) p = rng.int(d.created + 1, NOW_S - 1);
      publishedDate = sqlDatetime(p);
    }
    const viewCount = rng.chance(0.05) ? null : published === 1 ? publishedViews(rng) : rng.int(0, 30);
    viewCounts.push(viewCount);
    const pool = pools[d.topic];
    const maxSentence = Math.max(pool.maxLength, maxFiller);
    const content = buildText(textRng, pool.sentences, FILLER_SENTENCES, textTarget(textRng, spec.contentLength, maxSentence), true);
    const fullText = buildText(textRng, pool.sentences, FILLER_SENTENCES, textTarget(textRng, spec.fullTextLength, maxSentence), true);
    const slug = `${slugify(d.title).slice(0, 180).replace(/-+$/, '')}-${id}`;
    rows.push([id, d.title, slug, content, fullText, d.authorId, d.categoryId, published, publishedDate, sqlDatetime(d.created), viewCount]);
  });
  return { rows, drafts, viewCounts };
}

function publishedViews(rng: Prng): number {
  switch (rng.weighted([25, 57, 14, 4])) {
    case 0: return rng.int(0, 99);
    case 1: return rng.int(100, 999);
    case 2: return rng.int(1000, 9999);
    default: return skewedInt(rng, 10000, 50000);
  }
}

function generatePostTags(seed: number, drafts: PostDraft[], categories: readonly CategoryTopic[], tagNames: readonly string[]) {
  const rng = Prng.derive(seed, 'post_tags');
  const tagIds = tagNames.map((_, i) => i + 1);
  const related = categories.map((c) => c.tags.map((t) => tagNames.indexOf(t) + 1).filter((id) => id > 0));
  const rows: number[][] = [];
  drafts.forEach((d, index) => {
    const k = rng.weighted([15, 25, 30, 20, 10]);
    const chosen: number[] = [];
    for (let attempt = 0; chosen.length < k && attempt < 20; attempt++) {
      const near = related[d.topic];
      const tag = near.length > 0 && rng.chance(0.8) ? rng.pick(near) : rng.pick(tagIds);
      if (!chosen.includes(tag)) chosen.push(tag);
    }
    chosen.sort((a, b) => a - b);
    for (const tag of chosen) rows.push([rows.length + 1, index + 1, tag]);
  });
  return rows;
}

function generateComments(
  spec: BlogSizeSpec, seed: number, drafts: PostDraft[], viewCounts: (number | null)[], categories: readonly CategoryTopic[],
) {
  const rng = Prng.derive(seed, 'comment');
  const postCount = drafts.length;
  // ~8% of posts get no comment; every other post gets one, the rest go to popular posts.
  const silent = new Set(rng.sample(drafts.map((_, i) => i), Math.round(postCount * 0.08)));
  const weights = viewCounts.map((v, i) => (silent.has(i) ? 0 : 3 + Math.floor((v ?? 0) / 100)));
  const picker = new WeightedPicker(weights);
  const commentable = drafts.map((_, i) => i).filter((i) => !silent.has(i));
  const pools = categories.map((c) => makePool(rng, COMMENT_TEMPLATES, c.subjects, 60));
  const used = new Set<number>();
  const drafted: { post: number; created: number; author: number | null; rating: number; body: string }[] = [];
  for (let i = 0; i < spec.comments; i++) {
    const post = i < commentable.length ? commentable[i] : picker.pick(rng);
    const postCreated = drafts[post].created;
    let created = postCreated + (rng.chance(0.7) ? rng.int(60, 30 * DAY) : rng.int(60, NOW_S - postCreated));
    if (created >= NOW_S) created = rng.int(postCreated + 60, NOW_S - 1);
    created = uniqueSecond(used, created, postCreated);
    const author = rng.chance(0.07) ? null : rng.int(1, spec.authors);
    const rating = rng.weighted([5, 7, 15, 33, 40]) + 1;
    const pool = pools[drafts[post].topic];
    const body = buildText(rng, pool.sentences, pool.sentences, textTarget(rng, COMMENT_BODY_LENGTH, pool.maxLength, true), false);
    drafted.push({ post: post + 1, created, author, rating, body });
  }
  drafted.sort((a, b) => a.created - b.created);
  return drafted.map((c, i) => [i + 1, c.post, c.author, c.body, c.rating, sqlDatetime(c.created)]);
}

/**
 * The blog dataset's rows, in load order (author, category, tag, post, post_tags, comment),
 * with explicit ids 1..n.
 */
export function generateBlogRows(size: BlogSize, seed = 20260101): TableRows[] {
  const spec = BLOG_SIZES[size];
  const categories = CATEGORIES.slice(0, spec.categories);
  const tagNames = TAG_NAMES.slice(0, spec.tags);
  const authors = generateAuthors(spec, seed, categories);
  const posts = generatePosts(spec, seed, authors.info, categories);
  return [
    { table: 'blog_author', columns: ['id', 'username', 'email', 'is_active', 'follower_count', 'bio', 'joined_at'], rows: authors.rows },
    { table: 'blog_category', columns: ['id', 'name', 'slug'], rows: categories.map((c, i) => [i + 1, c.name, c.slug]) },
    { table: 'blog_tag', columns: ['id', 'name'], rows: tagNames.map((name, i) => [i + 1, name]) },
    {
      table: 'blog_post',
      columns: ['id', 'title', 'slug', 'content', 'full_text', 'author_id', 'category_id', 'published', 'published_date', 'created_at', 'view_count'],
      rows: posts.rows,
    },
    { table: 'blog_post_tags', columns: ['id', 'post_id', 'tag_id'], rows: generatePostTags(seed, posts.drafts, categories, tagNames) },
    {
      table: 'blog_comment',
      columns: ['id', 'post_id', 'author_id', 'body', 'rating', 'created_at'],
      rows: generateComments(spec, seed, posts.drafts, posts.viewCounts, categories),
    },
  ];
}
