// What other modules may use from attachments.
export { getAttachment, listAttachments } from './read-attachments.ts';
export { ATTACHMENT_MIME_TYPES } from '@gongzhi/contracts';
// the demo loader stores its demo scans where uploads go
export { newStorageKey, storagePath } from './file-store.ts';
