/**
 * Dataset sizes as the page shows them, without importing the generator (its
 * vocabulary would weigh on the first load). tests/playground/datasets.test.ts
 * keeps these equal to BLOG_SIZES.
 */
import type { BlogSize } from '../runner/protocol';

export const DATASET_SIZES: BlogSize[] = ['tiny', 'default', 'large'];

/** Posts per size: the scale axis of the comparison chart. */
export const POSTS_PER_SIZE: Record<BlogSize, number> = { tiny: 60, default: 2000, large: 20000 };

export function isBlogSize(value: unknown): value is BlogSize {
  return typeof value === 'string' && (DATASET_SIZES as string[]).includes(value);
}
