import { globalDocs, type GlobalDocName } from '../global-docs';
import { jsdoc } from '../jsdoc';

/** Exception classes in scope (lib/orm/errors.ts, AssertionError from testing.ts): `[name, base]`. */
const errorClasses: [GlobalDocName, string][] = [
  ['DjangoError', 'Error'],
  ['FieldDoesNotExist', 'DjangoError'],
  ['FieldError', 'DjangoError'],
  ['OutputFieldIsNoneError', 'FieldError'],
  ['ObjectDoesNotExist', 'DjangoError'],
  ['MultipleObjectsReturned', 'DjangoError'],
  ['ValidationError', 'DjangoError'],
  ['ImproperlyConfigured', 'DjangoError'],
  ['ValueError', 'DjangoError'],
  ['AttributeError', 'DjangoError'],
  ['PyTypeError', 'DjangoError'],
  ['IndexError', 'DjangoError'],
  ['NotImplementedError', 'DjangoError'],
  ['DatabaseError', 'DjangoError'],
  ['OperationalError', 'DatabaseError'],
  ['IntegrityError', 'DatabaseError'],
  ['ProgrammingError', 'DatabaseError'],
  ['NotSupportedError', 'DatabaseError'],
  ['TransactionManagementError', 'ProgrammingError'],
  ['EmptyResultSet', 'DjangoError'],
  ['FullResultSet', 'DjangoError'],
  ['AssertionError', 'Error'],
];

const bodies: Partial<Record<GlobalDocName, string>> = {
  DjangoError: 'constructor(message?: string);',
  DatabaseError: '/** The statement that failed, for errors reported by SQLite. */\n  sql?: string;',
};

/** The exception classes, with Django's names (catch them with `instanceof`). */
export function errorDeclarations(): string {
  const plain = errorClasses.map(([name, base]) => `${jsdoc(globalDocs[name])}\ndeclare class ${name} extends ${base} {${bodies[name] ? `\n  ${bodies[name]}\n` : ''}}`);
  const withObjects = (['ProtectedError', 'RestrictedError'] as const).map(
    (name) => `${jsdoc(globalDocs[name])}
declare class ${name} extends IntegrityError {
  constructor(message: string, ${name === 'ProtectedError' ? 'protected_objects' : 'restricted_objects'}: Set<unknown>);
  /** The objects that prevented the delete. */
  readonly ${name === 'ProtectedError' ? 'protected_objects' : 'restricted_objects'}: Set<Model>;
}`,
  );
  return [...plain, ...withObjects].join('\n');
}
