/** Applications the tests file at the window, as `POST /api/cases` takes them. */

/** A complete 食品经营许可（新办） application: every material handed in, 一般程序. */
export const FOOD_LICENCE_APPLICATION = {
  matterCode: '330106-SJ-000105013',
  applicant: { name: '张三', idType: '居民身份证', idNumber: '330102199001011234' },
  channel: '窗口',
  materials: { application: true, 'business-licence': true, 'id-card': true, 'premises-layout': true, 'safety-rules': true },
  form: { applicantName: '张三', idType: '居民身份证', idNumber: '330102199001011234', businessName: '杭州某某餐饮有限公司', businessAddress: '杭州市西湖区某某路88号', businessItems: ['热食类食品制售'], 办理方式: '一般程序' },
};
