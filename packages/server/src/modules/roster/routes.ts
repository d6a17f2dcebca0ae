import { rosterEstateParams, rosterImportQuery, rosterImportResult } from '@gongzhi/contracts';
import { appendAudit } from '../../platform/audit.ts';
import { contentDisposition, XLSX_MIME } from '../../platform/download.ts';
import { AppError } from '../../platform/errors.ts';
import { malformedMultipartAs400 } from '../../platform/multipart-errors.ts';
import { route, type RouteDef } from '../../platform/route.ts';
import { chinaToday, importRoster } from './import-roster.ts';
import { exportRoster } from './export-roster.ts';
import { looksLikeXlsx } from './read-workbook.ts';
import { buildRosterTemplate } from './roster-template.ts';

const rejected = (message: string) => new AppError('FILE_REJECTED', { message });

export const rosterRoutes: RouteDef[] = [
  route({
    method: 'POST',
    url: '/estates/:id/roster/import',
    permission: 'registry.import',
    summary: '导入业主名册（.xlsx）：逐行校验，全部无误才写入；dryRun=1 只校验',
    tags: ['roster'],
    multipart: true,
    schema: { params: rosterEstateParams, querystring: rosterImportQuery, response: { 200: rosterImportResult } },
    handler: async ({ ctx, db, params, query, req, deps }) => {
      ctx.assertEstate(params.id, '小区');
      if (!req.isMultipart()) throw rejected('请以 multipart/form-data 上传一个 .xlsx 文件');
      // a body that is not well-formed multipart is the client's fault (400), not a 500
      const read = async () => {
        const file = await req.file();
        if (!file) throw rejected('请上传一个 .xlsx 文件');
        return { filename: file.filename, buffer: await file.toBuffer() };
      };
      const { filename, buffer } = await read().catch((e: unknown) => { throw malformedMultipartAs400(e); });
      if (!/\.xlsx$/i.test(filename) || !looksLikeXlsx(buffer)) throw rejected('只接受 Excel 工作簿（.xlsx）文件');
      return importRoster({ db, secrets: deps.secrets, estateId: params.id, buffer, dryRun: query.dryRun, actor: ctx.actor() });
    },
  }),
  route({
    method: 'GET',
    url: '/estates/:id/roster/export',
    permission: 'registry.export',
    summary: '导出业主名册（.xlsx，与导入同列；证件号码脱敏）',
    tags: ['roster'],
    // exporting personal data is recorded in the audit log, which needs a transaction
    transaction: true,
    schema: { params: rosterEstateParams },
    handler: async ({ ctx, db, params, reply }) => {
      ctx.assertEstate(params.id, '小区');
      const buffer = await exportRoster({ db, estateId: params.id });
      const e = await db.query('SELECT name FROM estates WHERE id = $1', [params.id]);
      await appendAudit(db, ctx.actor(), {
        action: 'roster.export', targetType: 'estate', targetId: params.id, estateId: params.id, summary: { bytes: buffer.length },
      });
      const day = chinaToday().replaceAll('-', '');
      reply
        .type(XLSX_MIME)
        .header('content-disposition', contentDisposition(`${e.rows[0].name}-业主名册-${day}.xlsx`, `roster-${params.id}-${day}.xlsx`));
      return buffer;
    },
  }),
  route({
    method: 'GET',
    url: '/roster/template',
    permission: 'registry.import',
    summary: '下载业主名册导入模板（含填写说明）',
    tags: ['roster'],
    schema: {},
    handler: async ({ reply }) => {
      reply.type(XLSX_MIME).header('content-disposition', contentDisposition('业主名册导入模板.xlsx', 'roster-template.xlsx'));
      return buildRosterTemplate();
    },
  }),
] as RouteDef[];
