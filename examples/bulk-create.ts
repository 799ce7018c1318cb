// Inserting many rows: save() in a loop runs one INSERT per object;
// bulk_create() inserts them in batches: here 2 INSERTs for 150 tags, between BEGIN and COMMIT.
// Expect 5 statements: BEGIN, 2 INSERTs, COMMIT, then the COUNT.
const tags = range(150).map((i) => new Tag({ name: `bulk-tag-${i}` }));
Tag.objects.bulk_create(tags, { batch_size: 100 });

print(Tag.objects.filter({ name__startswith: 'bulk-tag-' }).count(), 'tags created');
