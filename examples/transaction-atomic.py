# transaction.atomic(), in Django's Python: the writes inside the block commit together
# or not at all. An exception leaving the block rolls everything back (ROLLBACK).
# A nested atomic() is a SAVEPOINT: an inner failure undoes only the inner block.
# Expect 14 statements, 7 of them transaction control (BEGIN, SAVEPOINT, ROLLBACK, ...).
from django.db import IntegrityError, transaction

try:
    with transaction.atomic():
        Tag.objects.create(name='rust')
        Post.objects.filter(pk=1).update(view_count=0)
        raise ValueError('payment failed')  # anything raised inside rolls back
except ValueError as error:
    print('rolled back:', error)

print('tag exists:', Tag.objects.filter(name='rust').exists())
print('views kept:', Post.objects.get(pk=1).view_count)

with transaction.atomic():
    Tag.objects.create(name='go')
    try:
        with transaction.atomic():  # SAVEPOINT
            Tag.objects.create(name='python')  # already exists
    except IntegrityError:
        print('inner block rolled back to its savepoint')
print('tags now:', Tag.objects.count(), '(go was kept)')
