/**
 * Controlled vocabularies of the domain (docs/domain.md §6). Keys are the stored
 * identifiers (English, per the glossary); values are what people read. The CMS enumerations,
 * the portal labels and the search filters all come from here.
 */

/** 机构类别 */
export const agencyKinds = {
  districtGovernment: '区政府',
  department: '部门',
  town: '镇',
  subdistrict: '街道',
} as const;
export type AgencyKind = keyof typeof agencyKinds;

/** 有效性 (docs/domain.md §6.2) */
export const validities = {
  valid: '有效',
  expired: '失效',
  repealed: '废止',
  revised: '已修订',
} as const;
export type Validity = keyof typeof validities;

/** 公开方式 */
export const disclosureMethods = {
  proactive: '主动公开',
  onRequest: '依申请公开',
} as const;
export type DisclosureMethod = keyof typeof disclosureMethods;

/**
 * 文件类别 for table 二's first block (第二十条第（一）项): which policy items the annual report
 * counts as 规章 and as (行政)规范性文件 (shared/src/report/draft.ts). Others are left unset.
 */
export const policyDocumentClasses = {
  regulation: '规章',
  normativeDocument: '行政规范性文件',
} as const;
export type PolicyDocumentClass = keyof typeof policyDocumentClasses;

/** 解读形式 (docs/domain.md §6.5) */
export const interpretationForms = {
  text: '文字解读',
  graphic: '图解',
  video: '音视频',
  expert: '专家解读',
  pressConference: '新闻发布会',
} as const;
export type InterpretationForm = keyof typeof interpretationForms;

/** 体裁（文种），《党政机关公文处理工作条例》的 15 种 (docs/domain.md §6.3) */
export const genres = [
  '决议',
  '决定',
  '命令（令）',
  '公报',
  '公告',
  '通告',
  '意见',
  '通知',
  '通报',
  '报告',
  '请示',
  '批复',
  '议案',
  '函',
  '纪要',
] as const;
export type Genre = (typeof genres)[number];

/**
 * 国务院公文主题分类: the gov.cn policy library's 22 top classes and their second level
 * (docs/domain.md §6.3), the default vocabulary. A topic is stored as "一级\二级" (backslash), as
 * gov.cn prints it, or just "一级" where the class has no second level.
 */
export const topicClasses: ReadonlyArray<{ name: string; children: readonly string[] }> = [
  {
    name: '国务院组织机构',
    children: [
      '国务院',
      '国务院办公厅',
      '国务院组成部门',
      '国务院直属特设机构',
      '国务院直属机构',
      '国务院办事机构',
      '国务院直属事业单位',
      '国务院部委管理的国家局',
      '国务院议事协调机构',
      '其他',
    ],
  },
  { name: '综合政务', children: ['政务公开', '政务督查', '应急管理', '电子政务', '文秘工作', '保密工作', '信访', '参事、文史', '其他'] },
  { name: '国民经济管理、国有资产监管', children: ['宏观经济', '经济体制改革', '统计', '物价', '国有资产监管', '重大建设项目', '其他'] },
  { name: '财政、金融、审计', children: ['财政', '税务', '银行', '货币（含外汇）', '证券', '保险', '社会信用体系建设', '审计', '其他'] },
  { name: '国土资源、能源', children: ['土地', '矿产', '水资源', '海洋', '煤炭', '石油与天然气', '电力', '其他'] },
  { name: '农业、林业、水利', children: ['农业、畜牧业、渔业', '林业', '水利', '其他'] },
  {
    name: '工业、交通',
    children: [
      '机械制造与重工业',
      '轻工纺织',
      '化工',
      '国防工业',
      '航天、航空',
      '信息产业（含电信）',
      '公路',
      '水运',
      '铁路',
      '民航',
      '邮政',
      '其他',
    ],
  },
  { name: '商贸、海关、旅游', children: ['对外经贸合作', '国内贸易（含供销）', '海关', '检验、检疫', '旅游', '其他'] },
  { name: '市场监管、安全生产监管', children: ['工商', '质量监督', '标准', '食品药品监管', '安全生产监管', '其他'] },
  {
    name: '城乡建设、环境保护',
    children: ['城市规划', '城乡建设（含住房）', '环境监测、保护与治理', '节能与资源综合利用', '气象、水文、测绘、地震', '其他'],
  },
  { name: '科技、教育', children: ['科技', '教育', '知识产权', '其他'] },
  { name: '文化、广电、新闻出版', children: ['文化', '文物', '新闻出版', '广播、电影、电视', '其他'] },
  { name: '卫生、体育', children: ['卫生', '医药管理', '体育', '其他'] },
  { name: '人口与计划生育、妇女儿童工作', children: ['人口与计划生育', '妇女儿童', '其他'] },
  { name: '劳动、人事、监察', children: ['劳动就业', '社会保障', '人事工作', '军转安置', '监察', '纠正行业不正之风', '其他'] },
  { name: '公安、安全、司法', children: ['公安', '国家安全', '司法', '其他'] },
  { name: '民政、扶贫、救灾', children: ['减灾救灾', '优抚安置', '社会福利', '行政区划与地名', '社团管理', '扶贫', '其他'] },
  { name: '民族、宗教', children: ['民族事务', '宗教事务'] },
  { name: '对外事务', children: ['外交、外事', '国际条约、国际组织', '其他'] },
  { name: '港澳台侨工作', children: ['港澳工作', '对台工作', '侨务工作'] },
  { name: '国防', children: ['国防建设', '国防动员'] },
  { name: '其他', children: [] },
];

/** Separator between the two levels of a stored topic, as gov.cn prints it. */
export const TOPIC_SEPARATOR = '\\';

/** Whether a stored topic ("一级" or "一级\二级") belongs to the vocabulary. */
export function isKnownTopic(topic: string): boolean {
  const [main, sub, ...rest] = topic.split(TOPIC_SEPARATOR);
  const cls = topicClasses.find((c) => c.name === main);
  if (!cls || rest.length > 0) return false;
  return sub === undefined ? cls.children.length === 0 : cls.children.includes(sub);
}

/** The two levels of a stored topic: "一级\二级" → { main: "一级", sub: "二级" }; "一级" → { main, sub: undefined }. */
export function splitTopic(topic: string): { main: string; sub: string | undefined } {
  const [main = '', sub] = topic.split(TOPIC_SEPARATOR);
  return { main, sub };
}

/**
 * Where a topic sits in the vocabulary, counted from 1 as gov.cn numbers its classes: `[class]` or
 * `[class, subclass]`; undefined for a topic outside the vocabulary. Stable numbers make short,
 * stable addresses (the portal's /policies/topic/10/ and /policies/topic/10-2/).
 */
export function topicPosition(topic: string): [number] | [number, number] | undefined {
  if (!isKnownTopic(topic) && !topicClasses.some((c) => c.name === topic)) return undefined;
  const { main, sub } = splitTopic(topic);
  const index = topicClasses.findIndex((c) => c.name === main);
  if (sub === undefined) return [index + 1];
  return [index + 1, topicClasses[index]!.children.indexOf(sub) + 1];
}

/** 文号 parsing and the search query's normal form (kept beside the vocabularies so every layer gets them from one export). */
export * from './doc-number.js';

/**
 * 信息类别: the default catalogue nodes of 法定主动公开内容 (docs/domain.md §7, suggested township tree
 * and the categories the 敬仲镇 report names).
 */
export const catalogNodes = [
  '机构职能',
  '政策文件',
  '规划计划',
  '财政预决算',
  '农业农村',
  '重点领域',
  '业务工作',
  '应急管理',
  '工作动态',
  '统计信息',
  '其他',
] as const;
export type CatalogNode = (typeof catalogNodes)[number];

/** 主动公开渠道 (disclosure guide, docs/domain.md §5.3) */
export const proactiveChannels = {
  website: '政府网站',
  gazette: '政府公报',
  newMedia: '政务新媒体',
  pressConference: '新闻发布会',
  noticeBoard: '公开栏',
  readingRoom: '查阅场所',
  serviceCentre: '便民服务中心',
  other: '其他',
} as const;
export type ProactiveChannel = keyof typeof proactiveChannels;

/** 申请渠道 (disclosure guide, docs/domain.md §5.3; 条例第二十九条、第三十一条) */
export const applyChannels = {
  online: '网上申请',
  inPerson: '当面申请',
  post: '邮寄（信函）申请',
  fax: '传真申请',
  email: '电子邮件申请',
} as const;
export type ApplyChannel = keyof typeof applyChannels;

/** Label of a vocabulary key, or the key itself when unknown (never throws on old data). */
export function labelOf<T extends Record<string, string>>(vocabulary: T, key: string | null | undefined): string {
  if (!key) return '';
  return (vocabulary as Record<string, string>)[key] ?? key;
}

/*
 * Checks of a policy item's vocabulary fields (主题分类, 体裁, 信息类别), one home for the CMS, the
 * catalogue importer and the portal. Each returns the value as it is stored (normalised) or a
 * message in Chinese that says what is wrong and what would be right.
 */

/** A vocabulary check: the value to store, or what is wrong with it. */
export type VocabularyCheck = { ok: true; value: string | null } | { ok: false; message: string };

/** Separators people type between the two levels instead of gov.cn's backslash. */
const topicSeparators = /\s*[\\＼/／>＞|｜]\s*/g;

/** A typed topic in its stored form: one backslash between the levels, no stray spaces. */
export function normalizeTopic(text: string): string {
  return text.trim().replace(topicSeparators, TOPIC_SEPARATOR);
}

const listed = (values: readonly string[], max = 12) => (values.length > max ? `${values.slice(0, max).join('、')}等` : values.join('、'));

/** 主题分类: a class and (where the class has one) its second level, "一级\二级". Empty is allowed (null). */
export function checkTopic(text: string | null | undefined): VocabularyCheck {
  if (text === null || text === undefined || text.trim() === '') return { ok: true, value: null };
  const value = normalizeTopic(text);
  if (isKnownTopic(value)) return { ok: true, value };
  const { main, sub } = splitTopic(value);
  const cls = topicClasses.find((c) => c.name === main);
  if (cls && cls.children.length === 0) return { ok: false, message: `主题分类“${main}”没有二级分类，应只填“${main}”` };
  if (cls && sub === undefined) {
    return {
      ok: false,
      message: `主题分类“${main}”还须选一个二级分类，写作“${main}${TOPIC_SEPARATOR}二级分类”，二级分类可选：${listed(cls.children, 20)}`,
    };
  }
  if (cls) return { ok: false, message: `“${sub}”不是“${main}”下的二级分类，可选：${listed(cls.children, 20)}` };
  // A second level typed alone ("政务公开") or under a wrong class: name the class it belongs to.
  const leaf = sub ?? main;
  const owners = topicClasses.filter((c) => c.children.includes(leaf) && leaf !== '其他');
  if (owners.length > 0) {
    return {
      ok: false,
      message: `主题分类“${value}”不在国务院公文主题分类中，应为${owners.map((c) => `“${c.name}${TOPIC_SEPARATOR}${leaf}”`).join('或')}`,
    };
  }
  return {
    ok: false,
    message: `主题分类“${value}”不在国务院公文主题分类中；应写作“一级分类${TOPIC_SEPARATOR}二级分类”，如“综合政务${TOPIC_SEPARATOR}政务公开”，一级分类共 ${topicClasses.length} 类：${listed(
      topicClasses.map((c) => c.name),
      30,
    )}`,
  };
}

/** 体裁: one of the 15 文种 of 《党政机关公文处理工作条例》. Empty is allowed (null): not every item is a 公文. */
export function checkGenre(text: string | null | undefined): VocabularyCheck {
  if (text === null || text === undefined || text.trim() === '') return { ok: true, value: null };
  const value = text.trim();
  if ((genres as readonly string[]).includes(value)) return { ok: true, value };
  // 命令 and 令 are the same 文种, stored under its official name.
  if (value === '命令' || value === '令') return { ok: true, value: '命令（令）' };
  return { ok: false, message: `体裁“${value}”不是公文文种，应为以下之一：${genres.join('、')}` };
}

/** 信息类别: a node of the catalogue of 法定主动公开内容. Empty is allowed (null). */
export function checkCatalogNode(text: string | null | undefined): VocabularyCheck {
  if (text === null || text === undefined || text.trim() === '') return { ok: true, value: null };
  const value = text.trim();
  if ((catalogNodes as readonly string[]).includes(value)) return { ok: true, value };
  return { ok: false, message: `信息类别“${value}”不在公开目录中，应为以下之一：${catalogNodes.join('、')}` };
}

/**
 * Which vocabulary fields a published item must have. None of them is required: a 工作动态 item is
 * no 公文 (no 体裁), and items published before these rules existed have gaps the editors fill in
 * over time; a value given is always checked.
 */
export const requiredOnPublish = { topic: false, genre: false, catalogNode: false } as const;
