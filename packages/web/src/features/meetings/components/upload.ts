import type { AttachmentView } from '@gongzhi/contracts';
import { ApiError } from '../../../app/api.ts';
import { currentLang } from '../../../app/i18n.tsx';

/** POST /attachments with the record it belongs to (the shared apiUpload sends the file only). */
export async function uploadAttachment(file: File, fields: { recordType: string; recordId: string; estateId: number }): Promise<AttachmentView> {
  const form = new FormData();
  form.append('recordType', fields.recordType);
  form.append('recordId', fields.recordId);
  form.append('estateId', String(fields.estateId));
  form.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch('/api/v1/attachments', { method: 'POST', credentials: 'same-origin', headers: { 'x-lang': currentLang() }, body: form });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络');
  }
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, body.code ?? `HTTP_${res.status}`, body.message ?? `上传失败（${res.status}）`, body.details);
  return body as AttachmentView;
}
