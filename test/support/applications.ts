/** Applications the tests file at the window, as `POST /api/cases` takes them. */

/** A complete 食品经营许可（新办） application: every material handed in, 一般程序. */
export const FOOD_LICENCE_APPLICATION = {
  matterCode: '330106-SJ-000105013',
  applicant: { name: '张三', idType: '居民身份证', idNumber: '330102199001011234' },
  channel: '窗口' as const,
  materials: {
    application: true,
    'business-licence': true,
    'id-card': true,
    'premises-layout': true,
    'safety-rules': true,
  },
  form: {
    applicantName: '张三',
    idType: '居民身份证',
    idNumber: '330102199001011234',
    businessName: '杭州某某餐饮有限公司',
    businessAddress: '杭州市西湖区某某路88号',
    businessItems: ['热食类食品制售'],
    办理方式: '一般程序',
  },
};

/**
 * FOOD_LICENCE_APPLICATION by another applicant (their name and 证件号码, on the form too), for
 * another business, or with some materials not handed in (`materials: { 'premises-layout': false }`).
 */
export function foodLicenceApplication(
  changes: {
    name?: string;
    idNumber?: string;
    businessName?: string;
    businessAddress?: string;
    materials?: Partial<Record<keyof typeof FOOD_LICENCE_APPLICATION.materials, boolean>>;
  } = {},
): typeof FOOD_LICENCE_APPLICATION {
  const base = FOOD_LICENCE_APPLICATION;
  const name = changes.name ?? base.applicant.name;
  const idNumber = changes.idNumber ?? base.applicant.idNumber;
  return {
    ...base,
    applicant: { ...base.applicant, name, idNumber },
    materials: { ...base.materials, ...changes.materials },
    form: {
      ...base.form,
      applicantName: name,
      idNumber,
      businessName: changes.businessName ?? base.form.businessName,
      businessAddress: changes.businessAddress ?? base.form.businessAddress,
    },
  };
}

/** A complete 企业开办一件事 application: one form and one material set for its four matters. */
export const BUSINESS_STARTUP_APPLICATION = {
  matterCode: '330106-YJS-QYKB-001',
  applicant: { name: '陈云帆', idType: '居民身份证', idNumber: '330106198801011236' },
  channel: '窗口',
  materials: {
    'registration-application': true,
    articles: true,
    'shareholder-identity': true,
    'legal-representative-identity': true,
    'premises-proof': true,
  },
  form: {
    companyName: '杭州西湖云帆科技有限公司',
    companyType: '有限责任公司（自然人投资或控股）',
    registeredCapital: 100,
    address: '杭州市西湖区文三路 200 号 5 楼',
    businessScope: '技术服务、技术开发、技术咨询',
    legalRepresentative: { name: '陈云帆', idType: '居民身份证', idNumber: '330106198801011236', phone: '13800000000' },
    sealTypes: ['公章', '财务专用章'],
    employeeCount: 5,
  },
};

/**
 * A complete 建筑工程施工许可证核发 application by a developer: every material handed in, the
 * project and company named after `serial` so that each one differs.
 */
export function constructionPermitApplication(serial: number) {
  return {
    matterCode: '330106-ZJ-000115008',
    applicant: {
      name: `杭州西湖${serial}号地块开发有限公司`,
      idType: '统一社会信用代码',
      idNumber: '91330106MA2KXXXX0B',
    },
    channel: '窗口',
    materials: {
      application: true,
      'land-use-certificate': true,
      'planning-permit': true,
      contract: true,
      'construction-drawings': true,
      'funding-commitment': true,
      'quality-safety-measures': true,
    },
    form: {
      projectName: `西湖区${serial}号地块商业综合体项目`,
      projectCode: `2026-330106-70-01-${String(100000 + serial).slice(-6)}`,
      constructionUnit: {
        name: `杭州西湖${serial}号地块开发有限公司`,
        creditCode: '91330106MA2KXXXX0B',
        contact: '陈经理',
        phone: '13800571234',
      },
      projectAddress: `杭州市西湖区三墩镇${serial}号地块`,
      contractPrice: 12800,
      floorArea: 56000,
      contractor: '浙江某某建设集团有限公司',
    },
  };
}
