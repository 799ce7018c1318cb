/** A position in the learner's Python source (1-based). */
export interface SourcePosition {
  line: number;
  column: number;
}

/**
 * JavaScript output that keeps every Python construct on its source line: text
 * is appended to the current line and `moveTo(line)` only ever adds newlines,
 * so V8's line numbers are the Python line numbers. Marks record which Python
 * column a JavaScript column came from, for error columns.
 */
export class JsWriter {
  private readonly lines: string[] = [''];
  /** Per JavaScript line: flat [jsColumn, pyLine, pyColumn, ...] triples, by increasing jsColumn. */
  private readonly marks: number[][] = [[]];

  get line(): number {
    return this.lines.length;
  }

  write(text: string): void {
    this.lines[this.lines.length - 1] += text;
  }

  moveTo(line: number): void {
    while (this.lines.length < line) {
      this.lines.push('');
      this.marks.push([]);
    }
  }

  /** The next text written comes from this Python position. */
  mark(line: number, column: number): void {
    const i = this.lines.length - 1;
    this.marks[i].push(this.lines[i].length + 1, line, column);
  }

  toString(): string {
    return this.lines.join('\n');
  }

  /** Maps a V8 (line, column) in the output back to the Python source. */
  positionMap(): (line: number, column: number) => SourcePosition {
    const marks = this.marks;
    return (line, column) => {
      const m = marks[line - 1];
      if (!m || !m.length) return { line, column: 1 };
      let best = 0;
      for (let k = 0; k < m.length; k += 3) {
        if (m[k] <= column) best = k;
        else break;
      }
      return { line: m[best + 1], column: m[best + 2] };
    };
  }
}
