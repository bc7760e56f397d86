import type { TableData } from '../../shared/src/index.ts';

/*
 * The figures of the 2021-format fixtures (沭阳县自然资源和规划局, written for these tests from the
 * official template): every style of the same report must come out as these tables.
 */

export const proactive2021: TableData = {
  rules: { issued: 0, repealed: 0, inForce: 0 },
  normativeDocuments: { issued: 3, repealed: 1, inForce: 12 },
  licensing: { decisions: 1256 },
  penalties: { decisions: 38 },
  enforcement: { decisions: 2 },
  fees: { amount: 12.5 },
};

export const request2021: TableData = {
  newRequests: { naturalPerson: 52, commercial: 6, research: 0, socialWelfare: 0, legalService: 3, otherOrg: 1, total: 62 },
  carriedOver: { naturalPerson: 4, commercial: 0, research: 0, socialWelfare: 0, legalService: 0, otherOrg: 0, total: 4 },
  disclosed: { naturalPerson: 20, commercial: 2, research: 0, socialWelfare: 0, legalService: 1, otherOrg: 0, total: 23 },
  partiallyDisclosed: { naturalPerson: 5, commercial: 1, research: 0, socialWelfare: 0, legalService: 0, otherOrg: 0, total: 6 },
  withheldStateSecret: { naturalPerson: 0, commercial: 0, research: 0, socialWelfare: 0, legalService: 0, otherOrg: 0, total: 0 },
  withheldProhibitedByLaw: { naturalPerson: 1, commercial: 0, research: 0, socialWelfare: 0, legalService: 0, otherOrg: 0, total: 1 },
  withheldSecurityStability: { naturalPerson: 0, commercial: 0, research: 0, socialWelfare: 0, legalService: 0, otherOrg: 0, total: 0 },
  withheldThirdParty: { naturalPerson: 2, commercial: 0, research: 0, socialWelfare: 0, legalService: 0, otherOrg: 0, total: 2 },
  withheldInternalAffairs: { naturalPerson: 1, commercial: 0, research: 0, socialWelfare: 0, legalService: 0, otherOrg: 0, total: 1 },
  withheldProcessInfo: { naturalPerson: 3, commercial: 1, research: 0, socialWelfare: 0, legalService: 0, otherOrg: 0, total: 4 },
  withheldEnforcementFile: { naturalPerson: 0, commercial: 0, research: 0, socialWelfare: 0, legalService: 0, otherOrg: 0, total: 0 },
  withheldAdministrativeQuery: { naturalPerson: 1, commercial: 0, research: 0, socialWelfare: 0, legalService: 0, otherOrg: 0, total: 1 },
  unavailableNotHeld: { naturalPerson: 12, commercial: 1, research: 0, socialWelfare: 0, legalService: 1, otherOrg: 1, total: 15 },
  unavailableNeedsCreation: { naturalPerson: 2, commercial: 0, research: 0, socialWelfare: 0, legalService: 0, otherOrg: 0, total: 2 },
  unavailableUnclear: { naturalPerson: 1, commercial: 0, research: 0, socialWelfare: 0, legalService: 0, otherOrg: 0, total: 1 },
  notHandledPetition: { naturalPerson: 2, commercial: 0, research: 0, socialWelfare: 0, legalService: 0, otherOrg: 0, total: 2 },
  notHandledRepeated: { naturalPerson: 1, commercial: 0, research: 0, socialWelfare: 0, legalService: 0, otherOrg: 0, total: 1 },
  notHandledPublication: { naturalPerson: 0, commercial: 0, research: 0, socialWelfare: 0, legalService: 0, otherOrg: 0, total: 0 },
  notHandledExcessive: { naturalPerson: 0, commercial: 0, research: 0, socialWelfare: 0, legalService: 0, otherOrg: 0, total: 0 },
  notHandledReconfirm: { naturalPerson: 0, commercial: 0, research: 0, socialWelfare: 0, legalService: 0, otherOrg: 0, total: 0 },
  otherNoCorrection: { naturalPerson: 1, commercial: 0, research: 0, socialWelfare: 0, legalService: 0, otherOrg: 0, total: 1 },
  otherUnpaidFee: { naturalPerson: 0, commercial: 0, research: 0, socialWelfare: 0, legalService: 0, otherOrg: 0, total: 0 },
  otherHandlingOther: { naturalPerson: 1, commercial: 0, research: 0, socialWelfare: 0, legalService: 1, otherOrg: 0, total: 2 },
  handledTotal: { naturalPerson: 53, commercial: 5, research: 0, socialWelfare: 0, legalService: 3, otherOrg: 1, total: 62 },
  carriedForward: { naturalPerson: 3, commercial: 1, research: 0, socialWelfare: 0, legalService: 0, otherOrg: 0, total: 4 },
};

export const review2021: TableData = {
  cases: {
    reviewMaintained: 2,
    reviewCorrected: 1,
    reviewOther: 0,
    reviewPending: 1,
    reviewTotal: 4,
    directMaintained: 1,
    directCorrected: 0,
    directOther: 0,
    directPending: 1,
    directTotal: 2,
    afterReviewMaintained: 0,
    afterReviewCorrected: 0,
    afterReviewOther: 0,
    afterReviewPending: 1,
    afterReviewTotal: 1,
  },
};

export const sections2021 = {
  overview: [
    '根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求，编制本报告。本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。',
    '2021年，我局坚持以公开为常态、不公开为例外，全面推进政府信息公开工作。',
  ],
  overviewProactive: ['全年通过政府门户网站主动公开政府信息386条，其中政策文件12件，政策解读8篇。'],
  overviewOnRequest: ['2021年共收到政府信息公开申请62件，上年结转4件，结转下年度继续办理4件。'],
  overviewManagement: ['严格落实信息发布保密审查制度，对拟公开信息逐条审核。'],
  overviewPlatform: ['完善政府信息公开专栏，按时更新政府信息公开指南。'],
  overviewSupervision: ['将政务公开工作纳入科室年度考核，全年未发生因政府信息公开工作被追究责任的情况。'],
  problems: ['主要问题：政策解读形式较为单一。改进措施：增加图解、音视频等解读形式。'],
  otherMatters: ['本年度未收取信息处理费。'],
};
