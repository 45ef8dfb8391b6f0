export * from './notify.types.js';
export { Notifier, NOTIFY_DELIVERY, NOTIFY_DELIVERY_JOB, type DeliveryEvent, type NotifierOptions } from './notifier.js';
export { DeliveryError, type ChannelSender, type OutgoingMessage, type SendResult } from './channels.js';
export { SIGNATURE_HEADER, signBody, type WebhookPayload } from './webhook-channel.js';
export { fillTemplate, smsValues } from './sms-channel.js';
export { maskAddress, phone84, toAscii } from './address.js';
