import type { Db, Dialect, Tx } from '../../db/db.ts';
import {
  DOCUMENT_STATUS_LABELS,
  DocumentRulesSchema,
  type Document,
  type DocumentDraft,
  type DocumentRules,
  type DocumentStatus,
  type Issuer,
  type Recipient,
} from '../../../shared/contracts/documents.ts';
import type { Actor, RequestContext } from '../../platform/actor.ts';
import type { Audit } from '../../platform/audit.ts';
import { chinaDate, type Clock } from '../../platform/clock.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { formatDocNumber, type FontOptions } from '../../platform/gbt9704.ts';
import { newId } from '../../platform/ids.ts';
import { createOfficeRule } from '../../platform/office-rules.ts';
import { cleanFilename, MIME, sniffFileType } from '../../platform/uploads.ts';
import type { NotificationInput, NotificationsService } from '../notifications/notifications.service.ts';
import type { OrganizationService } from '../organization/organization.service.ts';
import { disclosureNote, type DocumentContent } from './documents.layout.ts';
/** The renderers, loaded on first use (docx and pdfmake cost ~0.8 s at start-up). */
const renderers = async () => ({ ...(await import('./documents.pdf.ts')), ...(await import('./documents.docx.ts')) });
import { actorUnits, DESK_POSTS, holdsPostIn, isDesk } from './documents.policy.ts';
import { presentDocument, presentListItem } from './documents.presenter.ts';
import { RULES_KEY, type DocumentRow, type DocumentsRepository } from './documents.repository.ts';
import { canonicalJson, DEFAULT_DOCUMENT_RULES, issuerCodeOf, issuerFullName, issuerSignatureName, signerLabel, signingPower, sm3, withSealNote } from './documents.rules.ts';
import { EDITABLE_DOCUMENT_STATUSES, nextDocumentStatus, type DocumentAction } from './documents.state.ts';

export type Ctx = RequestContext & { actor: Actor };
type Office = NonNullable<Awaited<ReturnType<DocumentsRepository['findOffice']>>>;

export interface DocumentsServiceDeps {
  db: Db;
  dialect: Dialect;
  repo: DocumentsRepository;
  audit: Audit;
  clock: Clock;
  organization: Pick<OrganizationService, 'checkPower'>;
  notifications: NotificationsService;
  /** Licensed fonts for the PDF (a folder from the config); Noto stand-ins otherwise. */
  fonts?: FontOptions;
}

const parse = <T>(s: string | null): T => (s ? (JSON.parse(s) as T) : ([] as unknown as T));
/** A recipient as stored: its name, and its unit or child office when it is inside the system. */
const cleanRecipient = (r: Recipient): Recipient => ({ name: r.name, unitId: r.unitId ?? null, officeId: r.unitId ? null : (r.officeId ?? null) });

export function createDocumentsService(deps: DocumentsServiceDeps) {
  const { db, repo, audit, clock } = deps;
  const today = () => chinaDate(clock.now());
  const iso = () => clock.now().toISOString();
  const stale = () => new AppError('VERSION_MISMATCH', undefined, { entity: 'document' });

  async function officeOrThrow(q: Db | Tx, officeId: string): Promise<Office> {
    const o = await repo.findOffice(q, officeId);
    if (!o) throw notFound('office');
    return o;
  }

  const event = (q: Db | Tx, documentId: string, action: string, ctx: RequestContext, detail?: Record<string, unknown>) =>
    repo.insertEvent(q, { id: newId(), documentId, action, at: iso(), actorName: ctx.actor?.displayName ?? null, detail: detail ? JSON.stringify(detail) : null });

  // ---------------------------------------------------------------- rules (核稿 chain, incoming limits)

  /** A1-16: time limits are inherited from the parent office until adapted; a 核稿 chain names this office's people, so it is never inherited. */
  const officeRule = createOfficeRule({ db, audit, clock }, RULES_KEY, DocumentRulesSchema, DEFAULT_DOCUMENT_RULES);
  async function rules(officeId: string): Promise<{ rules: DocumentRules; inheritedFrom: string | null; reviewers: Record<string, string>; version: number }> {
    const r = await officeRule.get(officeId);
    const value = r.inheritedFrom === null ? r.rules : { ...r.rules, reviewChain: { leading_group: [], office: [] } };
    const ids = [...value.reviewChain.leading_group, ...value.reviewChain.office];
    const people = await repo.peopleByIds(db, officeId, ids);
    return { rules: value, inheritedFrom: r.inheritedFrom, reviewers: Object.fromEntries(people.map((p) => [p.id, p.name])), version: r.version };
  }

  async function setRules(officeId: string, value: DocumentRules, version: number, ctx: Ctx) {
    const ids = [...new Set([...value.reviewChain.leading_group, ...value.reviewChain.office])];
    const people = await repo.peopleByIds(db, officeId, ids);
    const unknown = ids.filter((id) => !people.some((p) => p.id === id));
    if (unknown.length) throw new AppError('UNPROCESSABLE', '核稿人须为本办公室人员 / reviewers must be people of this office', { field: 'reviewChain', unknown });
    await officeRule.set(officeId, value, version, ctx);
    return rules(officeId);
  }

  // ---------------------------------------------------------------- reading

  async function present(actor: Actor | null, row: DocumentRow): Promise<Document> {
    const [reviews, files] = await Promise.all([repo.listReviews(db, row.id), repo.listFiles(db, 'document', row.id)]);
    return presentDocument(row, reviews, files, actor ? await abilities(actor, row, reviews) : []);
  }

  /** What the actor may do next with the document: the UI shows these, never re-implementing the rules. */
  async function abilities(actor: Actor, row: DocumentRow, reviews: Awaited<ReturnType<DocumentsRepository['listReviews']>>): Promise<Document['abilities']> {
    const out: Document['abilities'] = [];
    const posts = (roles: readonly string[]) => actor.posts.some((p) => p.officeId === row.officeId && roles.includes(p.post));
    const drafter = posts(['director', 'deputy_director', 'office_staff']);
    const status = row.status as DocumentStatus;
    if (status === 'draft' && drafter) out.push('edit', 'submit');
    const step = currentStep(reviews, row.reviewRound);
    if (status === 'in_review' && step && actor.personId === step.reviewerPersonId) out.push('approve', 'return');
    if (status === 'awaiting_signoff' && actor.personId) {
      const check = await deps.organization.checkPower(row.officeId, signingPower(row.issuer as Issuer), actor.personId, today());
      if (check.allowed) out.push('sign', 'return');
    }
    if (posts(['office_staff'])) {
      if (status === 'signed') out.push('number');
      if (status === 'numbered') out.push('issue');
      if (status === 'issued') out.push('distribute');
    }
    if (status === 'numbered' && posts(['director', 'office_staff'])) out.push('void');
    if (['draft', 'in_review', 'awaiting_signoff', 'signed'].includes(status) && drafter) out.push('cancel');
    return out;
  }

  /** A document the actor may see: the desk sees all, reviewers their documents, everyone issued ones. */
  async function visible(actor: Actor, officeId: string, id: string): Promise<{ row: DocumentRow; office: Office }> {
    const office = await officeOrThrow(db, officeId);
    const row = await repo.findDocument(db, officeId, id);
    if (!row) throw notFound('document');
    if (row.status !== 'issued' && !isDesk(actor, office) && !(actor.personId && (await repo.isReviewer(db, id, actor.personId)))) throw notFound('document');
    return { row, office };
  }

  async function get(actor: Actor, officeId: string, id: string) {
    const { row } = await visible(actor, officeId, id);
    return present(actor, row);
  }

  async function list(actor: Actor, officeId: string, f: { status?: DocumentStatus; q?: string }) {
    const office = await officeOrThrow(db, officeId);
    const rows = await repo.listDocuments(db, officeId, { ...f, visibleAll: isDesk(actor, office), reviewerPersonId: actor.personId });
    return { items: rows.map(presentListItem) };
  }

  // ---------------------------------------------------------------- drafting

  function draftColumns(office: Office, input: DocumentDraft) {
    return {
      issuer: input.issuer,
      issuerCode: issuerCodeOf(office, input.issuer),
      issuerName: input.issuerName ?? issuerFullName(office, input.issuer),
      kind: input.kind,
      direction: input.direction,
      title: input.title,
      addressees: JSON.stringify(input.addressees.map(cleanRecipient)),
      body: input.body.replace(/\r\n?/g, '\n'),
      attachments: JSON.stringify(input.attachments.map((a) => ({ title: a.title, body: (a.body ?? '').replace(/\r\n?/g, '\n'), fileId: a.fileId ?? null }))),
      copyTo: JSON.stringify(input.copyTo.map(cleanRecipient)),
      classification: input.classification,
      secrecyPeriod: input.classification ? input.secrecyPeriod : null,
      urgency: input.urgency,
      disclosure: input.disclosure,
      disclosureReason: input.disclosure === 'not_public' ? input.disclosureReason : null,
      note: input.note === undefined ? disclosureNote(input.disclosure) : input.note || null,
      sealedOnBehalf: input.sealedOnBehalf ? 1 : 0,
      signatureName: input.signatureName ?? issuerSignatureName(office, input.issuer),
      printedBy: input.printedBy ?? issuerFullName(office, 'office'),
    };
  }

  /** Recipients inside the system must be a member unit of this office or a child office. */
  async function checkRecipients(q: Db | Tx, officeId: string, list: Recipient[]) {
    const children = await repo.childOffices(q, officeId);
    for (const r of list) {
      if (r.unitId && !(await repo.findUnit(q, officeId, r.unitId))) throw new AppError('UNPROCESSABLE', `收文单位不是本办公室的成员单位 / ${r.name} is not a unit of this office`, { field: 'addressees', unitId: r.unitId });
      if (r.officeId && !children.some((c) => c.id === r.officeId)) throw new AppError('UNPROCESSABLE', `收文机关不是下级办公室 / ${r.name} is not a child office`, { field: 'addressees', officeId: r.officeId });
    }
  }

  async function checkAttachmentFiles(q: Db | Tx, documentId: string | null, input: DocumentDraft) {
    const wanted = input.attachments.map((a) => a.fileId).filter((x): x is string => Boolean(x));
    if (!wanted.length) return;
    const files = documentId ? await repo.listFiles(q, 'document', documentId) : [];
    const missing = wanted.filter((id) => !files.some((f) => f.id === id));
    if (missing.length) throw new AppError('UNPROCESSABLE', '附件文件不存在，请先上传 / attachment file not found; upload it first', { field: 'attachments', missing });
  }

  async function create(officeId: string, input: DocumentDraft, ctx: Ctx) {
    const office = await officeOrThrow(db, officeId);
    await checkRecipients(db, officeId, [...input.addressees, ...input.copyTo]);
    await checkAttachmentFiles(db, null, input);
    const now = iso();
    const row = {
      id: newId(), officeId, ...draftColumns(office, input), printedOn: null, status: 'draft', reviewRound: 0,
      signedByPersonId: null, signedByName: null, signedAt: null, signedOn: null, signVia: null, delegationId: null, onBehalfOfPersonId: null, onBehalfOfName: null, signOpinion: null,
      docYear: null, docSerial: null, docNumber: null, numberedAt: null, numberedByName: null, issuedAt: null, issuedByName: null, digest: null, closedAt: null, closeReason: null,
      createdByName: ctx.actor.displayName, version: 1, createdAt: now, updatedAt: now,
    };
    await db.transaction().execute(async (trx) => {
      await repo.insertDocument(trx, row);
      await event(trx, row.id, 'create', ctx, { title: row.title, issuer: row.issuer });
      await audit.record(trx, ctx, { officeId, action: 'document.create', entityType: 'document', entityId: row.id, after: { title: row.title, issuer: row.issuer, kind: row.kind } });
    });
    return get(ctx.actor, officeId, row.id);
  }

  async function update(officeId: string, id: string, input: DocumentDraft, version: number, ctx: Ctx) {
    const office = await officeOrThrow(db, officeId);
    await checkRecipients(db, officeId, [...input.addressees, ...input.copyTo]);
    await db.transaction().execute(async (trx) => {
      const row = await repo.findDocument(trx, officeId, id);
      if (!row) throw notFound('document');
      if (row.version !== version) throw stale();
      if (!EDITABLE_DOCUMENT_STATUSES.includes(row.status as DocumentStatus))
        throw new AppError('INVALID_STATE_TRANSITION', `公文处于“${DOCUMENT_STATUS_LABELS[row.status as DocumentStatus]}”状态，不能修改 / only a draft can be edited`, { status: row.status });
      await checkAttachmentFiles(trx, id, input);
      const patch = { ...draftColumns(office, input), updatedAt: iso() };
      if ((await repo.updateDocument(trx, id, version, patch)) === 0) throw stale();
      await event(trx, id, 'update', ctx);
      await audit.record(trx, ctx, { officeId, action: 'document.update', entityType: 'document', entityId: id, before: { title: row.title, bodyLength: row.body.length }, after: { title: patch.title, bodyLength: patch.body.length } });
    });
    return get(ctx.actor, officeId, id);
  }

  // ---------------------------------------------------------------- the lifecycle

  const currentStep = <R extends { round: number; decision: string | null }>(reviews: R[], round: number) => reviews.find((r) => r.round === round && r.decision === null) ?? null;

  /** One audited transition: loads and checks the row (version, state), lets `apply` decide the patch, records it. */
  async function transition(
    officeId: string,
    id: string,
    version: number,
    ctx: Ctx,
    decide: (row: DocumentRow, trx: Tx) => Promise<{ action: DocumentAction; patch?: Record<string, unknown>; detail?: Record<string, unknown>; after?: (trx: Tx, row: DocumentRow) => Promise<void> }>,
    opts: { lock?: boolean } = {},
  ) {
    await db.transaction().execute(async (trx) => {
      const row = opts.lock ? await repo.lockDocument(trx, deps.dialect, officeId, id) : await repo.findDocument(trx, officeId, id);
      if (!row) throw notFound('document');
      if (row.version !== version) throw stale();
      const d = await decide(row, trx);
      const to = nextDocumentStatus(row.status as DocumentStatus, d.action);
      if ((await repo.updateDocument(trx, id, version, { ...d.patch, status: to, updatedAt: iso() })) === 0) throw stale();
      await event(trx, id, d.action, ctx, { from: row.status, to, ...d.detail });
      await audit.record(trx, ctx, { officeId, action: `document.${d.action}`, entityType: 'document', entityId: id, before: { status: row.status }, after: { status: to, ...d.detail } });
      if (d.after) await d.after(trx, (await repo.findDocument(trx, officeId, id))!);
    });
    return get(ctx.actor, officeId, id);
  }

  /** 核稿 begins: the office's chain for this issuer is copied into a new round; no chain → straight to sign-off. */
  async function submit(officeId: string, id: string, version: number, ctx: Ctx) {
    const chains = (await rules(officeId)).rules.reviewChain; // read before the transaction (SQLite has one connection)
    return transition(officeId, id, version, ctx, async (row, trx) => {
      if (row.status !== 'draft') nextDocumentStatus(row.status as DocumentStatus, 'submit');
      if (!row.title.trim() || !row.body.trim()) throw new AppError('VALIDATION_FAILED', '标题和正文不能为空 / title and body are required', { field: 'body' });
      if (parse<Recipient[]>(row.addressees).length === 0 && row.kind !== 'minutes') throw new AppError('VALIDATION_FAILED', '请填写主送机关 / addressees are required', { field: 'addressees' });
      const chain = chains[row.issuer as Issuer];
      if (chain.length === 0) return { action: 'submit_direct', detail: { reviewers: [] } };
      const round = row.reviewRound + 1;
      const people = await repo.peopleByIds(trx, officeId, chain);
      await repo.insertReviews(
        trx,
        chain.map((personId, i) => ({ id: newId(), documentId: id, round, step: i + 1, reviewerPersonId: personId, reviewerName: people.find((p) => p.id === personId)?.name ?? '（已移除）', decision: null, comment: null, decidedAt: null })),
      );
      return { action: 'submit', patch: { reviewRound: round }, detail: { round, reviewers: chain.map((c) => people.find((p) => p.id === c)?.name ?? c) } };
    });
  }

  /** The reviewer whose turn it is approves; the last approval sends the draft to sign-off. */
  const approve = (officeId: string, id: string, version: number, comment: string | undefined, ctx: Ctx) =>
    transition(officeId, id, version, ctx, async (row, trx) => {
      if (row.status !== 'in_review') nextDocumentStatus(row.status as DocumentStatus, 'approve_step');
      const reviews = await repo.listReviews(trx, id);
      const step = currentStep(reviews, row.reviewRound);
      if (!step || step.reviewerPersonId !== ctx.actor.personId) throw new AppError('FORBIDDEN', `核稿：现由${step?.reviewerName ?? '—'}核稿 / it is ${step?.reviewerName ?? 'nobody'}'s turn to review`, { reviewer: step?.reviewerName ?? null });
      await repo.decideReview(trx, step.id, 'approved', comment ?? null, iso());
      const last = !reviews.some((r) => r.round === row.reviewRound && r.step > step.step);
      return { action: last ? 'approve_last' : 'approve_step', detail: { step: step.step, reviewer: step.reviewerName, comment: comment ?? null } };
    });

  /** The current reviewer, or a person who may sign it, returns the draft to its drafter with a reason. */
  async function returnToDraft(officeId: string, id: string, version: number, reason: string, ctx: Ctx) {
    const found = await repo.findDocument(db, officeId, id);
    if (found?.status === 'awaiting_signoff') await requireSigner(found, ctx);
    return transition(officeId, id, version, ctx, async (row, trx) => {
      if (row.status === 'in_review') {
        const step = currentStep(await repo.listReviews(trx, id), row.reviewRound);
        if (!step || step.reviewerPersonId !== ctx.actor.personId) throw new AppError('FORBIDDEN', `核稿：现由${step?.reviewerName ?? '—'}核稿 / it is ${step?.reviewerName ?? 'nobody'}'s turn to review`);
        await repo.decideReview(trx, step.id, 'returned', reason, iso());
        return { action: 'return', detail: { step: step.step, reason } };
      }
      if (row.status === 'awaiting_signoff' && found?.status !== 'awaiting_signoff') throw stale(); // changed since the signer check
      return { action: 'return', detail: { reason } };
    });
  }

  /** A2-12: the signer must hold the signing power today (post, or a delegation in force); otherwise 403 naming the rule. */
  async function requireSigner(row: DocumentRow, ctx: Ctx) {
    const power = signingPower(row.issuer as Issuer);
    const check = ctx.actor.personId ? await deps.organization.checkPower(row.officeId, power, ctx.actor.personId, today()) : null;
    if (!check || !check.allowed) {
      const reason = check && !check.allowed ? check.reason : `A2-12：${row.issuer === 'leading_group' ? '领导小组文件由组长或经其委托的副组长签发' : '办公室文件由主任或经其委托的副主任签发'} / A2-12: not a signatory`;
      throw new AppError('FORBIDDEN', reason, { rule: 'A2-12', power });
    }
    return check;
  }

  /**
   * 签发 (A2-12): recorded with the actual signer's date; under delegation as "张三（代）" with the delegation.
   * The power is checked before the transaction (the organization service reads on its own connection).
   */
  async function sign(officeId: string, id: string, version: number, opinion: string | undefined, ctx: Ctx) {
    const found = await repo.findDocument(db, officeId, id);
    if (!found) throw notFound('document');
    if (found.version !== version) throw stale();
    const check = await requireSigner(found, ctx);
    const name = (await repo.personName(db, ctx.actor.personId!)) ?? ctx.actor.displayName;
    const onBehalfOf = check.via === 'delegation' ? check.onBehalfOf : null;
    const onBehalfOfName = onBehalfOf ? await repo.personName(db, onBehalfOf) : null;
    const signedOn = today();
    return transition(officeId, id, version, ctx, async (row) => {
      if (row.issuer !== found.issuer) throw stale();
      return {
        action: 'sign',
        patch: { signedByPersonId: ctx.actor.personId, signedByName: name, signedAt: iso(), signedOn, signVia: check.via, delegationId: check.delegationId, onBehalfOfPersonId: onBehalfOf, onBehalfOfName, signOpinion: opinion ?? null },
        detail: { signer: signerLabel(name, check.via), signedOn, via: check.via, delegationId: check.delegationId, onBehalfOf: onBehalfOfName, opinion: opinion ?? null },
      };
    });
  }

  /**
   * 发文字号, only after sign-off: the next serial of the issuer code's counter for the year of the numbering date
   * (China time), in the same transaction as the document and the register row (UNIQUE backstop).
   */
  const number = (officeId: string, id: string, version: number, ctx: Ctx) =>
    transition(
      officeId,
      id,
      version,
      ctx,
      async (row, trx) => {
        nextDocumentStatus(row.status as DocumentStatus, 'number');
        const office = await officeOrThrow(trx, officeId);
        const code = issuerCodeOf(office, row.issuer as Issuer);
        if (!code) throw new AppError('UNPROCESSABLE', '本办公室未设置机关代字，无法编号 / the office has no issuer code for this issuer', { field: 'issuerCode', issuer: row.issuer });
        const year = Number(today().slice(0, 4));
        const serial = await repo.nextSerial(trx, code, year);
        const text = formatDocNumber(code, year, serial);
        const at = iso();
        await repo.insertNumber(trx, { id: newId(), issuerCode: code, year, serial, number: text, documentId: id, officeId, assignedAt: at, assignedByName: ctx.actor.displayName, voidedAt: null, voidReason: null });
        return { action: 'number', patch: { issuerCode: code, docYear: year, docSerial: serial, docNumber: text, numberedAt: at, numberedByName: ctx.actor.displayName }, detail: { number: text } };
      },
      { lock: true },
    );

  /** 印发: the document is frozen with its SM3 digest and distributed to the addressees and copy-to units in the system. */
  const issue = async (officeId: string, id: string, version: number, ctx: Ctx) => {
    let send: () => Promise<void> = async () => {};
    const out = await transition(officeId, id, version, ctx, async (row, trx) => {
      nextDocumentStatus(row.status as DocumentStatus, 'issue');
      const issuedAt = iso();
      const frozen = { ...row, status: 'issued', printedOn: row.printedOn ?? today(), issuedAt, issuedByName: ctx.actor.displayName };
      const files = await repo.listFiles(trx, 'document', id);
      const digest = sm3(canonicalDocument(frozen, files));
      return {
        action: 'issue',
        patch: { printedOn: frozen.printedOn, issuedAt, issuedByName: frozen.issuedByName, digest },
        detail: { number: row.docNumber, digest },
        after: async (t, issued) => {
          const recipients = [...parse<Recipient[]>(issued.addressees).map((r) => ({ ...r, role: 'addressee' as const })), ...parse<Recipient[]>(issued.copyTo).map((r) => ({ ...r, role: 'copy_to' as const }))];
          send = await distributeTo(t, issued, recipients.filter((r) => r.unitId || r.officeId), ctx);
        },
      };
    });
    await send();
    return out;
  };

  /** Distribution rows (once per recipient), their history event, the audit row and the recipients' notifications. */
  async function distributeTo(trx: Tx, doc: DocumentRow, recipients: Array<{ role: 'addressee' | 'copy_to'; unitId?: string | null; officeId?: string | null; name?: string }>, ctx: Ctx) {
    const children = await repo.childOffices(trx, doc.officeId);
    const added: string[] = [];
    const notes: NotificationInput[] = [];
    const t = today();
    for (const r of recipients) {
      let target: { type: 'unit' | 'office'; id: string; officeId: string; name: string } | null = null;
      if (r.unitId) {
        const u = await repo.findUnit(trx, doc.officeId, r.unitId);
        if (!u) throw new AppError('UNPROCESSABLE', '收文单位不是本办公室的成员单位 / not a unit of this office', { field: 'recipients', unitId: r.unitId });
        target = { type: 'unit', id: u.id, officeId: doc.officeId, name: u.name };
      } else if (r.officeId) {
        const c = children.find((x) => x.id === r.officeId);
        if (!c) throw new AppError('UNPROCESSABLE', '收文机关不是下级办公室 / not a child office', { field: 'recipients', officeId: r.officeId });
        target = { type: 'office', id: c.id, officeId: c.id, name: `${c.name}工程建设项目审批制度改革领导小组办公室` };
      }
      if (!target) continue;
      const inserted = await repo.insertDistribution(trx, { id: newId(), documentId: doc.id, officeId: doc.officeId, role: r.role, recipientType: target.type, recipientId: target.id, recipientOfficeId: target.officeId, recipientName: target.name, distributedAt: iso(), distributedByName: ctx.actor.displayName });
      if (!inserted) continue;
      added.push(target.name);
      const accounts =
        target.type === 'unit'
          ? await deps.notifications.holders(trx, target.officeId, ['group_member', 'liaison_officer', 'information_officer'], t, [target.id])
          : await deps.notifications.holders(trx, target.officeId, DESK_POSTS, t);
      for (const a of accounts)
        notes.push({ accountId: a.accountId, email: a.email, officeId: target.officeId, kind: 'document.received', title: `收到公文：${doc.docNumber ?? ''} ${doc.title.replace(/\n/g, '')}`.trim(), link: `/offices/${target.officeId}/documents/received` });
    }
    if (added.length) {
      await event(trx, doc.id, 'distribute', ctx, { recipients: added });
      await audit.record(trx, ctx, { officeId: doc.officeId, action: 'document.distribute', entityType: 'document', entityId: doc.id, after: { recipients: added } });
    }
    return deps.notifications.notify(trx, notes);
  }

  /** Further distribution of an issued document (the document itself stays frozen; the history records it). */
  async function distribute(officeId: string, id: string, recipients: Array<{ role: 'addressee' | 'copy_to'; unitId?: string | null; officeId?: string | null }>, ctx: Ctx) {
    const send = await db.transaction().execute(async (trx) => {
      const row = await repo.findDocument(trx, officeId, id);
      if (!row) throw notFound('document');
      if (row.status !== 'issued') throw new AppError('INVALID_STATE_TRANSITION', '公文印发后才能分发 / only an issued document is distributed', { status: row.status });
      return distributeTo(trx, row, recipients, ctx);
    });
    await send();
    return distribution(ctx.actor, officeId, id);
  }

  /** A number not to be used: the document is voided, the number stays in the register with the reason. */
  const voidNumber = (officeId: string, id: string, version: number, reason: string, ctx: Ctx) =>
    transition(officeId, id, version, ctx, async (row) => {
      nextDocumentStatus(row.status as DocumentStatus, 'void');
      return { action: 'void', patch: { closedAt: iso(), closeReason: reason }, detail: { number: row.docNumber, reason }, after: async (trx) => void (await repo.voidNumber(trx, id, iso(), reason)) };
    });

  const cancel = (officeId: string, id: string, version: number, reason: string, ctx: Ctx) =>
    transition(officeId, id, version, ctx, async (row) => {
      nextDocumentStatus(row.status as DocumentStatus, 'cancel');
      return { action: 'cancel', patch: { closedAt: iso(), closeReason: reason }, detail: { reason } };
    });

  // ---------------------------------------------------------------- history, distribution, receipts, register

  async function history(actor: Actor, officeId: string, id: string) {
    await visible(actor, officeId, id);
    const [events, reviews] = await Promise.all([repo.listEvents(db, id), repo.listReviews(db, id)]);
    return {
      items: events.map((e) => ({ id: e.id, action: e.action, at: e.at, actorName: e.actorName, detail: e.detail ? (JSON.parse(e.detail) as Record<string, unknown>) : null })),
      reviews: reviews.map((r) => ({ round: r.round, step: r.step, reviewerPersonId: r.reviewerPersonId, reviewerName: r.reviewerName, decision: r.decision as 'approved' | 'returned' | null, comment: r.comment, decidedAt: r.decidedAt })),
    };
  }

  async function distribution(actor: Actor, officeId: string, id: string) {
    const { row } = await visible(actor, officeId, id);
    const dist = await repo.listDistributions(db, id);
    const receipts = await repo.listReceipts(db, dist.map((d) => d.id));
    const external = [
      ...parse<Recipient[]>(row.addressees).filter((r) => !r.unitId && !r.officeId).map((r) => ({ role: 'addressee' as const, name: r.name })),
      ...parse<Recipient[]>(row.copyTo).filter((r) => !r.unitId && !r.officeId).map((r) => ({ role: 'copy_to' as const, name: r.name })),
    ];
    return {
      items: dist.map((d) => ({
        id: d.id, role: d.role as 'addressee' | 'copy_to', recipientType: d.recipientType as 'unit' | 'office', recipientId: d.recipientId, recipientName: d.recipientName, distributedAt: d.distributedAt, distributedByName: d.distributedByName,
        receipts: receipts.filter((r) => r.distributionId === d.id).map((r) => ({ readerName: r.readerName, readAt: r.readAt })),
      })),
      external,
    };
  }

  /** Documents distributed to this office (as a child office) or to the actor's units in it. */
  async function received(actor: Actor, officeId: string) {
    const office = await officeOrThrow(db, officeId);
    const rows = await repo.listReceived(db, officeId, { asOffice: isDesk(actor, office), unitIds: actorUnits(actor, officeId), accountId: actor.accountId });
    return { items: rows.map((r) => ({ ...r, role: r.role as 'addressee' | 'copy_to', readAt: r.readAt ?? null })) };
  }

  /** Opening a received document: a member of the receiving unit (or office) leaves a read receipt, once. */
  async function openReceived(actor: Actor, officeId: string, distributionId: string, ctx: RequestContext) {
    const office = await officeOrThrow(db, officeId);
    const d = await repo.findDistribution(db, distributionId);
    const member = d && d.recipientOfficeId === officeId && (d.recipientType === 'office' ? isDesk(actor, office) && holdsPostIn(actor, officeId) : actorUnits(actor, officeId).includes(d.recipientId));
    const overseer = d && d.recipientOfficeId === officeId && isDesk(actor, office);
    if (!d || (!member && !overseer)) throw notFound('document');
    const row = (await repo.findDocumentById(db, d.documentId))!;
    if (member) {
      await db.transaction().execute(async (trx) => {
        const first = await repo.insertReceipt(trx, { id: newId(), distributionId, accountId: actor.accountId, readerName: actor.displayName, readAt: iso() });
        if (first) {
          await event(trx, row.id, 'read', ctx, { recipient: d.recipientName, reader: actor.displayName });
          await audit.record(trx, ctx, { officeId, action: 'document.read_receipt', entityType: 'document', entityId: row.id, after: { distributionId, recipient: d.recipientName } });
        }
      });
    }
    return present(null, row);
  }

  async function registerOfNumbers(officeId: string, f: { year?: number; issuerCode?: string }) {
    const items = await repo.register(db, officeId, f);
    const groups = new Map<string, typeof items>();
    for (const i of items) groups.set(`${i.issuerCode}|${i.year}`, [...(groups.get(`${i.issuerCode}|${i.year}`) ?? []), i]);
    const summary = [...groups.values()].map((g) => {
      const serials = new Set(g.map((x) => x.serial));
      const highest = Math.max(...serials);
      return { issuerCode: g[0]!.issuerCode, year: g[0]!.year, count: g.length, highest, voided: g.filter((x) => x.voidedAt).length, gaps: Array.from({ length: highest }, (_, k) => k + 1).filter((k) => !serials.has(k)) };
    });
    return { items: items.map((i) => ({ ...i, status: i.status as DocumentStatus })), summary };
  }

  // ---------------------------------------------------------------- archive: digest and verification

  /** The canonical text an issued document's SM3 digest covers: its content, sign-off, number and attachments' digests. */
  function canonicalDocument(r: DocumentRow | (DocumentRow & Record<string, unknown>), files: Array<{ id: string; filename: string; digest: string }>) {
    return canonicalJson({
      id: r.id, officeId: r.officeId, issuer: r.issuer, issuerCode: r.issuerCode, issuerName: r.issuerName, kind: r.kind, direction: r.direction, title: r.title,
      addressees: parse<Recipient[]>(r.addressees), body: r.body, attachments: parse<unknown[]>(r.attachments), copyTo: parse<Recipient[]>(r.copyTo),
      classification: r.classification, secrecyPeriod: r.secrecyPeriod, urgency: r.urgency, disclosure: r.disclosure, disclosureReason: r.disclosureReason, note: r.note,
      sealedOnBehalf: Boolean(r.sealedOnBehalf), signatureName: r.signatureName, printedBy: r.printedBy, printedOn: r.printedOn,
      signedByPersonId: r.signedByPersonId, signedByName: r.signedByName, signedOn: r.signedOn, signVia: r.signVia, delegationId: r.delegationId, onBehalfOfName: r.onBehalfOfName, signOpinion: r.signOpinion,
      docNumber: r.docNumber, docYear: r.docYear, docSerial: r.docSerial, issuedAt: r.issuedAt, issuedByName: r.issuedByName,
      files: files.map((f) => ({ id: f.id, filename: f.filename, digest: f.digest })),
    });
  }

  /** Recomputes the digest from the stored document and its files' content; names each difference. */
  async function verify(officeId: string | null, id: string) {
    const row = officeId ? await repo.findDocument(db, officeId, id) : await repo.findDocumentById(db, id);
    if (!row) throw notFound('document');
    const files = await repo.listFilesWithContent(db, 'document', id);
    const problems: string[] = [];
    if (row.status !== 'issued' || !row.digest) problems.push('公文尚未印发，无摘要 / not issued: no digest stored');
    for (const f of files) if (sm3(f.content) !== f.digest) problems.push(`附件文件内容已改变 / attachment file changed: ${f.filename}`);
    const computed = sm3(canonicalDocument(row, files));
    if (row.digest && computed !== row.digest) problems.push('公文内容与印发时的摘要不符 / content does not match the digest taken at issue');
    return { documentId: id, number: row.docNumber, ok: problems.length === 0, storedDigest: row.digest, computedDigest: computed, problems };
  }

  // ---------------------------------------------------------------- attachments

  async function addFile(officeId: string, id: string, file: { filename: string; data: Buffer }, ctx: Ctx) {
    const type = sniffFileType(file.data, ['docx', 'pdf', 'xlsx']);
    const fileId = newId();
    await db.transaction().execute(async (trx) => {
      const row = await repo.findDocument(trx, officeId, id);
      if (!row) throw notFound('document');
      if (!EDITABLE_DOCUMENT_STATUSES.includes(row.status as DocumentStatus)) throw new AppError('INVALID_STATE_TRANSITION', '只有草稿可以添加附件 / attachments can be added to a draft only', { status: row.status });
      const digest = sm3(file.data);
      const filename = cleanFilename(file.filename);
      await repo.insertFile(trx, { id: fileId, officeId, ownerType: 'document', ownerId: id, filename, mime: MIME[type], size: file.data.length, digest, content: file.data, uploadedByName: ctx.actor.displayName, deletedAt: null, createdAt: iso() });
      await event(trx, id, 'attachment.add', ctx, { fileId, filename });
      await audit.record(trx, ctx, { officeId, action: 'document.attachment.add', entityType: 'document', entityId: id, after: { fileId, filename, size: file.data.length, digest } });
    });
    return get(ctx.actor, officeId, id);
  }

  async function removeFile(officeId: string, id: string, fileId: string, ctx: Ctx) {
    await db.transaction().execute(async (trx) => {
      const row = await repo.findDocument(trx, officeId, id);
      if (!row) throw notFound('document');
      if (!EDITABLE_DOCUMENT_STATUSES.includes(row.status as DocumentStatus)) throw new AppError('INVALID_STATE_TRANSITION', '只有草稿可以删除附件 / attachments can be removed from a draft only', { status: row.status });
      const f = await repo.findFile(trx, 'document', id, fileId);
      if (!f) throw notFound('attachment');
      if (parse<Array<{ fileId: string | null }>>(row.attachments).some((a) => a.fileId === fileId)) throw new AppError('CONFLICT', '附件说明仍引用此文件 / the attachment list still names this file', { field: 'attachments' });
      await repo.markFileDeleted(trx, fileId, iso());
      await event(trx, id, 'attachment.remove', ctx, { fileId, filename: f.filename });
      await audit.record(trx, ctx, { officeId, action: 'document.attachment.remove', entityType: 'document', entityId: id, before: { fileId, filename: f.filename } });
    });
    return get(ctx.actor, officeId, id);
  }

  async function getFile(actor: Actor, officeId: string, id: string, fileId: string) {
    await visible(actor, officeId, id);
    const f = await repo.findFile(db, 'document', id, fileId);
    if (!f) throw notFound('attachment');
    return f;
  }

  // ---------------------------------------------------------------- output (GB/T 9704-2012)

  /** The printed words of a document. */
  function content(row: DocumentRow): DocumentContent {
    const names = (s: string) => parse<Recipient[]>(s).map((r) => r.name);
    const attachments = parse<Array<{ title: string; body: string }>>(row.attachments);
    return {
      copyNumber: null,
      classification: row.classification ? `${row.classification}${row.secrecyPeriod ? `★${row.secrecyPeriod}` : ''}` : null,
      urgency: row.urgency,
      issuerMark: `${row.issuerName}文件`,
      number: row.docNumber,
      direction: row.direction as DocumentContent['direction'],
      signers: row.signedByName && row.signVia ? [signerLabel(row.signedByName, row.signVia as 'post' | 'delegation')] : [],
      title: row.title,
      addressees: names(row.addressees),
      body: row.body,
      attachmentNames: attachments.map((a) => a.title),
      signature: withSealNote(row.signatureName, Boolean(row.sealedOnBehalf)),
      date: row.signedOn,
      note: row.note,
      attachments: attachments.filter((a) => a.body.trim()).map((a) => ({ title: a.title, body: a.body })),
      copyTo: names(row.copyTo),
      printedBy: row.printedBy,
      printedOn: row.printedOn,
    };
  }

  const fileName = (row: DocumentRow, ext: string) => `${row.docNumber ?? '草稿'}-${row.title.replace(/\n/g, '').slice(0, 40)}.${ext}`;

  async function render(actor: Actor | null, officeId: string, id: string, format: 'pdf' | 'docx', opts: { viaDistribution?: boolean } = {}) {
    const row = actor && !opts.viaDistribution ? (await visible(actor, officeId, id)).row : await repo.findDocumentById(db, id);
    if (!row) throw notFound('document');
    const c = content(row);
    const meta = { title: row.title.replace(/\n/g, ''), author: row.issuerName };
    const { renderDocumentPdf, renderDocumentDocx } = await renderers();
    const { pdf, layout } = await renderDocumentPdf(c, deps.fonts, meta);
    if (format === 'pdf') return { data: pdf, filename: fileName(row, 'pdf'), mime: 'application/pdf', pages: layout.pages.length };
    return { data: await renderDocumentDocx(c, layout, meta), filename: fileName(row, 'docx'), mime: MIME.docx, pages: layout.pages.length };
  }

  /** A received document's file, for a member of the receiving unit or office (opening it leaves the receipt). */
  async function renderReceived(actor: Actor, officeId: string, distributionId: string, format: 'pdf' | 'docx', ctx: RequestContext) {
    const doc = await openReceived(actor, officeId, distributionId, ctx);
    return render(null, doc.officeId, doc.id, format, { viaDistribution: true });
  }

  return {
    rules, setRules, list, get, create, update, submit, approve, returnToDraft, sign, number, issue, distribute, voidNumber, cancel,
    history, distribution, received, openReceived, renderReceived, registerOfNumbers, verify, addFile, removeFile, getFile, render, content,
  };
}
export type DocumentsService = ReturnType<typeof createDocumentsService>;
