// The dashboard header: is anything waiting to be published, and how big is the blog?
const drafts = Post.objects.filter({ published: false });
if (drafts.exists()) print('You have drafts waiting.');
print('Published posts:', Post.objects.filter({ published: true }).count());

// The "most read" box: how many posts passed 20,000 views, then their titles.
const hits = Post.objects.filter({ view_count__gte: 20000 }).order_by('-view_count');
print(len(hits), 'posts with 20,000+ views:'); // runs the query once and caches the rows
for (const post of hits) print('-', post.title); // reuses the cached rows: no query
