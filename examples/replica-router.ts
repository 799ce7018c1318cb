// A read replica and a database router: the router sends reads to 'replica' and writes
// to 'default' (the query log shows each statement's alias). An instance remembers the
// database it was read from or saved to (post._state.db). Here nothing copies writes to
// the replica, like replication lag at its worst: read your own writes with using('default').
// Expect 5 statements: 2 reads on replica, the UPDATE on default, then one read on each.
class PrimaryReplicaRouter {
  db_for_read(model, hints) { return 'replica'; }
  db_for_write(model, hints) { return 'default'; }
  allow_relation(obj1, obj2, hints) { return true; }
}
settings.DATABASE_ROUTERS = [new PrimaryReplicaRouter()];

const post = Post.objects.get({ pk: 1 });
print(post.title, 'read from', post._state.db, '- author from', post.author._state.db);

post.view_count += 1;
post.save(); // db_for_write: default
print('saved to', post._state.db);

print('replica says', Post.objects.get({ pk: 1 }).view_count);
print('default says', Post.objects.using('default').get({ pk: 1 }).view_count);
