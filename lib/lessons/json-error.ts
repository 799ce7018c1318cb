/**
 * Where JSON.parse failed, and what was expected there (V8's messages do not
 * always give a position). A small recursive-descent scan of the text.
 */
export function jsonErrorAt(text: string): { offset: number; expected: string } {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  class Stop {
    constructor(readonly expected: string) {}
  }
  const fail = (expected: string): never => {
    throw new Stop(expected);
  };
  const string = () => {
    if (text[i] !== '"') fail('a string in double quotes');
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\n') fail('a closing "');
      i += text[i] === '\\' ? 2 : 1;
    }
    if (i >= text.length) fail('a closing "');
    i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        string();
        ws();
        if (text[i] !== ':') fail('":"');
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail('"," or "}"');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail('"," or "]"');
      }
    }
    if (c === '"') return string();
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i));
    if (!m) fail('a value (string, number, true, false, null, object or list)');
    i += m![0].length;
  };
  try {
    value();
    ws();
    if (i < text.length) fail('the end of the file');
    return { offset: i, expected: 'valid JSON' };
  } catch (e) {
    if (e instanceof Stop) return { offset: i, expected: e.expected };
    throw e;
  }
}
