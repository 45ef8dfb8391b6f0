/** Injection tokens for the runtime's parts that are not classes Nest constructs. */
export const DATABASE = Symbol('DATABASE');
export const HEALTH = Symbol('HEALTH');
