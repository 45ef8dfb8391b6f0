import { MqttConfigError } from './mqtt-ingress.js';

/** Turns socket errors into messages that name the config variable an operator must fix. */

/** server.listen() failed: the port variable is at fault (or the host one for a bad address). */
export function listenError(err: unknown, variable: string, host: string, port: number, hostVariable = 'MQTT_HOST'): MqttConfigError {
  const code = errorCode(err);
  switch (code) {
    case 'EADDRINUSE':
      return new MqttConfigError(variable, `port ${port} on ${host} is already in use (EADDRINUSE)`, code);
    case 'EACCES':
      return new MqttConfigError(variable, `no permission to listen on port ${port} on ${host} (EACCES; ports below 1024 need privileges)`, code);
    case 'EADDRNOTAVAIL':
      return new MqttConfigError(hostVariable, `address ${host} is not available on this machine (EADDRNOTAVAIL)`, code);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new MqttConfigError(hostVariable, `cannot resolve host ${host} (${code})`, code);
    default:
      return new MqttConfigError(variable, `cannot listen on ${host}:${port} (${code ?? messageOf(err)})`, code);
  }
}

/** A TCP/TLS connect to an external broker failed. `endpoint` is host:port, never credentials. */
export function connectError(err: unknown, variable: string, endpoint: string): MqttConfigError {
  const code = errorCode(err);
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new MqttConfigError(variable, `cannot resolve the host of ${endpoint} (${code})`, code);
    case undefined:
      return new MqttConfigError(variable, `cannot connect to ${endpoint} (${messageOf(err)})`);
    default:
      return new MqttConfigError(variable, `cannot connect to ${endpoint} (${code})`, code);
  }
}

export function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
