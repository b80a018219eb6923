// The one error a malformed seed produces: where it is and what is wrong, as `file:line:col: what`.

export class SeedError extends Error {
  readonly file: string;
  /** 1-based; a line ends at CRLF, CR or LF. Always a line the file has. */
  readonly line: number;
  /**
   * 1-based, in code points (an emoji counts once, as it would not in UTF-16), not counting a
   * leading BOM; at most one past the line's last character, where something missing at the end
   * of the file is reported.
   */
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
