tags = [Tag(name=f'bulk-tag-{i}') for i in range(150)]
Tag.objects.bulk_create(tags, batch_size=100)

print(Tag.objects.filter(name__startswith='bulk-tag-').count(), 'tags created')
