import type { RunRecord } from '../runner/record';

function jsonParam(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? `<${value.length} bytes>` : value;
}

/** One run record as JSON text (design.md, "What a run returns"). */
export function recordJson(record: RunRecord): string {
  return JSON.stringify(record, jsonParam);
}

/**
 * Writes records as they finish: one record is written as an object, several as
 * a JSON array built piece by piece, so no string ever holds all of them.
 */
export class RecordJsonWriter {
  private written = 0;

  constructor(
    private readonly write: (text: string) => void,
    private readonly asArray: boolean,
  ) {}

  add(record: RunRecord): void {
    const separator = !this.asArray ? '' : this.written === 0 ? '[\n' : ',\n';
    this.write(separator + recordJson(record));
    this.written++;
  }

  end(): void {
    this.write(this.asArray ? (this.written ? '\n]\n' : '[]\n') : '\n');
  }
}
