import { describe, expect, it } from 'vitest';
import { md5, md5Bytes, utf8Encode } from '../../lib/db/md5';
import {
  createIndexName,
  fieldsOrders,
  indexNameForModelIndex,
  namesDigest,
  splitIdentifier,
  truncateName,
} from '../../lib/db/names';

// Expected values below come from CPython's hashlib and Django 5.2 itself
// (schema editor `_create_index_name`, `Index.set_name_with_model`, `truncate_name`).

describe('md5', () => {
  it.each([
    ['', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['a', '0cc175b9c0f1b6a831c399e269772661'],
    ['abc', '900150983cd24fb0d6963f7d28e17f72'],
    ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
    ['The quick brown fox jumps over the lazy dog', '9e107d9d372bb6826bd81d3542a419d6'],
    ['12345678901234567890'.repeat(4), '57edf4a22be3c955ac49da2e2107b67a'],
    ['x'.repeat(55), '04364420e25c512fd958a70738aa8f72'],
    ['x'.repeat(56), '668a72d5ba17f08e62dabcafad6db14b'],
    ['x'.repeat(63), '7dc2ca208106a2f703567bdff99d8981'],
    ['x'.repeat(64), 'c1bb4f81d892b2d57947682aeb252456'],
    ['x'.repeat(65), '1bc932052302d074bdec39795fe00cf6'],
    ['x'.repeat(1000), '398533d48111e9f664b1f64cb10c4b63'],
    ['héllo wörld ✓ 😀', '89aa2b820ceff5e2668f906e050e431d'],
  ])('md5(%j)', (text, hex) => {
    expect(md5(text)).toBe(hex);
  });

  it('hashes the UTF-8 bytes', () => {
    expect(Array.from(utf8Encode('aé✓😀'))).toEqual([
      0x61, 0xc3, 0xa9, 0xe2, 0x9c, 0x93, 0xf0, 0x9f, 0x98, 0x80,
    ]);
    expect(md5Bytes(new Uint8Array([0x61, 0x62, 0x63]))).toBe(md5('abc'));
  });
});

describe('names_digest / truncate_name / split_identifier', () => {
  it('names_digest concatenates the args', () => {
    expect(namesDigest(['a', 'b'], 8)).toBe('187ef443');
    expect(namesDigest([], 8)).toBe('d41d8cd9');
    expect(namesDigest(['héllo', '✓😀'], 32)).toBe('b0b02625807b8080cb02f4932ecfe664');
  });

  it('split_identifier', () => {
    expect(splitIdentifier('blog_post')).toEqual(['', 'blog_post']);
    expect(splitIdentifier('"blog_post"')).toEqual(['', 'blog_post']);
    expect(splitIdentifier('"USER"."TABLE"')).toEqual(['USER', 'TABLE']);
    expect(splitIdentifier('USER"."TABLE')).toEqual(['USER', 'TABLE']);
  });

  it('truncate_name', () => {
    expect(truncateName('a'.repeat(40), 30)).toBe('aaaaaaaaaaaaaaaaaaaaaaaaaa4697');
    expect(truncateName('USER"."' + 'b'.repeat(40), 30)).toBe('USER"."bbbbbbbbbbbbbbbbbbbbbbbbbb6ef8');
    expect(truncateName('short', 30)).toBe('short');
    expect(truncateName('x'.repeat(40))).toBe('x'.repeat(40));
    expect(truncateName('x'.repeat(40), 10, 6)).toBe('xxxx2e5a5d');
  });
});

describe('blog DDL index names (Django 5.2 schema editor output)', () => {
  const postColumn = (field: string) => (['author', 'category'].includes(field) ? `${field}_id` : field);

  it.each([
    // CREATE INDEX "..." ON "blog_post" ("title"); db_index / ForeignKey: suffix ''
    ['blog_post', ['title'], '', 'blog_post_title_adf2f203'],
    ['blog_post', ['slug'], '', 'blog_post_slug_b95473f2'],
    ['blog_post', ['author_id'], '', 'blog_post_author_id_dd7a8485'],
    ['blog_post', ['category_id'], '', 'blog_post_category_id_c326dbf8'],
    ['blog_post', ['published_date'], '', 'blog_post_published_date_4cd8acc3'],
    // CREATE UNIQUE INDEX ... ON "blog_post_tags" ("post_id", "tag_id"): the M2M through table
    ['blog_post_tags', ['post_id', 'tag_id'], '_uniq', 'blog_post_tags_post_id_tag_id_4925ec37_uniq'],
    ['blog_post_tags', ['post_id'], '', 'blog_post_tags_post_id_a1c71c8a'],
    ['blog_post_tags', ['tag_id'], '', 'blog_post_tags_tag_id_0875c551'],
    ['blog_comment', ['post_id'], '', 'blog_comment_post_id_580e96ef'],
    ['blog_comment', ['author_id'], '', 'blog_comment_author_id_4f11e2e0'],
  ] as const)('_create_index_name(%s, %j, %j)', (table, columns, suffix, expected) => {
    expect(createIndexName(table, columns, suffix)).toBe(expected);
  });

  it('Meta.indexes Index(fields=["published_date", "category"])', () => {
    // Hash data uses the *column* names: blog_post + published_date + category_id + idx.
    expect(indexNameForModelIndex('blog_post', ['published_date', 'category'], postColumn)).toBe(
      'blog_post_publish_3eb08d_idx',
    );
  });

  it('Meta.indexes Index(fields=["-created_at"])', () => {
    // Descending columns are hashed with a '-' prefix: blog_post + -created_at + idx.
    expect(indexNameForModelIndex('blog_post', ['-created_at'], postColumn)).toBe('blog_post_created_45f0c6_idx');
    expect(indexNameForModelIndex('blog_post', ['created_at'], postColumn)).not.toBe('blog_post_created_45f0c6_idx');
  });

  it('fields_orders', () => {
    expect(fieldsOrders(['-created_at', 'title'])).toEqual([
      ['created_at', 'DESC'],
      ['title', ''],
    ]);
  });
});

describe('long and unusual names (Django 5.2 output)', () => {
  it('_create_index_name shortens past 200 characters', () => {
    expect(createIndexName('blog_post', ['a'.repeat(150), 'b'.repeat(80)], '_uniq')).toBe(
      `blog_post_${'a'.repeat(92)}_a54069e9_uniq`,
    );
    expect(createIndexName('t'.repeat(150), ['c'.repeat(150)], '_fk_' + 'z'.repeat(100))).toBe(
      `${'t'.repeat(66)}_${'c'.repeat(66)}_3ddf649e_fk_${'z'.repeat(54)}`,
    );
  });

  it('_create_index_name prepends D to names starting with "_" or a digit', () => {
    expect(createIndexName('_tbl'.repeat(60), ['col'])).toBe(`D${'_tbl'.repeat(23)}_tb_col_f7c6456`);
    expect(createIndexName('1tbl'.repeat(60), ['col'])).toBe(`D${'1tbl'.repeat(23)}1tb_col_6243e1a`);
  });

  it('_create_index_name strips quotes and counts code points', () => {
    expect(createIndexName('"blog_post"', ['title'])).toBe('blog_post_title_adf2f203');
    expect(createIndexName('blog_pöst', ['tïtle'])).toBe('blog_pöst_tïtle_19b83c08');
    expect(createIndexName('é'.repeat(150), ['ü'.repeat(150)])).toBe(
      `${'é'.repeat(95)}_${'ü'.repeat(95)}_7fb0df9c`,
    );
  });

  it('Index.set_name_with_model edge cases', () => {
    const col = (f: string) => (f === 'fk' ? 'fk_id' : f);
    expect(indexNameForModelIndex('_weird', ['a', '-fk'], col)).toBe('Dweird_a_6490e4_idx');
    expect(indexNameForModelIndex('9table_with_long_name', ['-bcd'])).toBe('Dtable_with_bcd_58324a_idx');
    expect(indexNameForModelIndex('"sch"."tbl"', ['ab'])).toBe('tbl_ab_52218c_idx');
    expect(() => indexNameForModelIndex('blog_post', ['title'], undefined, 'toolong!')).toThrow(
      'Index too long for multiple database support. Is self.suffix longer than 3 characters?',
    );
    expect(() => indexNameForModelIndex('blog_post', [])).toThrow(
      'At least one field or expression is required to define an index.',
    );
  });
});
