// What other modules may use from notifications.
export { notify, notifyMany, type NotifyInput } from '../../platform/notify/notify.ts';
export { sendToEstate } from './send-to-estate.ts';
