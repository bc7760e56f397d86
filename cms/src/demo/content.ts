import { reportTemplates, type TableData, type TableTemplate } from '@portal/shared';
import { paragraphs } from './blocks';
import { filledTable } from './jingzhong-2020';

/*
 * Demo content: a small, plausible set of 临淄区 agencies, their policy items, interpretations,
 * disclosure guides and one 2021-format report. Everything here except the 敬仲镇 2020 report is
 * invented for the demo, and says so in its text; codes and phone numbers are placeholders.
 */

export const DEMO_NOTE = '（演示数据，仅用于展示本平台功能。）';

export type AgencySeed = {
  slug: string;
  name: string;
  shortName: string;
  kind: 'districtGovernment' | 'department' | 'town' | 'subdistrict';
  creditCode: string;
  order: number;
  parent?: string;
  address: string;
  phone: string;
  email: string;
  officeHours: string;
  functions: string;
  leaders: string;
};

const HOURS = '工作日 上午 8:30—12:00，下午 13:30—17:30（法定节假日除外）';

export const agencies: AgencySeed[] = [
  {
    slug: 'linzi',
    name: '临淄区人民政府',
    shortName: '区政府',
    kind: 'districtGovernment',
    creditCode: '11370305004326100A',
    order: 1,
    address: '临淄区桓公路 100 号',
    phone: '0533-7180000',
    email: 'lzqzf@example.gov.cn',
    officeHours: HOURS,
    functions:
      '执行区人民代表大会及其常务委员会的决议，执行上级国家行政机关的决定和命令，规定行政措施，发布决定和命令。\n领导所属各工作部门和镇人民政府、街道办事处的工作。\n管理本行政区域内的经济、教育、科学、文化、卫生、体育、城乡建设和财政、民政、公安、司法行政等行政工作。',
    leaders:
      '区长：王某某（主持区政府全面工作）\n副区长：李某某（负责发展改革、财政、审计工作）\n副区长：张某某（负责教育、卫生健康、民政工作）',
  },
  {
    slug: 'linzi-office',
    name: '临淄区人民政府办公室',
    shortName: '区政府办',
    kind: 'department',
    creditCode: '11370305004326118B',
    order: 2,
    parent: 'linzi',
    address: '临淄区桓公路 100 号区政府大楼 3 楼',
    phone: '0533-7180011',
    email: 'lzzwgk@example.gov.cn',
    officeHours: HOURS,
    functions:
      '负责区政府会议的组织和区政府领导同志公务活动的安排。\n负责全区政务公开和政府信息公开工作的组织、协调、指导和监督。\n负责区政府公文处理、督查督办和政务信息工作。',
    leaders: '主任：刘某某（主持全面工作）\n副主任：陈某某（负责政务公开、政府信息公开工作）',
  },
  {
    slug: 'education',
    name: '临淄区教育和体育局',
    shortName: '区教体局',
    kind: 'department',
    creditCode: '11370305004326302D',
    order: 3,
    parent: 'linzi',
    address: '临淄区晏婴路 20 号',
    phone: '0533-7181200',
    email: 'lzjtj@example.gov.cn',
    officeHours: HOURS,
    functions:
      '贯彻执行教育、体育工作的方针政策和法律法规，拟订全区教育、体育发展规划。\n负责各级各类学校的招生、学籍管理和教育督导工作。\n组织开展全民健身活动，指导全区体育工作。',
    leaders: '局长：赵某某（主持全面工作）\n副局长：孙某某（负责基础教育、招生工作）',
  },
  {
    slug: 'jingzhong',
    name: '临淄区敬仲镇人民政府',
    shortName: '敬仲镇',
    kind: 'town',
    creditCode: '11370305004326206C',
    order: 10,
    parent: 'linzi',
    address: '临淄区政通路 1 号（镇政府驻地）',
    phone: '0533-7410001',
    email: 'jzzzf@example.gov.cn',
    officeHours: HOURS,
    functions:
      '贯彻执行党和国家的路线方针政策，执行本级人民代表大会的决议和上级国家行政机关的决定、命令。\n负责本镇经济发展、农业农村、社会事务、社会救助和公共服务工作。\n负责本镇政务公开和政府信息公开工作。',
    leaders: '镇长：周某某（主持镇政府全面工作）\n副镇长：吴某某（负责农业农村、水利工作）\n副镇长：郑某某（负责民政、社会救助工作）',
  },
  {
    slug: 'wenshao',
    name: '临淄区闻韶街道办事处',
    shortName: '闻韶街道',
    kind: 'subdistrict',
    creditCode: '11370305004326409E',
    order: 11,
    parent: 'linzi',
    address: '临淄区闻韶街道办事处大院',
    phone: '0533-7520001',
    email: 'wsjd@example.gov.cn',
    officeHours: HOURS,
    functions:
      '负责辖区社区建设、社会治理和公共服务工作。\n负责辖区城市管理、环境卫生和安全生产工作。\n指导社区居民委员会工作，办理居民群众反映的事项。',
    leaders: '主任：冯某某（主持全面工作）\n副主任：褚某某（负责社区服务、城市管理工作）',
  },
];

export type AgencySlug = 'linzi' | 'linzi-office' | 'education' | 'jingzhong' | 'wenshao';

export type PolicySeed = {
  key: string;
  agency: AgencySlug;
  serial: number;
  title: string;
  docNumber?: string;
  writtenDate: string;
  publishDate: string;
  topic: string;
  catalogNode: string;
  genre: string;
  validity: 'valid' | 'expired' | 'repealed' | 'revised';
  effectiveDate?: string;
  invalidDate?: string;
  summary: string;
  keywords?: string;
  body: string[];
  /** Left unpublished: a draft the public must never see. */
  draft?: boolean;
  /** Key of the policy that replaced this one (it must come earlier in the list, so it exists). */
  replacedBy?: string;
};

export const policies: PolicySeed[] = [
  {
    key: 'work-points-2021',
    agency: 'linzi-office',
    serial: 17,
    title: '临淄区人民政府办公室关于印发临淄区2021年政务公开工作要点的通知',
    docNumber: '临政办发〔2021〕17号',
    writtenDate: '2021-04-12',
    publishDate: '2021-04-15',
    topic: '综合政务\\政务公开',
    catalogNode: '政策文件',
    genre: '通知',
    validity: 'valid',
    effectiveDate: '2021-04-15',
    summary: '印发临淄区2021年政务公开工作要点，部署政策解读、政务公开平台建设、基层政务公开标准化规范化等任务。',
    keywords: '政务公开 工作要点',
    body: [
      '各镇人民政府、街道办事处，区政府各部门，各有关单位：',
      '《临淄区2021年政务公开工作要点》已经区政府同意，现印发给你们，请认真贯彻落实。',
      '一、围绕重大决策部署深化公开。二、加强政策解读和回应关切，做到政策文件与解读材料同步组织、同步审签、同步发布。三、推进基层政务公开标准化规范化，完善政务公开事项标准目录。四、加强政府信息公开平台建设，及时更新政府信息公开指南，按时发布政府信息公开工作年度报告。',
      DEMO_NOTE,
    ],
  },
  {
    key: 'homestead-2021',
    agency: 'linzi',
    serial: 9,
    title: '临淄区农村宅基地管理办法',
    docNumber: '临政发〔2021〕9号',
    writtenDate: '2021-06-25',
    publishDate: '2021-06-30',
    topic: '国土资源、能源\\土地',
    catalogNode: '政策文件',
    genre: '通知',
    validity: 'valid',
    effectiveDate: '2021-07-01',
    summary: '在试行办法基础上修订形成，规范农村宅基地申请、审批、使用和监督管理，自2021年7月1日起施行。',
    keywords: '宅基地 农村 审批',
    body: [
      '第一条 为加强农村宅基地管理，保障农村村民合法权益，节约集约利用土地，结合本区实际，制定本办法。',
      '第二条 《临淄区农村宅基地管理办法（试行）》（临政发〔2019〕8号）同时废止。',
      DEMO_NOTE,
    ],
  },
  {
    key: 'homestead-2019',
    agency: 'linzi',
    serial: 8,
    title: '临淄区农村宅基地管理办法（试行）',
    docNumber: '临政发〔2019〕8号',
    writtenDate: '2019-03-20',
    publishDate: '2019-03-28',
    topic: '国土资源、能源\\土地',
    catalogNode: '政策文件',
    genre: '通知',
    validity: 'repealed',
    effectiveDate: '2019-05-01',
    invalidDate: '2021-06-30',
    summary: '规范农村宅基地申请、审核和使用管理。本办法已于2021年6月30日废止。',
    keywords: '宅基地 农村',
    replacedBy: 'homestead-2021',
    body: [
      '第一条 为加强农村宅基地管理，节约集约利用土地，结合本区实际，制定本办法。',
      '第二条 本区行政区域内农村宅基地的申请、审核、使用和监督管理，适用本办法。',
      DEMO_NOTE,
    ],
  },
  {
    key: 'irrigation-2021',
    agency: 'jingzhong',
    serial: 3,
    title: '敬仲镇2021年农田水利工程建设实施方案',
    docNumber: '敬政发〔2021〕3号',
    writtenDate: '2021-02-26',
    publishDate: '2021-03-02',
    topic: '农业、林业、水利\\水利',
    catalogNode: '农业农村',
    genre: '通知',
    validity: 'valid',
    summary: '明确敬仲镇2021年农田水利工程建设的任务、资金安排、建设管理和运营管护要求。',
    keywords: '农田水利 敬仲镇',
    body: [
      '为加快全镇农田水利基础设施建设，提高农业综合生产能力，制定本方案。',
      '一、建设任务：新建和改造灌溉机井、铺设地下管道、修缮排水沟渠。二、建设管理：实行项目法人制、招投标制和工程监理制。三、运营管护：工程建成后移交村集体管护。',
      DEMO_NOTE,
    ],
  },
  {
    key: 'social-assistance-2020',
    agency: 'jingzhong',
    serial: 11,
    title: '敬仲镇社会救助工作实施细则',
    docNumber: '敬政发〔2020〕11号',
    writtenDate: '2020-06-18',
    publishDate: '2020-06-22',
    topic: '民政、扶贫、救灾\\社会福利',
    catalogNode: '政策文件',
    genre: '通知',
    validity: 'valid',
    summary: '细化最低生活保障、特困人员供养、临时救助的申请、审核和公示程序。',
    keywords: '社会救助 低保 临时救助',
    body: [
      '第一条 为规范全镇社会救助工作，保障困难群众基本生活，制定本细则。',
      '第二条 社会救助申请由申请人向户籍所在地村（居）委会提出，镇便民服务中心统一受理。',
      DEMO_NOTE,
    ],
  },
  {
    key: 'enrolment-2021',
    agency: 'education',
    serial: 12,
    title: '临淄区教育和体育局关于做好2021年义务教育招生工作的通知',
    docNumber: '临教体发〔2021〕12号',
    writtenDate: '2021-05-10',
    publishDate: '2021-05-12',
    topic: '科技、教育\\教育',
    catalogNode: '政策文件',
    genre: '通知',
    validity: 'expired',
    effectiveDate: '2021-05-12',
    invalidDate: '2021-12-31',
    summary: '部署2021年小学、初中招生工作，明确划片招生、报名时间和材料要求。',
    keywords: '义务教育 招生 划片',
    body: ['一、坚持免试就近入学，严格按照学区划分招生。二、报名时间为2021年6月1日至6月10日。三、随迁子女入学按有关规定办理。', DEMO_NOTE],
  },
  {
    key: 'livelihood-2022-draft',
    agency: 'linzi',
    serial: 30,
    title: '临淄区2022年重点民生实事项目（征求意见稿）',
    docNumber: '临政发〔2022〕1号',
    writtenDate: '2022-01-05',
    publishDate: '2022-01-10',
    topic: '综合政务\\其他',
    catalogNode: '规划计划',
    genre: '通知',
    validity: 'valid',
    summary: '尚未发布的草稿：重点民生实事项目征求意见稿。',
    body: ['本文件为未发布的草稿，公众不应看到。', DEMO_NOTE],
    draft: true,
  },
];

/** A published policy whose newer edit is still a draft: the public must keep seeing the published text. */
export const pendingEdit = { policy: 'social-assistance-2020', title: '敬仲镇社会救助工作实施细则（修订草稿，未发布）' };

export const interpretations = [
  {
    title: '图解：临淄区2021年政务公开工作要点',
    form: 'graphic',
    agency: 'linzi-office' as AgencySlug,
    publishDate: '2021-04-15',
    summary: '用图解的方式说明2021年政务公开工作的四方面重点任务。',
    body: [
      '2021年政务公开工作要点共四个方面：一是围绕重大决策部署深化公开；二是加强政策解读和回应关切；三是推进基层政务公开标准化规范化；四是加强政府信息公开平台建设。',
      DEMO_NOTE,
    ],
    policies: ['work-points-2021'],
  },
  {
    title: '《敬仲镇社会救助工作实施细则》政策解读',
    form: 'text',
    agency: 'jingzhong' as AgencySlug,
    publishDate: '2020-06-22',
    summary: '解读细则的出台背景、救助对象、申请程序和监督举报方式。',
    body: [
      '一、出台背景：进一步规范社会救助工作流程。二、救助对象：最低生活保障对象、特困供养人员和遭遇突发困难的家庭。三、申请程序：申请、审核、公示、审批。',
      DEMO_NOTE,
    ],
    policies: ['social-assistance-2020'],
  },
  {
    title: '关于临淄区2021年政务公开工作要点的补充解读（草稿）',
    form: 'text',
    agency: 'linzi-office' as AgencySlug,
    publishDate: '2021-04-20',
    summary: '未发布的解读草稿。',
    body: ['本解读为未发布的草稿，公众不应看到。', DEMO_NOTE],
    policies: ['work-points-2021'],
    draft: true,
  },
];

const standardGuide = (org: string, office: string, address: string, phone: string, email: string, revisedAt: string, url: string) => ({
  orgName: org,
  revisedAt,
  legalBasis: paragraphs(
    `根据《中华人民共和国政府信息公开条例》（国务院令第711号，以下简称《条例》）的规定，为更好地提供政府信息公开服务，编制本指南。${DEMO_NOTE}`,
  ),
  classification: [
    { code: '01', name: '机构职能', description: '机构概况、领导分工、内设机构' },
    { code: '02', name: '政策文件', description: '规范性文件、其他文件及政策解读' },
    { code: '03', name: '规划计划', description: '发展规划、年度计划' },
    { code: '04', name: '业务工作', description: '各项业务工作信息' },
    { code: '05', name: '农业农村', description: '农业农村政策、农田水利、土地承包经营权流转等' },
    { code: '06', name: '政府信息公开年度报告', description: '历年政府信息公开工作年度报告' },
  ],
  catalogueHowto: paragraphs('公众可通过栏目导航逐级浏览，也可使用站内搜索按标题、文号、发布机构等查找政府信息。'),
  proactiveScope: paragraphs('本机关依照《条例》第十九条、第二十条、第二十一条的规定主动公开政府信息，具体内容见本机关政府信息公开目录。'),
  proactiveChannels: ['website', 'newMedia', 'noticeBoard', 'serviceCentre'],
  proactiveDeadline: '信息形成或者变更之日起20个工作日内',
  readingRooms: [{ name: `${org}便民服务中心`, address, hours: '工作日 8:30—12:00，13:30—17:30' }],
  office: {
    name: office,
    address,
    postcode: '255400',
    hours: '周一至周五 上午8:30—12:00，下午13:30—17:30（夏季下午14:00—18:00），法定节假日除外',
    phone,
    fax: '无',
    email,
    url,
    onlineFormUrl: '',
  },
  applyChannels: ['online', 'inPerson', 'post'],
  applyRequirements: paragraphs(
    '申请人申请获取政府信息，应当采用包括信件、数据电文在内的书面形式；采用书面形式确有困难的，可以口头提出，由受理机构代为填写申请。',
    '申请书应当包括：（一）申请人的姓名或者名称、身份证明、联系方式；（二）申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述；（三）申请公开的政府信息的形式要求，包括获取信息的方式、途径。',
  ),
  receiptRules:
    '当面提交的，以提交之日为收到申请之日；以邮寄方式提交的，以签收之日为收到申请之日；通过互联网渠道提交的，以双方确认之日为收到申请之日。',
  correctionRule: '申请内容不明确的，将在收到申请之日起7个工作日内一次性告知申请人作出补正，答复期限自收到补正的申请之日起计算。',
  replyDeadline:
    '能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复；需要延长的，经负责人同意并告知申请人，延长期限最长不超过20个工作日。征求第三方和其他机关意见所需时间不计算在内。',
  replyTypes: paragraphs(
    '按照《条例》第三十六条的规定分别作出答复：已经公开的，告知获取方式和途径；可以公开的，向申请人提供；依法不予公开的，告知并说明理由；经检索没有所申请信息的，告知该政府信息不存在；不属于本机关负责公开的，告知并说明理由；已就同一内容作出答复、重复申请的，告知不予重复处理。',
  ),
  deliveryForms: '纸质文本、电子邮件；邮寄、自行领取、当场查阅抄录',
  fees: '不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费。',
  accessibilityHelp: '对阅读困难或者视听障碍的申请人，受理机构将提供必要的帮助。',
  remedies: {
    complaintTo: '临淄区人民政府办公室（区政务公开办）',
    complaintPhone: '0533-0000001（演示号码）',
    reviewBody: '临淄区人民政府',
    litigationNote: '公民、法人或者其他组织认为行政机关在政府信息公开工作中侵犯其合法权益的，可以依法申请行政复议或者提起行政诉讼。',
  },
  flowchartText:
    '依申请公开流程：提交申请 → 受理机构登记 → 需补正的一次性告知补正（7个工作日内） → 办理（20个工作日内，可延长20个工作日） → 作出答复并送达。',
});

export const guides: Array<{ agency: AgencySlug } & ReturnType<typeof standardGuide>> = [
  {
    agency: 'jingzhong',
    ...standardGuide(
      '临淄区敬仲镇人民政府',
      '敬仲镇党政办公室（政务公开办公室）',
      '山东省淄博市临淄区敬仲镇镇政府驻地（演示地址）',
      '0533-0000206（演示号码）',
      'jingzhong-gk@example.cn',
      '2020-12-23',
      'http://www.linzi.gov.cn/gongkai/site-lzqjzzrmzf/channel-c-5f9f6cdc1ebfe2f7fcddefbe-5fb3c032607979429fbb99b2/',
    ),
  },
  {
    agency: 'education',
    ...standardGuide(
      '临淄区教育和体育局',
      '临淄区教育和体育局办公室',
      '山东省淄博市临淄区教体局办公楼（演示地址）',
      '0533-0000302（演示号码）',
      'jiaoti-gk@example.cn',
      '2021-03-01',
      '',
    ),
  },
];

// Each guide's 网上申请地址 is the portal's own form, with the agency chosen.
for (const guide of guides) guide.office.onlineFormUrl = `/apply/?agency=${guide.agency}`;

/** 临淄区教育和体育局 2021 report in the 2021 format: invented figures that add up (勾稽关系). */
function education2021Tables(): { proactiveTable: TableData; requestTable: TableData; reviewTable: TableData } {
  const template = reportTemplates['2021'];
  const zero = (field: string) =>
    filledTable(
      template.tables.find((t: TableTemplate) => t.field === field)!,
      0,
    );
  const proactiveTable = zero('proactiveTable');
  proactiveTable.rules = { issued: null, repealed: null, inForce: null }; // 部门不制定规章：不适用
  proactiveTable.normativeDocuments = { issued: 3, repealed: 1, inForce: 12 };
  proactiveTable.licensing = { decisions: 356 };
  proactiveTable.penalties = { decisions: 2 };
  proactiveTable.enforcement = { decisions: 0 };
  proactiveTable.fees = { amount: 0 };

  const requestTable = zero('requestTable');
  const set = (row: string, values: Partial<Record<'naturalPerson' | 'commercial' | 'total', number>>) =>
    Object.assign(requestTable[row]!, values);
  set('newRequests', { naturalPerson: 8, commercial: 2, total: 10 });
  set('carriedOver', { naturalPerson: 1, total: 1 });
  set('disclosed', { naturalPerson: 4, commercial: 2, total: 6 });
  set('partiallyDisclosed', { naturalPerson: 1, total: 1 });
  set('withheldThirdParty', { naturalPerson: 1, total: 1 });
  set('unavailableNotHeld', { naturalPerson: 2, total: 2 });
  set('handledTotal', { naturalPerson: 8, commercial: 2, total: 10 });
  set('carriedForward', { naturalPerson: 1, total: 1 });

  const reviewTable = zero('reviewTable');
  Object.assign(reviewTable.cases!, { reviewMaintained: 1, reviewTotal: 1 });
  return { proactiveTable, requestTable, reviewTable };
}

export const education2021 = {
  year: 2021,
  title: '临淄区教育和体育局2021年政府信息公开工作年度报告',
  publishDate: '2022-01-28',
  overview: paragraphs(
    `${DEMO_NOTE}本报告根据《中华人民共和国政府信息公开条例》和国办公开办函〔2021〕30号规定的格式编制，所列数据的统计期限自2021年1月1日起至2021年12月31日止。`,
  ),
  overviewProactive: paragraphs('2021年通过政府网站主动公开政府信息412条，其中规范性文件3件。'),
  overviewOnRequest: paragraphs('2021年共收到政府信息公开申请10件，上年结转1件，办结10件，结转下年度继续办理1件。'),
  overviewManagement: paragraphs('落实信息发布保密审查制度，对拟公开信息逐条审核。'),
  overviewPlatform: paragraphs('完善政府信息公开专栏，按时更新政府信息公开指南。'),
  overviewSupervision: paragraphs('将政务公开工作纳入科室年度考核。全年未发生因政府信息公开工作被追究责任的情况。'),
  ...education2021Tables(),
  problems: paragraphs('主要问题：政策解读形式较为单一。改进措施：增加图解、音视频等解读形式。'),
  otherMatters: paragraphs('本年度未收取信息处理费。'),
};
