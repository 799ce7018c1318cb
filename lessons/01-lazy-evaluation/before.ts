// The dashboard header: is anything waiting to be published, and how big is the blog?
const drafts = Post.objects.filter({ published: false });
if (bool(drafts)) print('You have drafts waiting.');
print('Published posts:', len(Post.objects.filter({ published: true })));

// The "most read" box: how many posts passed 20,000 views, then their titles.
const hits = Post.objects.filter({ view_count__gte: 20000 }).order_by('-view_count');
print(hits.count(), 'posts with 20,000+ views:');
for (const post of hits) print('-', post.title);
