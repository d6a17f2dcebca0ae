// What other modules may use from attachments.
export { getAttachment, listAttachments } from './read-attachments.ts';
export { ATTACHMENT_MIME_TYPES } from '@gongzhi/contracts';
