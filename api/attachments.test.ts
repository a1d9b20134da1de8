// Evidence files over HTTP against the real stack: typed by content, stored with their SHA-256,
// filed with the step that names them, shown and served only to those who may see them.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, fileApproved, fileListed, startStack, type Stack } from '../tests/support/stack';
import { designationForm } from '../tests/support/fixtures';
import { EXE, HTML, JPEG, OFD, PDF, PNG, zipOf } from '../tests/support/files';
import { ATTACHMENT_MAX_BYTES } from '../domain/schemas';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack('attachments');
});
afterAll(async () => {
  await stack?.stop();
});

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const basis = (number: string, attachments: string[] = []) => ({ ...designationForm().basis, number, attachments });

async function signedIn(username: string, language = 'zh-CN') {
  const s = new Session(stack.baseUrl, language);
  await s.login(username);
  return s;
}

async function uploaded(s: Session, bytes: Uint8Array, name: string): Promise<string> {
  const res = await s.upload(bytes, name);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

describe('uploading an evidence file', () => {
  it('takes PDF, PNG, JPEG and OFD by their content, with the SHA-256 and a safe name', async () => {
    const party = await signedIn('party');
    const pdf = await party.upload(PDF, '../../材料/整改报告.PDF');
    expect(pdf.status).toBe(201);
    expect(pdf.body).toEqual({
      id: expect.any(String),
      fileName: '整改报告.PDF',
      mediaType: 'application/pdf',
      size: PDF.length,
      sha256: sha256(PDF),
    });
    // A name that says nothing of the type (or something wrong) gets the extension of what it is.
    expect((await party.upload(PNG, '回执')).body).toMatchObject({ fileName: '回执.png', mediaType: 'image/png' });
    expect((await party.upload(JPEG, 'photo.png')).body).toMatchObject({ fileName: 'photo.png.jpg', mediaType: 'image/jpeg' });
    expect((await party.upload(OFD, '处罚决定书.ofd')).body).toMatchObject({ mediaType: 'application/ofd', sha256: sha256(OFD) });
    // Right-to-left overrides and control characters cannot disguise a name.
    expect((await party.upload(PDF, 'invoice\u202Efdp.exe')).body.fileName).toBe('invoicefdp.exe.pdf');
    const stored = await stack.db.attachment.findUniqueOrThrow({ where: { id: pdf.body.id } });
    expect(stored).toMatchObject({ caseId: null, purpose: null, uploadedByRole: 'PARTY', sha256: sha256(PDF) });
    expect(Buffer.from(stored.content).equals(PDF)).toBe(true);
  });

  it('refuses an executable or a web page whatever its name, an empty, a ZIP that is no OFD and an oversized file: nothing is stored', async () => {
    const party = await signedIn('party');
    const before = await stack.db.attachment.count();
    const exe = await party.upload(EXE, '处罚决定书.pdf');
    expect(exe.status).toBe(415);
    expect(exe.type).toContain('application/problem+json');
    expect(exe.body.errors).toEqual([
      {
        field: 'file',
        code: 'attachment.type',
        message: '文件内容不是 PDF、JPG、PNG、TIFF 或 OFD 格式（按内容识别，与文件名无关），未保存',
      },
    ]);
    expect(exe.body.title).toBe(exe.body.errors[0].message);
    expect((await party.upload(HTML, 'scan.png')).status).toBe(415);
    expect((await party.upload(zipOf({ 'word/document.xml': '<w:document/>' }), '决定书.ofd')).status).toBe(415);
    expect((await party.upload(new Uint8Array(0), 'empty.pdf')).body.errors[0]).toMatchObject({ field: 'file', code: 'attachment.empty' });
    const big = Buffer.concat([PDF, Buffer.alloc(ATTACHMENT_MAX_BYTES + 1 - PDF.length, 0x20)]);
    const tooBig = await party.upload(big, 'big.pdf');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.errors[0]).toMatchObject({ field: 'file', code: 'attachment.tooLarge:20', message: '文件超过 20 MB，未保存' });
    const english = await (await signedIn('party', 'en')).upload(EXE, 'x.pdf');
    expect(english.body.title).toMatch(/^The content is not a PDF, JPEG, PNG, TIFF or OFD file/);
    expect((await party.upload(PDF, 'a.pdf', 'document')).body.errors[0]).toMatchObject({ field: 'file', code: 'attachment.missing' });
    // Only those who file steps upload; nobody without signing in.
    expect((await (await signedIn('supervisor')).upload(PDF, 'a.pdf')).status).toBe(403);
    expect((await new Session(stack.baseUrl).upload(PDF, 'a.pdf')).status).toBe(401);
    expect(await stack.db.attachment.count()).toBe(before);
  });
});

describe('filing evidence with a step', () => {
  it('files the basis scan with the case and a statement with its evidence; each reader sees and downloads what is theirs to see', async () => {
    const caseworker = await signedIn('caseworker');
    const scan = await uploaded(caseworker, OFD, '市税稽罚〔2026〕31号.ofd');
    const { id } = await fileApproved(stack.baseUrl, designationForm({ basis: basis('市税稽罚〔2026〕31号', [scan]) }));
    const party = await signedIn('party');
    const proof = await uploaded(party, PDF, '完税证明.pdf');
    const photo = await uploaded(party, PNG, '现场照片.png');
    const filed = await party.step(id, 'statements', {
      kind: 'STATEMENT',
      content: '已补缴全部税款，附完税证明和现场照片。',
      attachments: [proof, photo],
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(200);
    const statementId = filed.body.statementId as string;

    const page = (await caseworker.request('GET', `/api/cases/${id}`)).body;
    expect(page.attachments).toEqual([
      expect.objectContaining({ id: scan, purpose: 'BASIS_DOCUMENT', reference: '', mediaType: 'application/ofd', sha256: sha256(OFD) }),
      expect.objectContaining({
        id: proof,
        purpose: 'STATEMENT',
        reference: statementId,
        fileName: '完税证明.pdf',
        sha256: sha256(PDF),
        uploadedByRole: 'PARTY',
      }),
      expect.objectContaining({ id: photo, purpose: 'STATEMENT', reference: statementId, mediaType: 'image/png' }),
    ]);
    // The audit trail records each filing of evidence with what was filed.
    const linked = page.events.filter((e: { action: string }) => e.action === 'ATTACHMENTS_LINKED');
    expect(linked.map((e: { detail: { purpose: string; files: { sha256: string }[] } }) => e.detail)).toEqual([
      expect.objectContaining({ purpose: 'BASIS_DOCUMENT', files: [expect.objectContaining({ attachmentId: scan, sha256: sha256(OFD) })] }),
      expect.objectContaining({ purpose: 'STATEMENT', reference: statementId, files: [expect.anything(), expect.anything()] }),
    ]);
    expect(linked[1]).toMatchObject({ actorRole: 'PARTY' });

    // The party downloads the exact bytes, as an attachment the browser will not run or sniff.
    const download = await party.download(`/api/cases/${id}/attachments/${proof}`);
    expect(download.status).toBe(200);
    expect(Buffer.from(download.bytes).equals(PDF)).toBe(true);
    expect(download.type).toBe('application/pdf');
    expect(download.disposition).toMatch(/^attachment; /);
    expect(download.disposition).toContain(`filename*=UTF-8''${encodeURIComponent('完税证明.pdf')}`);
    const { headers } = await caseworker.download(`/api/cases/${id}/attachments/${scan}`);
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('cache-control')).toBe('no-store');
    expect(headers.get('content-type')).toBe('application/ofd');
    expect(headers.get('content-security-policy')).toContain('sandbox');

    // Another department's caseworker, and the party of another case, get nothing.
    const tax = await signedIn('tax-caseworker');
    expect((await tax.download(`/api/cases/${id}/attachments/${proof}`)).status).toBe(404);
    const otherScan = await uploaded(caseworker, PDF, 'other.pdf');
    const other = await fileApproved(
      stack.baseUrl,
      designationForm({
        subjectCode: '9144030071526726XG',
        subjectName: '某某贸易有限公司',
        basis: basis('市税稽罚〔2026〕32号', [otherScan]),
      }),
    );
    expect((await party.download(`/api/cases/${other.id}/attachments/${otherScan}`)).status).toBe(404);
    // An attachment is read only through its own case.
    expect((await party.download(`/api/cases/${id}/attachments/${otherScan}`)).status).toBe(404);
  });

  it('keeps the basis scan through a repeated filing and a revised draft, which may add another', async () => {
    const caseworker = await signedIn('caseworker');
    const supervisor = await signedIn('supervisor');
    const first = await uploaded(caseworker, PDF, '决定书第1页.pdf');
    const form = designationForm({ listType: 'SAFETY', basis: basis('市应急罚〔2026〕7号', [first]) });
    const key = { 'Idempotency-Key': 'attachments-repeat-0001' };
    const filed = await caseworker.request('POST', '/api/cases', form, key);
    expect(filed.status).toBe(201);
    const id = filed.body.id as string;
    // The answer was lost and the form sent again: the scan it filed is no obstacle.
    const again = await caseworker.request('POST', '/api/cases', form, key);
    expect(again.body).toMatchObject({ id });
    await expect
      .poll(async () => (await supervisor.step(id, 'notice-approval', { approved: false, reasons: '请补充决定书第2页。' })).status, {
        timeout: 20_000,
      })
      .toBe(200);
    await expect
      .poll(async () => (await caseworker.request('GET', `/api/cases/${id}`)).body.procedure?.state, { timeout: 20_000 })
      .toBe('DRAFT_RETURNED');
    const returned = (await caseworker.request('GET', `/api/cases/${id}`)).body;
    expect(returned.form.basis.attachments).toEqual([first]);
    const second = await uploaded(caseworker, JPEG, '决定书第2页.jpg');
    const revised = { ...returned.form, basis: { ...returned.form.basis, attachments: [first, second] } };
    const res = await caseworker.request('POST', `/api/cases/${id}/draft`, { revision: returned.procedure.revision, form: revised });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await expect
      .poll(async () =>
        ((await caseworker.request('GET', `/api/cases/${id}`)).body.attachments as { id: string; purpose: string }[]).map((a) => [
          a.id,
          a.purpose,
        ]),
      )
      .toEqual([
        [first, 'BASIS_DOCUMENT'],
        [second, 'BASIS_DOCUMENT'],
      ]);
    // Another case cannot take this case's scan.
    const elsewhere = await caseworker.request(
      'POST',
      '/api/cases',
      designationForm({ subjectCode: '914403001922038216', listType: 'SAFETY', basis: basis('市应急罚〔2026〕8号', [first]) }),
    );
    expect(elsewhere.status).toBe(422);
  });

  it("refuses another user's upload, or one already filed, beside its field, and changes nothing", async () => {
    const caseworker = await signedIn('caseworker');
    const { id } = await fileApproved(stack.baseUrl, designationForm({ basis: basis('市税稽罚〔2026〕33号') }));
    const party = await signedIn('party');
    const partys = await uploaded(party, PDF, '陈述材料.pdf');
    const statements = await stack.db.statement.count({ where: { caseId: id } });
    const foreign = await caseworker.step(id, 'statements', {
      kind: 'STATEMENT',
      content: '代当事人提交的书面陈述意见。',
      attachments: [partys],
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors).toEqual([
      { field: 'attachments.0', code: 'attachment.unavailable', message: '附件不存在、不是您上传的，或已随其他事项提交' },
    ]);
    const unknown = await party.step(id, 'statements', {
      kind: 'STATEMENT',
      content: '当事人的书面陈述意见。',
      attachments: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(unknown.status).toBe(422);
    expect((await party.step(id, 'statements', { kind: 'STATEMENT', content: '当事人的书面陈述意见。', attachments: ['x'] })).status).toBe(
      400,
    );
    expect(await stack.db.statement.count({ where: { caseId: id } })).toBe(statements);
    expect(await stack.db.attachment.findUniqueOrThrow({ where: { id: partys } })).toMatchObject({ caseId: null });

    // Filed once, a file cannot be filed again with something else.
    expect(
      (await party.step(id, 'statements', { kind: 'STATEMENT', content: '当事人的书面陈述意见。', attachments: [partys] })).status,
    ).toBe(200);
    const again = await party.step(id, 'statements', { kind: 'STATEMENT', content: '再次提交同一份材料。', attachments: [partys] });
    expect(again.status).toBe(422);
    const scanFiled = await uploaded(caseworker, PDF, 'scan.pdf');
    await fileApproved(
      stack.baseUrl,
      designationForm({ subjectCode: '914403001922038216', basis: basis('市税稽罚〔2026〕34号', [scanFiled]) }),
    );
    const reused = await caseworker.request(
      'POST',
      '/api/cases',
      designationForm({ subjectCode: '9144030071526726XG', basis: basis('市税稽罚〔2026〕35号', [scanFiled]) }),
    );
    expect(reused.status).toBe(422);
    expect(reused.body.errors[0]).toMatchObject({ field: 'basis.attachments.0', code: 'attachment.unavailable' });
  });

  it("files evidence with an objection and a repair application; a unit sees the basis scan and its own, not the party's", async () => {
    const caseworker = await signedIn('caseworker');
    const scan = await uploaded(caseworker, PDF, '处罚决定书.pdf');
    const { id } = await fileListed(
      stack.baseUrl,
      designationForm({ tier: 'MINOR', listType: 'WAGES', basis: { ...basis('市人社罚〔2026〕41号', [scan]) } }),
    );
    const party = await signedIn('party');
    const receipt = await uploaded(party, JPEG, '工资发放凭证.jpg');
    expect((await party.step(id, 'objections', { grounds: '工资已于处罚前全部结清，请予核实。', attachments: [receipt] })).status).toBe(
      200,
    );
    const objectionId = (await party.request('GET', `/api/cases/${id}`)).body.procedure.objection.id as string;
    const rejected = await caseworker.step(id, `objections/${objectionId}/acceptance`, {
      accepted: false,
      reasons: '不属于异议受理范围。',
    });
    expect(rejected.status).toBe(200);
    await expect
      .poll(async () => (await party.request('GET', `/api/cases/${id}`)).body.procedure?.objection, { timeout: 20_000 })
      .toBeNull();
    const commitment = await uploaded(party, OFD, '信用承诺书.ofd');
    const applied = await party.step(id, 'repairs', {
      correctionProof: '已结清全部拖欠工资，附银行转账凭证。',
      commitment: '承诺今后按时足额支付劳动者工资。',
      commitmentSigned: true,
      attachments: [commitment],
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    const unit = await signedIn('unit');
    const unitsOwn = await uploaded(unit, PNG, '核查记录.png');
    // A unit objects with evidence of its own while the repair runs.
    expect((await unit.step(id, 'objections', { grounds: '本单位核查发现认定信息有误，请予核实。', attachments: [unitsOwn] })).status).toBe(
      200,
    );
    const unitObjection = (await unit.request('GET', `/api/cases/${id}`)).body.procedure.objection.id as string;
    const page = (await caseworker.request('GET', `/api/cases/${id}`)).body;
    expect(page.attachments.map((a: { purpose: string; reference: string; id: string }) => [a.id, a.purpose, a.reference])).toEqual([
      [scan, 'BASIS_DOCUMENT', ''],
      [receipt, 'OBJECTION', objectionId],
      [commitment, 'REPAIR_APPLICATION', applied.body.applicationId],
      [unitsOwn, 'OBJECTION', unitObjection],
    ]);
    // A cooperating unit reads the basis scan and its own evidence, not the party's; the party not the unit's.
    const seenByUnit = (await unit.request('GET', `/api/cases/${id}`)).body.attachments as { id: string }[];
    expect(seenByUnit.map((a) => a.id)).toEqual([scan, unitsOwn]);
    const seenByParty = (await party.request('GET', `/api/cases/${id}`)).body.attachments as { id: string }[];
    expect(seenByParty.map((a) => a.id)).toEqual([scan, receipt, commitment]);
    expect((await party.download(`/api/cases/${id}/attachments/${unitsOwn}`)).status).toBe(404);
    expect((await unit.download(`/api/cases/${id}/attachments/${receipt}`)).status).toBe(404);
    expect((await unit.download(`/api/cases/${id}/attachments/${scan}`)).status).toBe(200);
  });
});
