/**
 * Access-control hooks of the embedded broker. Defaults allow everything; the security work
 * plugs its device credentials and topic ACLs in here. A hook may answer synchronously or with
 * a promise; a hook that throws or rejects counts as "deny".
 */

/** What the hooks know about a connected MQTT client. */
export interface MqttClientInfo {
  /** The MQTT client identifier. */
  id: string;
  /** User name from CONNECT, when one was sent. */
  username?: string;
  remoteAddress?: string;
  transport: 'tcp' | 'ws';
}

export type AccessVerdict = boolean | Promise<boolean>;

export interface BrokerAccessHooks {
  /** CONNECT: false answers CONNACK "bad user name or password". */
  authenticate?(client: MqttClientInfo, username: string | undefined, password: Buffer | undefined): AccessVerdict;
  /**
   * Every PUBLISH from a client, including its Last Will when it fires. `client` is null for
   * wills the broker publishes on behalf of a client it no longer knows. false disconnects the
   * client without acknowledging the message (MQTT 3.1.1 has no negative PUBACK).
   */
  authorizePublish?(client: MqttClientInfo | null, topic: string): AccessVerdict;
  /** Every SUBSCRIBE filter: false answers SUBACK 0x80 (failure) for that filter. */
  authorizeSubscribe?(client: MqttClientInfo, topicFilter: string): AccessVerdict;
}

/** Runs `verdict` to a boolean, synchronously when it is one; errors deny. */
export function settleVerdict(verdict: () => AccessVerdict, onVerdict: (allowed: boolean, error?: unknown) => void): void {
  let result: AccessVerdict;
  try {
    result = verdict();
  } catch (err) {
    onVerdict(false, err);
    return;
  }
  if (typeof result === 'boolean') {
    onVerdict(result);
    return;
  }
  Promise.resolve(result).then(
    (allowed) => onVerdict(allowed === true),
    (err: unknown) => onVerdict(false, err),
  );
}
