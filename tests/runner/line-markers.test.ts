/**
 * The line markers that tell the statement log which learner line is running,
 * without a stack trace per statement.
 */
import { describe, expect, it } from 'vitest';
import { addLineMarkers, LINE_MARKER, MarkerSyntaxError } from '../../lib/runner/line-markers';

/** Runs instrumented code and returns the lines `probe()` saw, in order. */
function linesSeenBy(js: string): number[] {
  const marker = { line: 0 };
  const seen: number[] = [];
  const probe = () => seen.push(marker.line);
  new Function(LINE_MARKER, 'probe', addLineMarkers(js).code)(marker, probe);
  return seen;
}

describe('addLineMarkers', () => {
  it('marks every statement with its line, single-statement bodies included', () => {
    const js = ['probe();', 'if (true) probe();', 'else probe();', 'for (let i = 0; i < 2; i++)', '  probe();'].join('\n');
    expect(linesSeenBy(js)).toEqual([1, 2, 5, 5]);
  });

  it("restores the caller's line when a function returns, so later calls on that line count there", () => {
    const js = ['function helper() {', '  probe();', '  return 1;', '}', 'const x = helper() + (probe(), 0);', 'const f = () => { probe(); };', 'f(); probe();'].join('\n');
    expect(linesSeenBy(js)).toEqual([2, 5, 6, 7]);
  });

  it('restores the line when a function throws', () => {
    const js = ['function boom() {', '  throw new Error("x");', '}', 'try { boom(); } catch (e) { }', 'probe();', 'try {', '  boom();', '} catch (e) { probe(); }'].join(
      '\n',
    );
    expect(linesSeenBy(js)).toEqual([5, 8]);
  });

  it('keeps a "use strict" prologue first, so it still applies', () => {
    const { code } = addLineMarkers('function f() {\n  "use strict";\n  return this;\n}');
    expect(code).toMatch(/\{\n {2}"use strict";const __caller_line/);
    expect(new Function(LINE_MARKER, code + '\nreturn f();')({ line: 0 })).toBeUndefined();
  });

  it('maps columns of instrumented lines back to the original code', () => {
    const js = 'const a = 1;\nif (a) thing.call();';
    const marked = addLineMarkers(js);
    const line2 = marked.code.split('\n')[1];
    const generated = line2.indexOf('thing') + 1;
    expect(marked.originalColumn(2, generated)).toBe(js.split('\n')[1].indexOf('thing') + 1);
    expect(marked.originalColumn(1, marked.code.split('\n')[0].indexOf('const') + 1)).toBe(1);
  });

  it('uses the given source lines (Python mode)', () => {
    const { code } = addLineMarkers('a();\nb();', (line) => line * 10);
    expect(code).toBe(`${LINE_MARKER}.line=10;a();\n${LINE_MARKER}.line=20;b();`);
  });

  it('reports a syntax error with its line and column', () => {
    let error: unknown;
    try {
      addLineMarkers('const a = 1;\nconst = 2;');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MarkerSyntaxError);
    expect(error).toMatchObject({ line: 2, column: 7, message: 'Unexpected token' });
  });
});
