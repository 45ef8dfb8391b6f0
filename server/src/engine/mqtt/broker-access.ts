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

/** authorizePublish's answer: true, false, or a string = refused for this reason. */
export type PublishVerdict = boolean | string | Promise<boolean | string>;

/** A PUBLISH authorizePublish refused, with what it carried (so it can be dead-lettered). */
export interface RefusedPublish {
  client: MqttClientInfo | null;
  topic: string;
  payload: Buffer;
  receivedAt: number;
  /** The hook's reason, or a generic one when it answered false. */
  reason: string;
}

/** What the broker lets its access hooks do to live sessions. */
export interface BrokerControl {
  /** Connected clients, with when each connected (Date.now()). */
  sessions(): Array<MqttClientInfo & { connectedAt: number }>;
  /** Closes the sessions of the clients `which` picks; answers how many. */
  disconnect(which: (client: MqttClientInfo) => boolean): number;
}

export interface BrokerAccessHooks {
  /** CONNECT: false answers CONNACK "bad user name or password". */
  authenticate?(client: MqttClientInfo, username: string | undefined, password: Buffer | undefined): AccessVerdict;
  /**
   * Every PUBLISH from a client, including its Last Will when it fires. `client` is null for
   * wills the broker publishes on behalf of a client it no longer knows. false disconnects the
   * client without acknowledging the message (MQTT 3.1.1 has no negative PUBACK).
   */
  authorizePublish?(client: MqttClientInfo | null, topic: string): PublishVerdict;
  /**
   * Every PUBLISH authorizePublish refused, before the broker disconnects the client (aedes
   * speaks MQTT 3.1/3.1.1 only, which has no negative PUBACK). Where refused messages are
   * dead-lettered; the message is not acknowledged, so the device resends it on reconnect.
   */
  onPublishRefused?(refused: RefusedPublish): void | Promise<void>;
  /** Called once the broker runs, so the hooks can end sessions (revoked credentials). */
  bindBroker?(control: BrokerControl): void;
  /** Every SUBSCRIBE filter: false answers SUBACK 0x80 (failure) for that filter. */
  authorizeSubscribe?(client: MqttClientInfo, topicFilter: string): AccessVerdict;
}

/** Runs `verdict` to a boolean, synchronously when it is one; errors deny. */
export function settleVerdict(verdict: () => AccessVerdict | PublishVerdict, onVerdict: (allowed: boolean, error?: unknown, reason?: string) => void): void {
  let result: AccessVerdict | PublishVerdict;
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
  if (typeof result === 'string') {
    onVerdict(false, undefined, result);
    return;
  }
  Promise.resolve(result).then(
    (allowed) => onVerdict(allowed === true, undefined, typeof allowed === 'string' ? allowed : undefined),
    (err: unknown) => onVerdict(false, err),
  );
}
