/**
 * The lesson's own data could not be built: data.ts raised, fixture.json is
 * wrong, models.ts is broken. In its own file so that code evaluating checks
 * (evaluate.ts, the lesson page) does not import the runner and the ORM.
 */
export class LessonDataError extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'LessonDataError';
  }
}
