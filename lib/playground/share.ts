/**
 * Share links: the code travels compressed in the URL hash (`#code=...`), so a
 * link reopens the same code with no server. The hash never reaches a server
 * (browsers don't send it), and the static export has no server to reach anyway.
 * Python code carries `&lang=python`; a link without `lang` is TypeScript (so
 * links made before the Python mode still open as they did).
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import type { LearnerLanguage } from '../runner/protocol';

const KEY = 'code';

export interface SharedState {
  code: string;
  size?: string;
  /** Absent: TypeScript. */
  language?: LearnerLanguage;
}

export function encodeShare(state: SharedState): string {
  // URLSearchParams would re-encode lz-string's URI-safe alphabet; build by hand.
  let hash = `${KEY}=${compressToEncodedURIComponent(state.code)}`;
  if (state.size) hash += `&size=${encodeURIComponent(state.size)}`;
  if (state.language === 'python') hash += '&lang=python';
  return hash;
}

/** Reads a hash (with or without '#'); null when it holds no code. */
export function decodeShare(hash: string): SharedState | null {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  let code: string | null = null;
  let size: string | undefined;
  let language: LearnerLanguage | undefined;
  for (const part of body.split('&')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq);
    const value = part.slice(eq + 1);
    if (key === KEY) code = decompressFromEncodedURIComponent(value);
    else if (key === 'size') size = decodeURIComponent(value);
    else if (key === 'lang' && value === 'python') language = 'python';
  }
  if (code === null || code === undefined) return null;
  return { code, ...(size ? { size } : {}), ...(language ? { language } : {}) };
}

/** The full link for the current page. */
export function shareUrl(location: { origin: string; pathname: string }, state: SharedState): string {
  return `${location.origin}${location.pathname}#${encodeShare(state)}`;
}
