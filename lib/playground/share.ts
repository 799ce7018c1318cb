/**
 * Share links: the code travels compressed in the URL hash (`#code=...`), so a
 * link reopens the same code with no server. The hash never reaches a server
 * (browsers don't send it), and the static export has no server to reach anyway.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';

const KEY = 'code';

export interface SharedState {
  code: string;
  size?: string;
}

export function encodeShare(state: SharedState): string {
  // URLSearchParams would re-encode lz-string's URI-safe alphabet; build by hand.
  return `${KEY}=${compressToEncodedURIComponent(state.code)}${state.size ? `&size=${encodeURIComponent(state.size)}` : ''}`;
}

/** Reads a hash (with or without '#'); null when it holds no code. */
export function decodeShare(hash: string): SharedState | null {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  let code: string | null = null;
  let size: string | undefined;
  for (const part of body.split('&')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq);
    const value = part.slice(eq + 1);
    if (key === KEY) code = decompressFromEncodedURIComponent(value);
    else if (key === 'size') size = decodeURIComponent(value);
  }
  if (code === null || code === undefined) return null;
  return size ? { code, size } : { code };
}

/** The full link for the current page. */
export function shareUrl(location: { origin: string; pathname: string }, state: SharedState): string {
  return `${location.origin}${location.pathname}#${encodeShare(state)}`;
}
