/** Word lists for the `blog` dataset generator (blog-data.ts). Order matters: sizes take prefixes. */

export interface ReferenceAuthor {
  username: string;
  followers: number;
  active: boolean;
  /** Relative share of posts (0 = never posts). */
  postWeight: number;
}

/** The 12 authors of the real-Django reference fixture, first in every size. */
export const REFERENCE_AUTHORS: readonly ReferenceAuthor[] = [
  { username: 'alice', followers: 1200, active: true, postWeight: 20 },
  { username: 'bob', followers: 35, active: true, postWeight: 6 },
  { username: 'carol', followers: 480, active: true, postWeight: 5 },
  { username: 'dave', followers: 0, active: false, postWeight: 1 },
  { username: 'erin', followers: 7500, active: true, postWeight: 16 },
  { username: 'frank', followers: 150, active: true, postWeight: 1.5 },
  { username: 'grace', followers: 90, active: true, postWeight: 6 },
  { username: 'heidi', followers: 2600, active: true, postWeight: 4 },
  { username: 'ivan', followers: 12, active: true, postWeight: 1 },
  { username: 'judy', followers: 300, active: true, postWeight: 5 },
  { username: 'mallory', followers: 60, active: false, postWeight: 1 },
  { username: 'banned_user', followers: 5, active: false, postWeight: 0 },
];

export interface CategoryTopic {
  name: string;
  slug: string;
  /** Share of posts in this category, relative to the others. */
  weight: number;
  /** Noun phrases used in titles, sentences, comments and bios. */
  subjects: readonly string[];
  /** Tags that fit the topic (used only when the size has them). */
  tags: readonly string[];
}

export const CATEGORIES: readonly CategoryTopic[] = [
  {
    name: 'Technology', slug: 'tech', weight: 30,
    subjects: ['the Django ORM', 'N+1 queries', 'query optimization', 'lazy evaluation', 'select_related',
      'prefetch_related', 'type hints', 'async views', 'background jobs', 'API design', 'code review',
      'Python packaging', 'legacy code', 'feature flags', 'the request cycle', 'template caching'],
    tags: ['python', 'django', 'javascript', 'performance', 'testing', 'orm', 'api', 'async', 'typescript', 'caching'],
  },
  {
    name: 'Travel', slug: 'travel', weight: 12,
    subjects: ['night trains', 'Lisbon on a budget', 'hiking in the Alps', 'packing light', 'street markets',
      'slow travel', 'the Japanese rail pass', 'travel insurance', 'hostels', 'road trips in Patagonia',
      'jet lag', 'travelling with kids', 'remote islands', 'local buses', 'travel photography'],
    tags: ['hiking', 'europe', 'asia', 'budget-travel', 'photography'],
  },
  {
    name: 'Food', slug: 'food', weight: 12,
    subjects: ['sourdough', 'cast iron pans', 'weeknight dinners', 'fermentation', 'knife skills',
      'homemade pasta', 'coffee brewing', 'meal prep', 'spice blends', 'street food', 'vegetarian curries',
      'baking bread', 'seasonal vegetables', 'slow cooking', 'kitchen gadgets'],
    tags: ['cooking', 'baking', 'coffee', 'vegetarian', 'street-food'],
  },
  {
    name: 'Science', slug: 'science', weight: 10,
    subjects: ['black holes', 'gravitational waves', 'CRISPR', 'climate models', 'the placebo effect',
      'quantum computing', 'exoplanets', 'the microbiome', 'peer review', 'dark matter', 'sleep research',
      'citizen science', 'particle physics', 'coral reefs', 'vaccine trials'],
    tags: ['physics', 'astronomy', 'biology', 'climate'],
  },
  {
    name: 'Databases', slug: 'databases', weight: 14,
    subjects: ['database indexes', 'query plans', 'connection pooling', 'SQLite', 'PostgreSQL',
      'transactions', 'foreign keys', 'schema migrations', 'composite indexes', 'EXPLAIN output',
      'denormalization', 'full-text search', 'read replicas', 'deadlocks', 'pagination', 'bulk inserts'],
    tags: ['sql', 'postgresql', 'sqlite', 'mysql', 'indexing', 'performance', 'orm', 'django'],
  },
  {
    name: 'Web Development', slug: 'web-development', weight: 10,
    subjects: ['CSS grid', 'accessibility', 'web performance', 'server-side rendering', 'forms',
      'state management', 'HTTP caching', 'web components', 'bundle size', 'progressive enhancement',
      'REST APIs', 'authentication', 'image optimization', 'responsive design', 'TypeScript'],
    tags: ['javascript', 'typescript', 'react', 'css', 'api', 'performance'],
  },
  {
    name: 'DevOps', slug: 'devops', weight: 7,
    subjects: ['Docker images', 'Kubernetes', 'CI pipelines', 'zero-downtime deploys', 'monitoring',
      'log aggregation', 'infrastructure as code', 'on-call rotations', 'incident reviews', 'load balancers',
      'blue-green deployments', 'container security', 'backups', 'alert fatigue', 'Linux servers'],
    tags: ['devops', 'docker', 'kubernetes', 'ci', 'monitoring', 'linux', 'git'],
  },
  {
    name: 'Careers', slug: 'careers', weight: 5,
    subjects: ['technical interviews', 'remote work', 'mentoring', 'career changes', 'salary negotiation',
      'burnout', 'writing a resume', 'public speaking', 'staff engineering', 'side projects',
      'working in open source', 'onboarding', 'giving feedback', 'learning in public', 'managing up'],
    tags: ['career', 'remote-work', 'productivity', 'open-source'],
  },
  {
    name: 'Data Science', slug: 'data-science', weight: 4,
    subjects: ['pandas', 'feature engineering', 'A/B tests', 'dashboards', 'data cleaning',
      'time series', 'model evaluation', 'notebooks', 'data pipelines', 'statistics',
      'recommendation systems', 'outliers', 'sampling bias', 'data visualisation', 'machine learning'],
    tags: ['python', 'pandas', 'machine-learning', 'sql'],
  },
  {
    name: 'Security', slug: 'security', weight: 3,
    subjects: ['SQL injection', 'password hashing', 'CSRF tokens', 'dependency audits', 'secrets management',
      'two-factor authentication', 'rate limiting', 'content security policies', 'threat modelling',
      'session handling', 'phishing', 'security headers', 'access control', 'audit logs', 'encryption at rest'],
    tags: ['security', 'django', 'api', 'linux'],
  },
  {
    name: 'Photography', slug: 'photography', weight: 3,
    subjects: ['film cameras', 'golden hour', 'street photography', 'prime lenses', 'photo editing',
      'composition', 'long exposures', 'portrait lighting', 'drone photography', 'black and white',
      'landscape photography', 'camera bags', 'photo walks', 'printing photos', 'manual focus'],
    tags: ['photography', 'hiking', 'europe'],
  },
  {
    name: 'Books', slug: 'books', weight: 3,
    subjects: ['science fiction', 'reading habits', 'technical books', 'book clubs', 'audiobooks',
      'classic novels', 'short stories', 'biographies', 'poetry', 'library cards', 'e-readers',
      'writing a book', 'translated fiction', 'graphic novels', 'reading lists'],
    tags: ['books', 'productivity', 'career'],
  },
];

/** Tags: the reference fixture's 8 first, then 42 more (50 in all). */
export const TAG_NAMES: readonly string[] = [
  'python', 'django', 'javascript', 'sql', 'performance', 'testing', 'devops', 'career',
  'postgresql', 'sqlite', 'react', 'typescript', 'docker', 'orm', 'caching', 'api', 'indexing', 'async',
  'css', 'kubernetes', 'security', 'git', 'linux', 'ci', 'monitoring', 'cooking', 'hiking', 'physics',
  'coffee', 'europe', 'mysql', 'rust', 'go', 'machine-learning', 'pandas', 'astronomy', 'biology',
  'climate', 'baking', 'vegetarian', 'street-food', 'asia', 'budget-travel', 'photography', 'books',
  'productivity', 'remote-work', 'open-source', 'beginners', 'tutorial',
];

export const FIRST_NAMES: readonly string[] = [
  'james', 'mary', 'john', 'patricia', 'robert', 'jennifer', 'michael', 'linda', 'william', 'elizabeth',
  'david', 'barbara', 'richard', 'susan', 'joseph', 'jessica', 'thomas', 'sarah', 'charles', 'karen',
  'daniel', 'nancy', 'matthew', 'lisa', 'anthony', 'sandra', 'mark', 'ashley', 'paul', 'emily',
  'andrew', 'michelle', 'joshua', 'amanda', 'kevin', 'melissa', 'brian', 'laura', 'george', 'rebecca',
  'lucas', 'sofia', 'mateo', 'valentina', 'noah', 'amara', 'liam', 'chloe', 'arjun', 'priya',
  'kenji', 'yuki', 'omar', 'fatima', 'ivan', 'olga', 'pierre', 'camille', 'diego', 'lucia',
];

export const LAST_NAMES: readonly string[] = [
  'smith', 'johnson', 'williams', 'brown', 'jones', 'garcia', 'miller', 'davis', 'rodriguez', 'martinez',
  'hernandez', 'lopez', 'wilson', 'anderson', 'thomas', 'taylor', 'moore', 'jackson', 'martin', 'lee',
  'perez', 'thompson', 'white', 'harris', 'clark', 'lewis', 'robinson', 'walker', 'young', 'allen',
  'king', 'wright', 'scott', 'green', 'baker', 'adams', 'nelson', 'hill', 'campbell', 'mitchell',
  'mueller', 'schmidt', 'rossi', 'bianchi', 'dubois', 'moreau', 'silva', 'santos', 'kowalski', 'novak',
  'tanaka', 'sato', 'kim', 'park', 'nguyen', 'chen', 'wang', 'patel', 'singh', 'okafor',
];

export const EMAIL_DOMAINS: readonly string[] = ['example.com', 'example.org', 'example.net', 'mail.example.com'];

export const TITLE_TEMPLATES: readonly string[] = [
  '{S}: a practical guide', "A beginner's guide to {s}", '{n} things I learned about {s}',
  'Why you should care about {s}', 'How we rethought {s}', 'Notes on {s}', '{S} in practice',
  'The hidden cost of {s}', 'Getting started with {s}', '{S} vs {s2}', 'What nobody tells you about {s}',
  'Lessons from a year of {s}', 'A closer look at {s}', '{S}, explained', 'Rethinking {s}',
  'Common mistakes with {s}', '{n} tips for {s}', 'From {s} to {s2}', 'Is it worth learning {s}?',
  'My favourite resources on {s}',
];

export const SENTENCE_TEMPLATES: readonly string[] = [
  'Getting {s} right is easier once you start measuring.',
  'Most of the trouble with {s} comes from assumptions nobody wrote down.',
  'We spent a week on {s} and the results surprised everyone.',
  'If you only remember one thing about {s}, make it this one.',
  'The first attempt at {s} was slow, and the second one was simply wrong.',
  'A small change in {s} can have a large effect on {s2}.',
  '{S} and {s2} are more closely related than they look.',
  'It is tempting to ignore {s} until it is too late.',
  'Here is the checklist I now use for {s}.',
  'The documentation on {s} is good, but the examples are thin.',
  'Nobody on the team expected {s} to matter this much.',
  'Looking back, {s} deserved more attention from the start.',
  'Start with {s}, then worry about {s2}.',
  'There is no single right answer for {s}, only trade-offs.',
  'The numbers below compare {s} with {s2} over several weeks.',
  'I keep coming back to {s} because it keeps paying off.',
  'Each time we revisited {s}, we found something new.',
  'Experienced people disagree about {s}, and that is fine.',
  'The short version: be patient with {s}.',
  'Once we had {s} under control, {s2} became much simpler.',
  'A friend asked me about {s} last week, so here are my notes.',
  'You can learn the basics of {s} in an afternoon.',
];

export const FILLER_SENTENCES: readonly string[] = [
  'That was the turning point.', 'In hindsight, the fix was obvious.', 'Your mileage may vary.',
  'Let me explain why.', 'The details are worth a closer look.', 'This took longer than planned.',
  'It is a common story.', 'We measured before and after.', 'The difference was striking.',
  'More on that below.', 'Not everyone agreed at first.', 'The rest of this post shows how.',
];

export const COMMENT_TEMPLATES: readonly string[] = [
  'Great post, thanks for sharing!', 'This is exactly what I needed for {s}.',
  'Could you write a follow-up on {s}?', 'I tried this with {s} and it worked on the first try.',
  'Not sure I agree about {s}, but the examples are clear.', 'Bookmarked. The part about {s} is gold.',
  'We hit the same problem with {s} last month.', 'Clear and to the point.',
  'Any thoughts on how this compares to {s}?', 'Thanks! The section on {s} saved me hours.',
  'I think there is a typo in the second paragraph.', 'Worked for me, although {s} needed a small tweak.',
  'Interesting read.', 'Shared this with my team.', 'How does this hold up with {s}?',
  'I have been doing {s} for years and still learned something.', 'Great write-up, keep them coming.',
];

export const BIO_ROLES: readonly string[] = [
  'Backend developer', 'Data engineer', 'Travel writer', 'Home cook', 'Physics teacher',
  'Engineering manager', 'Freelance photographer', 'PhD student', 'Site reliability engineer',
  'Product designer', 'Hobbyist baker', 'Technical writer', 'Full-stack developer', 'Retired engineer',
];

export const BIO_CITIES: readonly string[] = [
  'Lisbon', 'Berlin', 'Nairobi', 'Toronto', 'Osaka', 'Buenos Aires', 'Melbourne', 'Warsaw', 'Austin',
  'Dublin', 'Seoul', 'Lyon', 'Cape Town', 'Oslo',
];
