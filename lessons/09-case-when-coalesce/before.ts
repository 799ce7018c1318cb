// The editors' dashboard: how many posts of each category are Low (under 100
// views), Medium (under 1,000) or High. A post with no view count has 0 views.
const counts = new Map();
for (const post of Post.objects.select_related('category')) {
  const views = post.view_count ?? 0;
  const popularity = views < 100 ? 'Low' : views < 1000 ? 'Medium' : 'High';
  const category = post.category ? post.category.name : 'Uncategorized';
  const key = `${category} ${popularity}`;
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
for (const key of [...counts.keys()].sort()) print(key, counts.get(key));
