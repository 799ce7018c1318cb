/**
 * Django's exception classes, with the same names and messages, so that a
 * learner sees `FieldError: Cannot resolve keyword 'titel' into field. ...`.
 * `error.name` is the class name Django prints.
 */
export class DjangoError extends Error {
  constructor(message = '') {
    super(message);
    this.name = new.target.name;
  }
}

export class FieldDoesNotExist extends DjangoError {}
export class FieldError extends DjangoError {}
/** An expression whose output type cannot be inferred (django.db.models.expressions.OutputFieldIsNoneError). */
export class OutputFieldIsNoneError extends FieldError {}
export class ObjectDoesNotExist extends DjangoError {}
export class MultipleObjectsReturned extends DjangoError {}
export class ValidationError extends DjangoError {}
export class ImproperlyConfigured extends DjangoError {}
/** Django raises Python's ValueError in many argument checks. */
export class ValueError extends DjangoError {}
/** Python's AttributeError (e.g. a bad prefetch_related lookup). */
export class AttributeError extends DjangoError {}
/** Python's TypeError for wrong arguments; distinct from JavaScript's own TypeError. */
export class PyTypeError extends DjangoError {
  constructor(message = '') {
    super(message);
    this.name = 'TypeError';
  }
}
export class IndexError extends DjangoError {}
export class NotImplementedError extends DjangoError {}

export class DatabaseError extends DjangoError {
  /** The statement that failed, for SQL errors surfaced from SQLite. */
  sql?: string;
}
export class OperationalError extends DatabaseError {}
export class IntegrityError extends DatabaseError {}
export class ProgrammingError extends DatabaseError {}
export class NotSupportedError extends DatabaseError {}
export class TransactionManagementError extends ProgrammingError {}

export class ProtectedError extends IntegrityError {
  constructor(
    message: string,
    readonly protected_objects: Set<unknown>,
  ) {
    super(message);
  }
}

export class RestrictedError extends IntegrityError {
  constructor(
    message: string,
    readonly restricted_objects: Set<unknown>,
  ) {
    super(message);
  }
}

/**
 * An exception the compiler raises and catches itself, often several times per
 * query (an empty WHERE raises FullResultSet on every compile), so it skips the
 * stack trace, whose capture costs more than compiling the clause.
 */
class CompilerSignal extends DjangoError {
  constructor() {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super();
    Error.stackTraceLimit = limit;
  }
}

/** Raised inside the compiler when a WHERE can match nothing (Django's EmptyResultSet). */
export class EmptyResultSet extends CompilerSignal {}
/** Raised inside the compiler when a WHERE matches everything (Django's FullResultSet). */
export class FullResultSet extends CompilerSignal {}
