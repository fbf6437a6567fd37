import { expect } from 'chai';
import { maskPersonalDataForExport, webhookBody, webhookKind } from '../../../engine/integration/index.js';
import type { CaseEvent } from '../../../engine/case/index.js';

describe('integration: personal data in what leaves the system', () => {
  const received = {
    type: 'case.received',
    v: 1,
    time: '2026-11-02T01:30:00.000Z',
    actor: 'window-li',
    data: {
      matter: { code: 'M', name: '食品经营许可', version: 1, materials: [] },
      applicant: { name: '张三', idType: '居民身份证', idNumber: '330102199001011234' },
      channel: '窗口',
      materials: { application: true },
      number: '20261102-0001',
    },
  } as unknown as CaseEvent;
  const body = (personalData: boolean) =>
    webhookBody({
      deliveryId: 'd-1',
      kind: webhookKind('case.received')!,
      case: {
        caseId: 'c-1',
        number: '20261102-0001',
        processId: 'p',
        matter: { code: 'M', name: '食品经营许可', version: 1 },
      },
      seq: 1,
      event: received,
      personalData,
    });

  it('should mask the 证件号码 and the applicant’s name unless the subscription was granted them', () => {
    const data = body(false).data as { applicant: Record<string, string> };
    expect(data.applicant).to.deep.equal({ name: '张*', idType: '居民身份证', idNumber: '330102********1234' });
    expect(JSON.stringify(body(false))).to.not.contain('330102199001011234');
  });

  it('should give them in clear to a subscription granted personal data', () => {
    const data = body(true).data as { applicant: Record<string, string> };
    expect(data.applicant).to.deep.equal({ name: '张三', idType: '居民身份证', idNumber: '330102199001011234' });
  });

  it('should name the event and its case, without the matter’s whole snapshot', () => {
    const delivered = body(false);
    expect(delivered).to.deep.include({
      id: 'c-1:1',
      kind: 'case.received',
      kindZh: '收件',
      seq: 1,
      type: 'case.received',
    });
    expect(delivered.data).to.not.have.property('matter');
  });

  it('should mask contact details at any depth, and keep a company’s name', () => {
    const masked = maskPersonalDataForExport({
      form: { contact: { phone: '13812345678', 联系人: '李四' } },
      applicant: { name: '杭州某某餐饮有限公司', idType: '统一社会信用代码', idNumber: '91330106MA27XXXX1X' },
    });
    expect(masked.form.contact).to.deep.equal({ phone: '1**********', 联系人: '李*' });
    expect(masked.applicant.name).to.equal('杭州某某餐饮有限公司');
    expect(masked.applicant.idNumber).to.not.equal('91330106MA27XXXX1X');
  });
});
