// The leaderboard: the 10 authors with the most published posts, and their total.
const rows = [];
for (const author of Author.objects.order_by('username')) {
  rows.push({
    username: author.username,
    posts: author.post_set.count(),
    published: author.post_set.filter({ published: true }).count(),
  });
}
rows.sort((a, b) => b.published - a.published); // stable: ties stay in username order
for (const row of rows.slice(0, 10)) print(row.username, row.posts, row.published);
