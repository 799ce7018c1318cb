class Sqrt(Func):
    function = 'SQRT'
    output_field = FloatField()

authors = (Author.objects
           .filter(follower_count__gt=100)
           .annotate(
               shout=Upper('username'),
               name_length=Length('username'),
               handle=Concat(Value('@'), 'username'),
               joined=ExtractYear('joined_at'),
               reach=Round(Sqrt('follower_count'), 2),
           )
           .order_by('-follower_count'))
for a in authors:
    print(a.shout, a.name_length, a.handle, a.joined, a.reach)

per_year = (Post.objects
            .filter(published_date__isnull=False)
            .values(year=ExtractYear('published_date'))
            .annotate(posts=Count('id'))
            .order_by('year'))
for row in per_year:
    print(row['year'], row['posts'])
