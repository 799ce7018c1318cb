// Indexes and query plans: explain() shows how SQLite will run a query (EXPLAIN QUERY PLAN).
// Filtering on an unindexed column reads every row (SCAN); after adding an index the way
// a migration would (Django's `with connection.schema_editor() as editor:`), SQLite jumps
// straight to the matching rows (SEARCH ... USING INDEX).
// Expect 9 statements: EXPLAIN; the schema editor's PRAGMA foreign_keys = OFF and check,
// BEGIN, CREATE INDEX, PRAGMA foreign_key_check, COMMIT, PRAGMA foreign_keys = ON; EXPLAIN.
const oneStar = Comment.objects.filter({ rating: 1 });
// Each plan line is "id parent notused detail": keep the detail.
const plan = () => oneStar.explain().split('\n').map((line) => line.split(' ').slice(3).join(' '));

print('before:', plan());

connection.schema_editor((editor) => editor.add_index(Comment, Index({ fields: ['rating'], name: 'comment_rating_idx' })));

print('after: ', plan());
