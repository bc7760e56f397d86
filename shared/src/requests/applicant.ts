/*
 * The applicant and the application of 条例 第二十九条: who asks (the columns of table 三), their
 * name, proof of identity and contact, what they want, and in which form and by which way.
 * One validator for the portal's form and the CMS's submit route: what a person sees is Chinese and
 * names the field.
 */

/** The applicant columns of table 三 (shared/src/report/templates.ts), without 总计. */
export const applicantKinds = {
  naturalPerson: '自然人',
  commercial: '商业企业',
  research: '科研机构',
  socialWelfare: '社会公益组织',
  legalService: '法律服务机构',
  otherOrg: '其他组织',
} as const;
export type ApplicantKind = keyof typeof applicantKinds;
export const isApplicantKind = (v: unknown): v is ApplicantKind => typeof v === 'string' && Object.hasOwn(applicantKinds, v);
export const isOrganisation = (kind: ApplicantKind) => kind !== 'naturalPerson';

export const idTypes = {
  residentId: '居民身份证',
  passport: '护照',
  hkMacauTaiwan: '港澳台居民居住证或来往内地（大陆）通行证',
  otherId: '其他有效身份证件',
  creditCode: '统一社会信用代码证书',
} as const;
export type IdType = keyof typeof idTypes;

/** 获取信息的方式 (第二十九条 “形式要求”): the medium. */
export const informationFormats = { paper: '纸质', electronic: '电子文件', disc: '光盘或其他存储介质' } as const;
/** …and the way (途径). */
export const deliveryMethods = { post: '邮寄', email: '电子邮件', collect: '自行领取', inspect: '当场阅览、抄录' } as const;
export type InformationFormat = keyof typeof informationFormats;
export type DeliveryMethod = keyof typeof deliveryMethods;

/** How a request reached the agency (第三十一条 fixes the receipt date by it). */
export const requestChannels = { online: '网上申请', letter: '信函', walkIn: '当面申请', fax: '传真', email: '电子邮件' } as const;
export type RequestChannel = keyof typeof requestChannels;

export const applicationLimits = {
  applicantName: 100,
  idNumber: 40,
  phone: 30,
  email: 120,
  address: 200,
  postcode: 6,
  contactPerson: 50,
  sought: 2000,
  purpose: 500,
} as const;

/** An application as the form posts it (strings, any of them missing or hostile). */
export type ApplicationInput = Partial<Record<keyof Application | 'agency', unknown>>;

export type Application = {
  applicantKind: ApplicantKind;
  applicantName: string;
  idType: IdType;
  idNumber: string;
  contactPerson: string;
  phone: string;
  email: string;
  address: string;
  postcode: string;
  sought: string;
  purpose: string;
  informationFormat: InformationFormat;
  deliveryMethod: DeliveryMethod;
};

export type FieldProblem = { field: string; message: string };

const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RESIDENT_ID_CHECK = '10X98765432';

/** GB 11643: 18 characters, a real birth date, and the ISO 7064 MOD 11-2 check character. */
export function residentIdProblem(raw: string): string | undefined {
  const id = raw.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return '居民身份证号码应为 18 位：前 17 位为数字，最后一位为数字或 X。';
  const [y, m, d] = [Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14))];
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d || birth.getTime() > Date.now())
    return `居民身份证号码第 7—14 位应为出生日期，“${id.slice(6, 14)}”不是有效日期。`;
  const sum = RESIDENT_ID_WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0);
  const expected = RESIDENT_ID_CHECK[sum % 11]!;
  if (id[17] !== expected) return '居民身份证号码校验位不符，请逐位核对号码（最后一位可能为 X）。';
  return undefined;
}

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100: 18 characters from the code's alphabet (no I, O, S, V, Z) and its MOD 31 check character. */
export function creditCodeProblem(raw: string): string | undefined {
  const code = raw.toUpperCase();
  if (!new RegExp(`^[${CREDIT_CHARS}]{18}$`).test(code)) return '统一社会信用代码应为 18 位，由数字和大写字母组成（不含 I、O、S、V、Z）。';
  const sum = CREDIT_WEIGHTS.reduce((s, w, i) => s + w * CREDIT_CHARS.indexOf(code[i]!), 0);
  const expected = CREDIT_CHARS[(31 - (sum % 31)) % 31]!;
  if (code[17] !== expected) return '统一社会信用代码校验位不符，请逐位核对。';
  return undefined;
}

// Markup: an application is plain text; a tag in it is a script attempt or a paste gone wrong.
const MARKUP = /<\s*\/?\s*[a-z!?]|javascript:/i;
// Control characters other than tab and line breaks, and the bidirectional overrides that can make text read otherwise.
const UNSAFE_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;

const FIELD_LABELS: Record<keyof Application, string> = {
  applicantKind: '申请人类型',
  applicantName: '姓名或名称',
  idType: '身份证明类型',
  idNumber: '证件号码',
  contactPerson: '联系人',
  phone: '联系电话',
  email: '电子邮箱',
  address: '通信地址',
  postcode: '邮政编码',
  sought: '所需政府信息的名称、文号或描述',
  purpose: '用途',
  informationFormat: '获取信息的形式',
  deliveryMethod: '获取信息的途径',
};
export const applicationFieldLabels: Readonly<Record<keyof Application, string>> = FIELD_LABELS;
/** The fields of an application (第二十九条) in the form's order: one list for the form, the intake and the CMS's checks. */
export const applicationFields = Object.keys(FIELD_LABELS) as ReadonlyArray<keyof Application>;

/**
 * The application, trimmed and checked, or every problem found (field + Chinese message).
 * Oversized, control characters and wrong formats are refused, never cut: nothing is stored half-way.
 * Markup is refused too: an application is plain text.
 */
export function validateApplication(
  input: ApplicationInput,
): { ok: true; application: Application } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const text = (field: keyof Application & keyof typeof applicationLimits, required: boolean, multiline = false): string => {
    const raw = input[field];
    if (raw !== undefined && raw !== null && typeof raw !== 'string') {
      problems.push({ field, message: `${FIELD_LABELS[field]}格式不正确，应为文字。` });
      return '';
    }
    const value = (raw ?? '').replace(/\r\n/g, '\n').trim();
    if (!value) {
      if (required) problems.push({ field, message: `请填写${FIELD_LABELS[field]}。` });
      return '';
    }
    const limit = applicationLimits[field];
    if ([...value].length > limit)
      problems.push({ field, message: `${FIELD_LABELS[field]}最多 ${limit} 个字，现有 ${[...value].length} 个字，请精简。` });
    else if (MARKUP.test(value))
      problems.push({ field, message: `${FIELD_LABELS[field]}中不能包含 HTML 标记或脚本（如“<script>”），请只填写文字。` });
    else if (UNSAFE_CHARS.test(value) || (!multiline && value.includes('\n')))
      problems.push({ field, message: `${FIELD_LABELS[field]}含有不可见的控制字符或换行，请删去后重新填写。` });
    return value;
  };
  const choice = <K extends string>(field: keyof Application, options: Record<K, string>): K | undefined => {
    const raw = input[field];
    if (typeof raw === 'string' && Object.hasOwn(options, raw)) return raw as K;
    problems.push({ field, message: `请选择${FIELD_LABELS[field]}：${Object.values(options).join('、')}。` });
    return undefined;
  };

  const applicantKind = choice('applicantKind', applicantKinds);
  const applicantName = text('applicantName', true);
  const idType = choice('idType', idTypes);
  const idNumber = text('idNumber', true).replace(/\s/g, '');
  const contactPerson = text('contactPerson', false);
  const phone = text('phone', false);
  const email = text('email', false);
  const address = text('address', false);
  const postcode = text('postcode', false);
  const sought = text('sought', true, true);
  const purpose = text('purpose', false, true);
  const informationFormat = choice('informationFormat', informationFormats);
  const deliveryMethod = choice('deliveryMethod', deliveryMethods);

  if (applicantKind && idType) {
    if (isOrganisation(applicantKind) && idType !== 'creditCode')
      problems.push({ field: 'idType', message: '法人或其他组织请选择“统一社会信用代码证书”作为身份证明。' });
    if (!isOrganisation(applicantKind) && idType === 'creditCode')
      problems.push({ field: 'idType', message: '自然人请选择居民身份证或其他个人身份证件，统一社会信用代码只适用于法人或其他组织。' });
  }
  if (idNumber && !problems.some((p) => p.field === 'idNumber')) {
    const why =
      idType === 'residentId'
        ? residentIdProblem(idNumber)
        : idType === 'creditCode'
          ? creditCodeProblem(idNumber)
          : /^[A-Za-z0-9-]{5,40}$/.test(idNumber)
            ? undefined
            : '证件号码应由字母、数字组成（5—40 位）。';
    if (why) problems.push({ field: 'idNumber', message: why });
  }
  if (applicantKind && isOrganisation(applicantKind) && !contactPerson)
    problems.push({ field: 'contactPerson', message: '法人或其他组织请填写联系人姓名。' });
  if (phone && !/^[0-9+\-() ]{7,30}$/.test(phone))
    problems.push({ field: 'phone', message: '联系电话只能包含数字、空格和 + - ( )，至少 7 位，例如 0533-1234567 或 13800000000。' });
  if (email && !/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(email))
    problems.push({ field: 'email', message: '电子邮箱格式不正确，例如 name@example.com。' });
  if (postcode && !/^\d{6}$/.test(postcode)) problems.push({ field: 'postcode', message: '邮政编码应为 6 位数字。' });
  if (!phone && !email && !address)
    problems.push({ field: 'phone', message: '请至少填写一种联系方式：联系电话、电子邮箱或通信地址（条例第二十九条）。' });
  if (deliveryMethod === 'email' && !email) problems.push({ field: 'email', message: '选择以电子邮件获取信息时，请填写电子邮箱。' });
  if (deliveryMethod === 'post' && !address) problems.push({ field: 'address', message: '选择邮寄时，请填写通信地址。' });
  if (deliveryMethod === 'email' && informationFormat && informationFormat !== 'electronic')
    problems.push({ field: 'informationFormat', message: '以电子邮件获取时，信息形式应为“电子文件”。' });

  if (problems.length || !applicantKind || !idType || !informationFormat || !deliveryMethod) return { ok: false, problems };
  return {
    ok: true,
    application: {
      applicantKind,
      applicantName,
      idType,
      idNumber: idNumber.toUpperCase(),
      contactPerson,
      phone,
      email,
      address,
      postcode,
      sought,
      purpose,
      informationFormat,
      deliveryMethod,
    },
  };
}
