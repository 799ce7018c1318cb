/** Python names that cannot be JavaScript variable names (strict mode), renamed with a trailing `$`. */
const JS_RESERVED = new Set([
  'arguments', 'await', 'case', 'catch', 'const', 'debugger', 'default', 'delete', 'do', 'enum', 'eval', 'export',
  'extends', 'function', 'implements', 'instanceof', 'interface', 'let', 'new', 'null', 'package', 'private',
  'protected', 'public', 'static', 'super', 'switch', 'this', 'throw', 'true', 'false', 'typeof', 'undefined',
  'var', 'void', 'yield', 'NaN', 'Infinity',
]);

/** The JavaScript variable for a Python name. */
export function jsName(name: string): string {
  return JS_RESERVED.has(name) ? name + '$' : name;
}

/** The Python name for a JavaScript variable (undoes jsName, for NameError messages). */
export function pythonName(name: string): string {
  return name.endsWith('$') && JS_RESERVED.has(name.slice(0, -1)) ? name.slice(0, -1) : name;
}

/** A JavaScript string literal (line separators escaped so line numbers stay Python's). */
export function jsString(text: string): string {
  return JSON.stringify(text).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** An object-literal key for a Python keyword argument name. */
export function jsKey(name: string): string {
  return name === '__proto__' ? '["__proto__"]' : name;
}
