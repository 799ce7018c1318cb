/**
 * Code generation state for one JavaScript function the translator emits (the
 * module, a def, a lambda, a class body, a comprehension): its Python locals,
 * the temporaries it declares, and the loops and with-closures break/continue/
 * return must cross.
 */
export type FrameKind = 'module' | 'function' | 'class' | 'lambda' | 'comprehension';

export interface LoopFlow {
  kind: 'loop';
  /** Set on break when the loop has an `else:` clause. */
  breakFlag: string | null;
}

/** The body of a `with` block, compiled as a closure: control flow leaves it by returning a token. */
export interface ClosureFlow {
  kind: 'closure';
  usesBreak: boolean;
  usesContinue: boolean;
  usesReturn: boolean;
}

export type Flow = LoopFlow | ClosureFlow;

export class Frame {
  readonly temps: string[] = [];
  readonly flow: Flow[] = [];
  /** JavaScript variables holding the exceptions being handled (for a bare `raise`). */
  readonly handlers: string[] = [];

  constructor(
    readonly kind: FrameKind,
    readonly locals: Set<string>,
    readonly parent: Frame | null,
    /** Class bodies: the names the body binds, stored on the class namespace `$ns`. */
    readonly classNames: Set<string> | null = null,
    /** Methods: the enclosing class's name and the first parameter, for `super()`. */
    readonly method: { className: string; self: string } | null = null,
  ) {}

  get innermostFlow(): Flow | null {
    return this.flow.length ? this.flow[this.flow.length - 1] : null;
  }

  get insideClosure(): boolean {
    return this.flow.some((f) => f.kind === 'closure');
  }

  get insideLoop(): boolean {
    return this.flow.some((f) => f.kind === 'loop');
  }
}
