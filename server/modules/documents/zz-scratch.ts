import { writeFileSync } from 'node:fs';
import { renderDocumentPdf } from './documents.pdf.ts';
import { renderDocumentDocx } from './documents.docx.ts';
import { seedNoticeContent } from './fixtures/seed-notice.ts';
const c = seedNoticeContent();
const { pdf, layout } = await renderDocumentPdf(c);
writeFileSync('/tmp/docs/seed.pdf', pdf);
writeFileSync('/tmp/docs/seed.docx', await renderDocumentDocx(c, layout, { title: 't', author: 'a' }));
