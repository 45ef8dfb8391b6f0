/**
 * How the simulator feeds a module: which behaviours drive its source kinds and how its report
 * templates are submitted (on time, late, wrong on purpose, never). The simulator reads this
 * instead of naming sectors.
 */
export interface SimulatedSourceKind {
  /** Behaviour id implemented in @ioc/simulators (`hospital`, `school`, `air-station`, ...). */
  behaviour: string;
  /** How many sources of this kind to place (the province model may fix it from real counts). */
  count?: number;
  /** Behaviour knobs. */
  params?: Record<string, number | string | boolean>;
}

export interface SimulatedSubmissions {
  /** Shares of units that submit on time, late, with a deliberate error, or not at all; they sum to 1. */
  onTime: number;
  late: number;
  wrong: number;
  missing: number;
  /** Typical value per field (per submitting unit), with relative spread. */
  typical: Record<string, { value: number; spread?: number }>;
}

export interface SimulatorProfile {
  sources?: Record<string, SimulatedSourceKind>;
  submissions?: Record<string, SimulatedSubmissions>;
}
