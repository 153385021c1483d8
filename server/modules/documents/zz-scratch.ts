import { writeFileSync } from 'node:fs';
import { renderDocumentPdf } from './documents.pdf.ts';
import { renderDocumentDocx } from './documents.docx.ts';
import { seedNoticeContent } from './fixtures/seed-notice.ts';
const c = { ...seedNoticeContent(), issuerMark: '昌吉回族自治州工程建设项目审批制度改革领导小组文件', direction: 'upward' as const, signers: ['王建国（代）'], number: null, date: null, printedOn: null, title: '关于2026年工程建设项目审批制度改革工作进展情况的报告', addressees: ['自治区工程建设项目审批制度改革领导小组办公室'], classification: '秘密★1年', urgency: '特急', note: '（此件不予公开）', attachments: [], attachmentNames: [], copyTo: [], signature: '昌吉州工程建设项目审批制度改革领导小组', body: '一、总体进展。今年以来，全州审批时限压缩至90个工作日以内。\n（一）审批流程。按照国家和自治区部署，统一审批流程。\n1. 立项用地规划许可阶段。\n二、存在问题\n部分县市系统对接滞后。' };
const { pdf, layout } = await renderDocumentPdf(c);
writeFileSync('/tmp/docs/up.pdf', pdf);
writeFileSync('/tmp/docs/up.docx', await renderDocumentDocx(c, layout, { title: 't', author: 'a' }));
