export type ComponentState = 'up' | 'down' | 'degraded';

export interface ComponentHealth {
  state: ComponentState;
  detail?: string;
  [field: string]: unknown;
}

export interface HealthReport {
  status: ComponentState;
  version: string;
  uptimeS: number;
  components: Record<string, ComponentHealth>;
}
