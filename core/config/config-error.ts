import { LinesideError } from '../model/errors.js';

/** One thing wrong with a config file. `message` is one paragraph that stands on its own. */
export interface ConfigProblem {
  file: string;
  /** 1-based line in the file, when known. */
  line: number | undefined;
  /** 1-based column, given for YAML syntax errors. */
  column?: number;
  /** Where in the config: `lines[0].assets[2].tags[4].unit`; "" for the file as a whole. */
  path: string;
  /** `file:line: path is <found>; expected <what>.` */
  message: string;
}

/** At most this many problems are reported; fixing them usually reveals the rest. */
export const maxReportedProblems = 10;

/**
 * A plant config that cannot be used. `file`, `line` and `path` are those of the first
 * problem; `problems` holds each one; `message` is every problem, one paragraph a line.
 */
export class ConfigError extends LinesideError {
  readonly file: string;
  readonly line: number | undefined;
  readonly path: string;
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[], omitted = 0) {
    const first = problems[0];
    if (!first) throw new Error('ConfigError needs at least one problem');
    const more = omitted > 0 ? [`${first.file}: ${omitted} more problem${omitted === 1 ? '' : 's'} not shown.`] : [];
    super('config-invalid', [...problems.map((problem) => problem.message), ...more].join('\n'));
    this.name = 'ConfigError';
    this.file = first.file;
    this.line = first.line;
    this.path = first.path;
    this.problems = problems;
  }
}

/** Collects problems in file order and throws them as one ConfigError. */
export function throwProblems(problems: readonly ConfigProblem[]): never {
  const ordered = problems
    .map((problem, index) => ({ problem, index }))
    .sort((a, b) => (a.problem.line ?? Infinity) - (b.problem.line ?? Infinity) || a.index - b.index)
    .map(({ problem }) => problem);
  throw new ConfigError(ordered.slice(0, maxReportedProblems), Math.max(0, ordered.length - maxReportedProblems));
}

/** Makes a one-paragraph problem: `file:line: text` (or `file: text` when the line is unknown). */
export function problem(file: string, line: number | undefined, path: string, text: string, column?: number): ConfigProblem {
  const where = line === undefined ? file : column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
  const message = `${where}: ${text.replace(/\s*\n\s*/g, ' ')}`;
  return column === undefined ? { file, line, path, message } : { file, line, column, path, message };
}
