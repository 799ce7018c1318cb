/**
 * The sandbox's two languages outside the page: code autosaved per language
 * (neither overwrites the other), share links that carry the language, what
 * the editor shows after a switch, and the hint for code in the wrong language.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { guessLanguage, languageMismatch } from '../../lib/playground/language';
import { decodeShare, encodeShare, shareUrl } from '../../lib/playground/share';
import { ALL_SNIPPETS, codeAfterSwitch, DEFAULT_SNIPPET, snippetById, snippetByCode } from '../../lib/playground/snippets';
import { isLearnerLanguage, languageKey, load, save } from '../../lib/playground/storage';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

describe('autosave per language', () => {
  let storage: MemoryStorage;
  beforeEach(() => {
    storage = new MemoryStorage();
    (globalThis as { localStorage?: unknown }).localStorage = storage;
  });
  afterEach(() => {
    delete (globalThis as { localStorage?: unknown }).localStorage;
  });

  it('TypeScript keeps the key code was saved under before the Python mode; Python has its own', () => {
    expect(languageKey('sandbox:code', 'typescript')).toBe('sandbox:code');
    expect(languageKey('sandbox:code', 'python')).toBe('sandbox:code:python');
    expect(languageKey('sandbox:baseline', 'python')).toBe('sandbox:baseline:python');
  });

  it('saving one language never touches the other', () => {
    save(languageKey('sandbox:code', 'typescript'), 'print(Post.objects.count());');
    save(languageKey('sandbox:code', 'python'), 'print(Post.objects.count())');
    save(languageKey('sandbox:code', 'python'), 'print(Author.objects.count())');
    expect(load(languageKey('sandbox:code', 'typescript'))).toBe('print(Post.objects.count());');
    expect(load(languageKey('sandbox:code', 'python'))).toBe('print(Author.objects.count())');
    expect([...storage.items.keys()].sort()).toEqual(['orm-lab:sandbox:code', 'orm-lab:sandbox:code:python']);
  });

  it('only the two languages are accepted from storage', () => {
    expect(isLearnerLanguage('python')).toBe(true);
    expect(isLearnerLanguage('typescript')).toBe(true);
    expect(isLearnerLanguage('Python')).toBe(false);
    expect(isLearnerLanguage(null)).toBe(false);
  });
});

describe('share links with the language', () => {
  const python = "for post in Post.objects.select_related('author')[:3]:\n    print(post.author.username)\n";

  it('round-trips Python code with its language and size', () => {
    const hash = encodeShare({ code: python, size: 'tiny', language: 'python' });
    expect(hash).toMatch(/^code=[A-Za-z0-9+\-$]+&size=tiny&lang=python$/);
    expect(decodeShare(`#${hash}`)).toEqual({ code: python, size: 'tiny', language: 'python' });
    const url = shareUrl({ origin: 'http://127.0.0.1:3000', pathname: '/sandbox' }, { code: python, language: 'python' });
    expect(decodeShare(new URL(url).hash)).toEqual({ code: python, language: 'python' });
  });

  it('TypeScript links are unchanged (no lang), and a link without lang is TypeScript', () => {
    const code = 'print(Post.objects.count());';
    expect(encodeShare({ code, language: 'typescript' })).toBe(encodeShare({ code }));
    expect(decodeShare(`#${encodeShare({ code })}`)).toEqual({ code });
  });

  it('ignores an unknown language', () => {
    const hash = `${encodeShare({ code: 'x' })}&lang=ruby`;
    expect(decodeShare(hash)).toEqual({ code: 'x' });
  });
});

describe('what the editor shows after a switch', () => {
  const mine = 'print(Author.objects.count())\n';

  it('an unmodified example switches to the same example in the other language', () => {
    const prefetch = snippetById('prefetch-m2m')!;
    expect(codeAfterSwitch(prefetch.code, 'typescript', 'python', null)).toBe(prefetch.python);
    expect(codeAfterSwitch(prefetch.python, 'python', 'typescript', DEFAULT_SNIPPET.code)).toBe(prefetch.code);
  });

  it("never replaces the learner's own code in the other language", () => {
    const prefetch = snippetById('prefetch-m2m')!;
    expect(codeAfterSwitch(prefetch.code, 'typescript', 'python', mine)).toBe(mine);
    expect(codeAfterSwitch('const x = 1;\n', 'typescript', 'python', mine)).toBe(mine);
  });

  it('edited code switches to what the other language last held, or its default example', () => {
    expect(codeAfterSwitch('const x = 1;\n', 'typescript', 'python', null)).toBe(DEFAULT_SNIPPET.python);
    expect(codeAfterSwitch(mine, 'python', 'typescript', null)).toBe(DEFAULT_SNIPPET.code);
    expect(codeAfterSwitch(mine, 'python', 'typescript', 'print(1);')).toBe('print(1);');
  });

  it('finds examples by their exact code in either language', () => {
    for (const s of ALL_SNIPPETS) {
      expect(snippetByCode(s.code, 'typescript')).toBe(s);
      expect(snippetByCode(s.python, 'python')).toBe(s);
      expect(snippetByCode(s.python, 'typescript')).toBeUndefined();
    }
  });
});

describe('code in the wrong language', () => {
  it('recognises each example in its own language', () => {
    for (const s of ALL_SNIPPETS) {
      expect(guessLanguage(s.code)).toBe('typescript');
      expect(guessLanguage(s.python)).not.toBe('typescript');
    }
    expect(guessLanguage(DEFAULT_SNIPPET.python)).toBe('python');
  });

  it('after a SyntaxError, says which language the code looks like', () => {
    expect(languageMismatch(DEFAULT_SNIPPET.code, 'python', { type: 'SyntaxError' })).toBe(
      'This looks like TypeScript code, and the editor is set to Python (Django): switch the language above to run it as TypeScript.',
    );
    expect(languageMismatch(DEFAULT_SNIPPET.python, 'typescript', { type: 'SyntaxError' })).toContain('This looks like Python (Django) code');
  });

  it('says nothing for other errors or code in the right language', () => {
    expect(languageMismatch(DEFAULT_SNIPPET.code, 'python', { type: 'FieldError' })).toBeNull();
    expect(languageMismatch(DEFAULT_SNIPPET.python, 'python', { type: 'SyntaxError' })).toBeNull();
    expect(languageMismatch('x = (', 'python', { type: 'SyntaxError' })).toBeNull();
    expect(languageMismatch(DEFAULT_SNIPPET.code, 'python', null)).toBeNull();
  });
});
