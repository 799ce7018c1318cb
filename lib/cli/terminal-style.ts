/** ANSI styling for terminal output; every method is the identity when colour is off. */
export interface TerminalStyle {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
}

const ansi = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;
const plain = (text: string) => text;

export function terminalStyle(color: boolean): TerminalStyle {
  if (!color) return { bold: plain, dim: plain, red: plain, yellow: plain };
  return { bold: ansi(1, 22), dim: ansi(2, 22), red: ansi(31, 39), yellow: ansi(33, 39) };
}

/** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function wantsColor(isTTY: boolean | undefined, env: Record<string, string | undefined>): boolean {
  return Boolean(isTTY) && !env.NO_COLOR;
}
