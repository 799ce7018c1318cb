// To ask "is there any?", exists() stops at the first row (SELECT 1 ... LIMIT 1);
// count() counts every matching row, and len() fetches them all. Expect 3 statements.
const tagged = Post.objects.filter({ tags__name: 'python' });

print('exists:', tagged.exists()); // SELECT 1 AS "a" ... LIMIT 1
print('count:', tagged.count()); // SELECT COUNT(*) ...
print('len:', len(tagged)); // SELECT every column of every row
