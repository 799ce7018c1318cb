/**
 * Django's utils.tree.Node: a connector (AND/OR/XOR), a negation flag and
 * children, with the same squashing rules when nodes are added, so that Q and
 * WHERE trees have the shape (and therefore the SQL parentheses) Django's have.
 */
export type Connector = 'AND' | 'OR' | 'XOR';

export class Node<C = unknown> {
  children: C[];
  connector: Connector;
  negated: boolean;

  constructor(children: C[] = [], connector: Connector = 'AND', negated = false) {
    this.children = children.slice();
    this.connector = connector;
    this.negated = negated;
  }

  /** A node of the same class (subclasses keep their constructor signature). */
  create(children: C[] = [], connector: Connector = 'AND', negated = false): this {
    const node = Object.create(Object.getPrototypeOf(this)) as this;
    Object.assign(node, this);
    node.children = children.slice();
    node.connector = connector;
    node.negated = negated;
    return node;
  }

  copy(): this {
    return this.create(this.children, this.connector, this.negated);
  }

  get length(): number {
    return this.children.length;
  }

  /** Adds `data` with `connType`, squashing it into this node when possible. */
  add(data: C | Node<C>, connType: Connector): C | Node<C> {
    if (this.connector !== connType) {
      const obj = this.copy();
      this.connector = connType;
      this.children = [obj as unknown as C, data as C];
      return data;
    }
    if (data instanceof Node && !data.negated && (data.connector === connType || data.children.length === 1)) {
      this.children.push(...(data.children as C[]));
      return this;
    }
    this.children.push(data as C);
    return data;
  }

  negate(): void {
    this.negated = !this.negated;
  }
}
