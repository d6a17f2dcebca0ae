import type { AttachmentView } from '@gongzhi/contracts';

export function toAttachmentView(r: Record<string, unknown>): AttachmentView {
  return {
    id: Number(r.id),
    recordType: String(r.record_type),
    recordId: String(r.record_id),
    estateId: Number(r.estate_id),
    filename: String(r.filename),
    mime: String(r.mime),
    sizeBytes: Number(r.size_bytes),
    sha256: String(r.sha256),
    uploadedBy: Number(r.uploaded_by),
    createdAt: (r.created_at as Date).toISOString(),
  };
}
