from django.test import override_settings

class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        return 'replica'

    def db_for_write(self, model, **hints):
        return 'default'

    def allow_relation(self, obj1, obj2, **hints):
        return True

with override_settings(DATABASE_ROUTERS=[PrimaryReplicaRouter()]):
    post = Post.objects.get(pk=1)
    print(post.title, 'read from', post._state.db, '- author from', post.author._state.db)

    post.view_count += 1
    post.save()
    print('saved to', post._state.db)

    print('replica says', Post.objects.get(pk=1).view_count)
    print('default says', Post.objects.using('default').get(pk=1).view_count)
