/** The one error base of the core: a stable `code` for programs and a message for people. */
export class LinesideError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'LinesideError';
  }
}
