/**
 * A Python snippet ORM Lab cannot translate: Python's own SyntaxError, or a
 * construct the Python mode does not support. Positions are 1-based; the
 * message ends with the line, as Python's `str(SyntaxError)` does.
 */
export class PythonSyntaxError extends Error {
  constructor(
    readonly detail: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${detail} (line ${line})`);
    this.name = 'SyntaxError';
  }
}

export function unsupported(what: string, line: number, column: number): PythonSyntaxError {
  return new PythonSyntaxError(`unsupported Python syntax: ${what}`, line, column);
}
