import { expect, it } from 'vitest';
import { BLOG_SIZES } from '../../lib/db/datasets/blog-data';
import { DATASET_SIZES, POSTS_PER_SIZE } from '../../lib/playground/datasets';

it('the page knows the dataset sizes the generator makes', () => {
  expect(DATASET_SIZES).toEqual(Object.keys(BLOG_SIZES));
  for (const size of DATASET_SIZES) expect(POSTS_PER_SIZE[size]).toBe(BLOG_SIZES[size].posts);
});
