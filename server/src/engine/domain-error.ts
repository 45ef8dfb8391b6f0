/**
 * A request the domain refuses: what is wrong (`kind`, which the API maps to 404 / 409 / 422),
 * the field it is about and the problem in words. Each engine names its own subclass (AlertError,
 * IncidentError, DispatchError, ...) so logs say where it came from; the API answers all of them
 * the same way, as problem+json naming the field.
 */
export type DomainErrorKind = 'not-found' | 'conflict' | 'invalid';

export class DomainError extends Error {
  /** The problem without the field name (the API lists it under `errors[].problem`). */
  readonly problem: string;

  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly field?: string,
    problem?: string,
  ) {
    super(message);
    this.name = new.target.name;
    this.problem = problem ?? message;
  }
}
