import { ImproperlyConfigured, MultipleObjectsReturned, ObjectDoesNotExist } from './errors';
import { Field } from './fields/field';
import { installForwardDescriptors, installReverseDescriptor } from './fields/descriptors';
import { CASCADE } from './fields/on-delete';
import { ForeignKey, ManyToManyField } from './fields/related';
import { AutoField } from './fields/scalar';
import { Manager } from './manager';
import { META, Model, type ModelClass } from './model';
import { Options, type MetaOptions } from './options';

/**
 * The app registry (Django's `apps`): every model of the current run, so
 * relations can be resolved both ways and schema/fixtures can list tables.
 */
export class Apps {
  private readonly models = new Map<string, ModelClass>();
  private pendingReverse: (ManyToManyField | ForeignKey)[] = [];
  private unresolved: (ManyToManyField | ForeignKey)[] = [];

  /** Called after a model (not an auto-created join model) is registered: the runner creates its table here. */
  onRegister: ((model: ModelClass) => void) | null = null;

  constructor(readonly default_app_label = 'blog') {}

  /** Registers models (idempotent); returns the last one's class for chaining. */
  register(...classes: ModelClass[]): ModelClass {
    const fresh = classes.filter((cls) => !Object.prototype.hasOwnProperty.call(cls, META));
    for (const cls of fresh) this.registerOne(cls);
    this.installPending();
    if (this.onRegister) for (const cls of fresh) this.onRegister(cls);
    return classes[classes.length - 1];
  }

  get_model(label: string): ModelClass {
    const [app, name] = label.includes('.') ? label.split('.') : [this.default_app_label, label];
    const model = this.models.get(`${app}.${name}`.toLowerCase());
    if (!model) throw new LookupErrorLike(`App '${app}' doesn't have a '${name}' model.`);
    return model;
  }

  get_models(includeAutoCreated = false): ModelClass[] {
    return [...this.models.values()].filter((m) => includeAutoCreated || !m._meta.auto_created);
  }

  private registerOne(cls: ModelClass): void {
    const meta: MetaOptions = Object.prototype.hasOwnProperty.call(cls, 'Meta') ? cls.Meta : {};
    const opts = new Options(cls, this, meta);
    Object.defineProperty(cls, META, { value: opts, enumerable: false });
    const label = opts.label_lower;
    const existing = this.models.get(label);
    if (existing && existing !== cls) {
      throw new ImproperlyConfigured(`Conflicting '${opts.model_name}' models in application '${opts.app_label}': ${existing.name} and ${cls.name}.`);
    }

    const declared = Object.prototype.hasOwnProperty.call(cls, 'fields') ? cls.fields : {};
    const fields = Object.entries(declared);
    for (const [name, field] of fields) {
      if (!(field instanceof Field)) {
        throw new ImproperlyConfigured(`${cls.name}.fields.${name} is not a field (got ${String(field)}). Use e.g. CharField({ max_length: 100 }).`);
      }
      if (field.model && field.model !== cls) {
        throw new ImproperlyConfigured(`${cls.name}.fields.${name} is already the field ${field} of another model; create a new field.`);
      }
    }
    if (!fields.some(([, f]) => f.primary_key)) {
      const id = new AutoField({ verbose_name: 'ID' });
      id.auto_created = true;
      this.contribute(opts, id, 'id');
    }
    for (const [name, field] of fields) this.contribute(opts, field, name);

    // Django registers an auto-created M2M join model before the model that declares it.
    for (const field of opts.local_many_to_many) {
      if (field.auto_created_through && resolvable(field)) void field.through;
    }
    this.models.set(label, cls);
    this.installManagers(cls, opts);
    this.installExceptions(cls);
    installForwardDescriptors(cls);
    for (const f of [...opts.local_fields, ...opts.local_many_to_many]) {
      if (f instanceof ForeignKey || f instanceof ManyToManyField) this.pendingReverse.push(f);
    }
    for (const model of this.models.values()) model._meta.expire_cache();
  }

  private contribute(opts: Options, field: Field, name: string): void {
    field.contribute_to_class(opts.model, name);
    const problems = field.check();
    if (problems.length) throw new ImproperlyConfigured(`${opts.object_name}.${name}: ${problems.join(' ')}`);
    opts.add_field(field);
  }

  /** `static objects = new PublishedManager()` is kept; otherwise an `objects` Manager is made. */
  private installManagers(cls: ModelClass, opts: Options): void {
    for (const name of Object.getOwnPropertyNames(cls)) {
      const value = Object.getOwnPropertyDescriptor(cls, name)?.value;
      if (value instanceof Manager) {
        value.contribute_to_class(cls, name);
        opts.managers.push(value);
      }
    }
    if (!opts.managers.length) {
      const objects = new Manager();
      objects.contribute_to_class(cls, 'objects');
      opts.managers.push(objects);
    }
    opts.default_manager = opts.managers[0];
    const base = new Manager();
    base.contribute_to_class(cls, '_base_manager');
    opts.base_manager = base;
  }

  private installExceptions(cls: ModelClass): void {
    const name = cls.name;
    const DoesNotExist = class extends ObjectDoesNotExist {};
    Object.defineProperty(DoesNotExist, 'name', { value: `${name}.DoesNotExist` });
    const Multiple = class extends MultipleObjectsReturned {};
    Object.defineProperty(Multiple, 'name', { value: `${name}.MultipleObjectsReturned` });
    Object.defineProperty(cls, 'DoesNotExist', { value: DoesNotExist, configurable: true });
    Object.defineProperty(cls, 'MultipleObjectsReturned', { value: Multiple, configurable: true });
  }

  /** Reverse accessors (`author.post_set`) need the target class; thunks may not resolve until it exists. */
  private installPending(): void {
    while (this.pendingReverse.length) {
      const field = this.pendingReverse.shift()!;
      let target: ModelClass;
      try {
        target = field.related_model;
      } catch (e) {
        if (!(e instanceof ReferenceError)) throw e;
        this.unresolved.push(field);
        continue;
      }
      if (!Object.prototype.hasOwnProperty.call(target, META)) this.registerOne(target);
      if (field instanceof ManyToManyField) void field.through;
      installReverseDescriptor(field.remote_field);
    }
    this.pendingReverse = this.unresolved;
    this.unresolved = [];
  }

  /** Django's auto-created join model for a ManyToManyField without `through`: `Post_tags` on `blog_post_tags`. */
  createThroughModel(field: ManyToManyField): ModelClass {
    const from = field.model;
    const to = field.related_model;
    let fromName = from._meta.model_name;
    let toName = to._meta.model_name;
    if (fromName === toName) {
      fromName = `from_${fromName}`;
      toName = `to_${toName}`;
    }
    const name = `${from._meta.object_name}_${field.name}`;
    const through = { [name]: class extends Model {} }[name] as ModelClass;
    through.fields = {
      [fromName]: new ForeignKey(from, { related_name: `${name}+`, on_delete: CASCADE }),
      [toName]: new ForeignKey(to, { related_name: `${name}+`, on_delete: CASCADE }),
    };
    through.Meta = {
      db_table: field.m2m_db_table(),
      auto_created: from,
      app_label: from._meta.app_label,
      unique_together: [[fromName, toName]],
    };
    this.registerOne(through);
    return through;
  }
}

function resolvable(field: ManyToManyField): boolean {
  try {
    void field.related_model;
    return true;
  } catch (e) {
    if (e instanceof ReferenceError) return false;
    throw e;
  }
}

/** Python's LookupError from apps.get_model(). */
class LookupErrorLike extends ImproperlyConfigured {
  constructor(message: string) {
    super(message);
    this.name = 'LookupError';
  }
}

