/** Nest injection token of the database the audit controller reads. */
export const AUDIT_DB = Symbol('AUDIT_DB');
