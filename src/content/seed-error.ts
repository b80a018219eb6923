// The one error a malformed seed produces: where it is and what is wrong, as `file:line:col: what`.

export class SeedError extends Error {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly problem: string;

  constructor(file: string, line: number, column: number, problem: string) {
    super(`${file}:${line}:${column}: ${problem}`);
    this.name = 'SeedError';
    this.file = file;
    this.line = line;
    this.column = column;
    this.problem = problem;
  }
}

/** 1-based line and column (in code points) of a UTF-16 offset into `text`. */
export function locate(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split(/\r\n|\r|\n/);
  const last = lines[lines.length - 1] ?? '';
  return { line: lines.length, column: [...last].length + 1 };
}
