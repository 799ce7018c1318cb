import type { Apps } from '../../orm/apps';
import {
  BooleanField,
  CASCADE,
  CharField,
  DateTimeField,
  ForeignKey,
  Index,
  IntegerField,
  ManyToManyField,
  Model,
  SET_NULL,
  SlugField,
  TextField,
  type ModelClass,
} from '../../orm';

export interface BlogModels {
  Author: ModelClass;
  Category: ModelClass;
  Tag: ModelClass;
  Post: ModelClass;
  Comment: ModelClass;
}

/**
 * The blog models (the same schema as the Django reference project), as fresh
 * classes registered in `apps`: each run gets its own, so models a learner
 * declares never leak into the next run.
 */
export function defineBlogModels(apps: Apps): BlogModels {
  class Author extends Model {
    static override fields = {
      username: CharField({ max_length: 150, unique: true }),
      email: CharField({ max_length: 254 }),
      is_active: BooleanField({ default: true }),
      follower_count: IntegerField({ default: 0 }),
      bio: TextField({ blank: true }),
      joined_at: DateTimeField(),
    };
    override toString() {
      return String(this.username);
    }
  }

  class Category extends Model {
    static override fields = {
      name: CharField({ max_length: 100 }),
      slug: SlugField({ unique: true }),
    };
    override toString() {
      return String(this.name);
    }
  }

  class Tag extends Model {
    static override fields = {
      name: CharField({ max_length: 50, unique: true }),
    };
    override toString() {
      return String(this.name);
    }
  }

  class Post extends Model {
    static override fields = {
      title: CharField({ max_length: 200, db_index: true }),
      slug: SlugField({ max_length: 200 }),
      content: TextField(),
      full_text: TextField({ blank: true }),
      author: ForeignKey(() => Author, { on_delete: CASCADE }),
      category: ForeignKey(() => Category, { on_delete: SET_NULL, null: true }),
      tags: ManyToManyField(() => Tag, { blank: true }),
      published: BooleanField({ null: true, default: false }),
      published_date: DateTimeField({ null: true, db_index: true }),
      created_at: DateTimeField(),
      view_count: IntegerField({ null: true, default: 0 }),
    };
    static override Meta = {
      indexes: [Index({ fields: ['published_date', 'category'] }), Index({ fields: ['-created_at'] })],
    };
    override toString() {
      return String(this.title);
    }
  }

  class Comment extends Model {
    static override fields = {
      post: ForeignKey(() => Post, { on_delete: CASCADE }),
      author: ForeignKey(() => Author, { on_delete: SET_NULL, null: true }),
      body: TextField(),
      rating: IntegerField(),
      created_at: DateTimeField(),
    };
  }

  apps.register(Author, Category, Tag, Post, Comment);
  return { Author, Category, Tag, Post, Comment };
}
