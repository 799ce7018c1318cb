/**
 * Lets a class be called like a Python constructor, without `new`:
 * `CharField({ max_length: 100 })`, `Count('post')`, `Q({ published: true })`.
 * `new`, `instanceof` and `extends` keep working.
 */
export type Callable<C extends abstract new (...args: never[]) => unknown> = C &
  ((...args: ConstructorParameters<C>) => InstanceType<C>);

export function callable<C extends abstract new (...args: never[]) => unknown>(cls: C): Callable<C> {
  return new Proxy(cls, {
    apply(target, _this, args) {
      return Reflect.construct(target, args);
    },
  }) as Callable<C>;
}
