import { catalogFields, catalogHeaders, catalogNodes, genres, topicClasses, TOPIC_SEPARATOR } from '@portal/shared';

/*
 * A realistic corpus of policy items for benchmarks (the catalogue import now, the portal's scale
 * benchmarks later): titles, 文号, 索引号 and metadata from the shared vocabularies over ~50
 * agencies and 2015–2026, and bodies of ~1,500 characters built sentence by sentence from phrase
 * banks of government documents, so that no two bodies are alike and the text draws on well over
 * a thousand distinct characters (what the search index and the database see in real use).
 * Deterministic: the same seed gives the same corpus.
 */

/** A small, fast, seeded generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

const towns = [
  '敬仲镇',
  '朱台镇',
  '金岭回族镇',
  '凤凰镇',
  '金山镇',
  '皇城镇',
  '齐都镇',
  '稷下街道',
  '闻韶街道',
  '雪宫街道',
  '辛店街道',
  '齐陵街道',
];
const departments: Array<[string, string, string]> = [
  ['区人民政府办公室', '区政府办', '临政办发'],
  ['区发展和改革局', '区发改局', '临发改发'],
  ['区教育和体育局', '区教体局', '临教体发'],
  ['区科学技术局', '区科技局', '临科发'],
  ['区工业和信息化局', '区工信局', '临工信发'],
  ['区公安分局', '区公安分局', '临公发'],
  ['区民政局', '区民政局', '临民发'],
  ['区司法局', '区司法局', '临司发'],
  ['区财政局', '区财政局', '临财发'],
  ['区人力资源和社会保障局', '区人社局', '临人社发'],
  ['区自然资源局', '区自然资源局', '临自然资发'],
  ['区住房和城乡建设局', '区住建局', '临建发'],
  ['区交通运输局', '区交通局', '临交发'],
  ['区水利局', '区水利局', '临水发'],
  ['区农业农村局', '区农业农村局', '临农发'],
  ['区商务局', '区商务局', '临商发'],
  ['区文化和旅游局', '区文旅局', '临文旅发'],
  ['区卫生健康局', '区卫健局', '临卫健发'],
  ['区退役军人事务局', '区退役军人局', '临退役发'],
  ['区应急管理局', '区应急局', '临应急发'],
  ['区审计局', '区审计局', '临审发'],
  ['区市场监督管理局', '区市场监管局', '临市监发'],
  ['区统计局', '区统计局', '临统发'],
  ['区医疗保障局', '区医保局', '临医保发'],
  ['区行政审批服务局', '区审批局', '临审批发'],
  ['区综合行政执法局', '区执法局', '临执法发'],
  ['区城市管理局', '区城管局', '临城管发'],
  ['区林业局', '区林业局', '临林发'],
  ['区信访局', '区信访局', '临信访发'],
  ['区大数据局', '区大数据局', '临数据发'],
  ['区机关事务服务中心', '区机关事务中心', '临机关发'],
  ['区档案馆', '区档案馆', '临档发'],
  ['区残疾人联合会', '区残联', '临残联发'],
  ['区妇女联合会', '区妇联', '临妇发'],
  ['区总工会', '区总工会', '临工发'],
  ['区供销合作社联合社', '区供销社', '临供销发'],
  ['区地方金融监督管理局', '区金融局', '临金融发'],
];

export type CorpusAgency = { name: string; shortName: string; indexPrefix: string; docPrefix: string; kind: string };

/** ~50 agencies: the district government, its departments and its towns and subdistricts, each with a 18-character credit code. */
export function corpusAgencies(): CorpusAgency[] {
  const code = (n: number) => `113703050043${String(26100 + n * 7).padStart(5, '0')}${'ABCDEFGHJKLMNPQRTUWXY'[n % 21]}`;
  const list: CorpusAgency[] = [
    { name: '临淄区人民政府', shortName: '区政府', indexPrefix: code(0), docPrefix: '临政发', kind: 'districtGovernment' },
  ];
  departments.forEach(([name, shortName, docPrefix], i) =>
    list.push({ name: `临淄${name}`, shortName, indexPrefix: code(i + 1), docPrefix, kind: 'department' }),
  );
  towns.forEach((town, i) => {
    const full = town.endsWith('街道') ? `临淄区${town}办事处` : `临淄区${town}人民政府`;
    list.push({
      name: full,
      shortName: town,
      indexPrefix: code(departments.length + i + 1),
      docPrefix: `${town.slice(0, 2)}${town.endsWith('街道') ? '办' : '政'}发`,
      kind: town.endsWith('街道') ? 'subdistrict' : 'town',
    });
  });
  return list;
}

// Phrase banks of 公文: subjects, measures, objects, aims and closing formulas.
const leads = [
  '为深入贯彻落实党中央、国务院决策部署',
  '为进一步优化营商环境',
  '为切实保障人民群众生命财产安全',
  '根据《中华人民共和国政府信息公开条例》',
  '按照省委、省政府工作要求',
  '为加快推进新型城镇化建设',
  '为巩固拓展脱贫攻坚成果',
  '经区政府常务会议研究同意',
  '结合我区实际',
  '为全面提升基层治理能力',
  '为推动经济社会高质量发展',
  '根据上级有关文件精神',
  '为规范行政执法行为',
  '为稳步推进乡村振兴战略',
  '为扎实做好民生实事',
  '为切实减轻企业负担',
  '为深化“放管服”改革',
  '为加强生态文明建设',
  '为有效防范化解重大风险',
  '为持续改善人居环境',
];
const actors = [
  '各镇人民政府、街道办事处',
  '区直各部门、单位',
  '各有关企业',
  '各级各部门',
  '区政府各工作部门',
  '各村（社区）党组织',
  '各学校、幼儿园',
  '各医疗卫生机构',
  '各行业主管部门',
  '各牵头单位和责任单位',
  '区属国有企业',
  '各类市场主体',
  '各级河长',
  '网格员队伍',
];
const verbs = [
  '要高度重视',
  '应当认真组织实施',
  '须严格落实',
  '要统筹协调推进',
  '应进一步健全完善',
  '要切实加强',
  '要全面排查',
  '须按期完成',
  '应主动公开',
  '要加大投入力度',
  '应及时报送',
  '要着力强化',
  '须定期开展',
  '要持续深化',
  '应建立健全',
  '要精准施策',
];
const objects = [
  '安全生产责任制',
  '政务公开标准化规范化建设',
  '农村饮水安全工程',
  '城乡环境卫生综合整治',
  '重点项目建设',
  '困难群众基本生活保障',
  '秸秆禁烧和综合利用',
  '森林防灭火工作',
  '防汛抗旱准备',
  '校园及周边安全',
  '食品药品安全监管',
  '耕地保护和永久基本农田管理',
  '老旧小区改造',
  '燃气管道更新',
  '就业创业服务',
  '职业技能培训',
  '医疗保险参保扩面',
  '养老服务体系',
  '残疾人两项补贴发放',
  '退役军人优抚安置',
  '信访积案化解',
  '扫黑除恶常态化',
  '大气污染防治攻坚',
  '河湖长制',
  '高标准农田建设',
  '冬季清洁取暖',
  '义务教育均衡发展',
  '公共文化服务体系',
  '全民健身设施',
  '数字政府建设',
  '政务服务“一网通办”',
  '企业开办便利化',
  '招商引资',
  '化工园区安全整治',
  '危险化学品运输管理',
  '建筑施工扬尘治理',
  '城市道路桥梁维护',
  '公交线路优化',
  '农产品质量安全追溯',
  '动物疫病防控',
  '基层医疗卫生服务能力',
  '妇女儿童权益保护',
  '未成年人保护',
  '社会救助兜底',
  '慈善事业发展',
  '地名标志设置',
  '统计数据质量',
  '审计发现问题整改',
  '财政预算绩效管理',
  '政府采购监督',
  '国有资产清查',
  '行政事业性收费清理',
  '档案数字化',
  '应急物资储备',
  '地质灾害隐患排查',
  '消防车通道清理',
];
const manners = [
  '明确责任分工，细化工作措施',
  '建立台账，逐项销号',
  '坚持问题导向和目标导向',
  '强化部门协作和上下联动',
  '加强督导检查和考核评价',
  '畅通群众监督渠道',
  '做到底数清、情况明',
  '确保各项任务落地见效',
  '注重源头治理和综合施策',
  '实行清单化、项目化管理',
  '严格执行请示报告制度',
  '充分运用信息化手段',
  '坚持依法依规、公开透明',
  '压紧压实属地责任、部门监管责任和企业主体责任',
  '做好政策解读和宣传引导',
];
const aims = [
  '切实维护人民群众合法权益',
  '不断增强群众获得感、幸福感、安全感',
  '为全区经济社会发展提供有力保障',
  '推动工作提质增效',
  '形成齐抓共管的工作合力',
  '确保不发生较大以上安全事故',
  '营造公平竞争的市场环境',
  '提升政府公信力和执行力',
  '实现年度目标任务',
  '打造宜居宜业和美乡村',
];
const laws = [
  '中华人民共和国森林法',
  '中华人民共和国畜牧法',
  '中华人民共和国野生动物保护法',
  '中华人民共和国矿产资源法',
  '中华人民共和国献血法',
  '中华人民共和国档案法',
  '中华人民共和国草原法',
  '中华人民共和国渔业法',
  '中华人民共和国气象法',
  '中华人民共和国测绘法',
  '中华人民共和国邮政法',
  '中华人民共和国种子法',
  '中华人民共和国慈善法',
  '中华人民共和国枪支管理法',
  '中华人民共和国禁毒法',
  '中华人民共和国兵役法',
  '中华人民共和国税收征收管理法',
  '中华人民共和国固体废物污染环境防治法',
  '中华人民共和国噪声污染防治法',
  '中华人民共和国土壤污染防治法',
  '中华人民共和国防震减灾法',
  '中华人民共和国突发事件应对法',
  '中华人民共和国传染病防治法',
  '中华人民共和国疫苗管理法',
  '中华人民共和国老年人权益保障法',
  '中华人民共和国残疾人保障法',
  '中华人民共和国妇女权益保障法',
  '中华人民共和国预防未成年人犯罪法',
  '中华人民共和国乡村振兴促进法',
  '中华人民共和国黑土地保护法',
  '中华人民共和国湿地保护法',
  '中华人民共和国长江保护法',
  '中华人民共和国反食品浪费法',
  '中华人民共和国个人信息保护法',
  '中华人民共和国数据安全法',
  '中华人民共和国消防法',
  '中华人民共和国道路交通安全法',
  '中华人民共和国行政许可法',
  '中华人民共和国行政处罚法',
  '中华人民共和国行政复议法',
  '中华人民共和国招标投标法',
  '中华人民共和国统计法',
  '优化营商环境条例',
  '保障农民工工资支付条例',
  '地下水管理条例',
  '排污许可管理条例',
  '生猪屠宰管理条例',
  '农药管理条例',
  '兽药管理条例',
  '殡葬管理条例',
];
const villages = [
  '大夫店村',
  '梧台村',
  '南仇村',
  '北羊村',
  '褚家村',
  '侯家屯村',
  '西单村',
  '东召口村',
  '乙烯社区',
  '桓公路社区',
  '牛山村',
  '稷下村',
  '闫家村',
  '刘征村',
  '淄河店村',
  '崖付村',
  '郝家庄村',
  '辛店村',
  '葛家庄村',
  '蒋坊村',
  '边河村',
  '颜家村',
  '韩家窑村',
  '段家村',
  '皇城营村',
  '苇子河村',
  '矮槐树村',
  '鞠家村',
  '穆家庄村',
  '阚家村',
  '芦家村',
  '霍家村',
  '谭家坊村',
  '薛家村',
  '魏家村',
  '滕家村',
  '寇家村',
  '靳家村',
  '邵家圈村',
  '沟崖村',
  '柳杭村',
  '葫芦村',
];
const crops = [
  '蔬菜大棚',
  '葡萄种植',
  '桑蚕养殖',
  '苗木花卉',
  '食用菌',
  '鸭梨',
  '核桃',
  '樱桃',
  '草莓',
  '黄桃',
  '芦笋',
  '西红柿',
  '黄瓜',
  '茄子',
  '辣椒',
  '韭菜',
  '芹菜',
  '生姜',
  '大蒜',
  '小麦',
  '玉米',
  '大豆',
  '花生',
  '甘薯',
  '谷子',
  '高粱',
  '棉花',
  '蜂蜜',
  '奶牛',
  '肉羊',
  '蛋鸡',
  '淡水鱼',
  '莲藕',
  '茶叶',
  '中药材',
];
const hazards = [
  '暴雨',
  '冰雹',
  '寒潮',
  '雷电',
  '大风',
  '干旱',
  '沙尘',
  '霜冻',
  '高温',
  '道路结冰',
  '森林火险',
  '地面塌陷',
  '山体滑坡',
  '泥石流',
  '雾霾',
  '暴雪',
];
const industries = [
  '石油化工',
  '聚酯薄膜',
  '轮胎制造',
  '陶瓷琉璃',
  '纺织服装',
  '装备制造',
  '新材料',
  '生物医药',
  '电子信息',
  '现代物流',
  '电子商务',
  '文化创意',
  '康养旅游',
  '冷链仓储',
  '再生资源回收',
  '氢能源',
  '光伏发电',
  '储能电池',
  '精细化工',
  '汽车零部件',
  '智能家电',
  '工业互联网',
  '软件服务',
  '检验检测',
];
const facilities = [
  '公共厕所',
  '路灯照明',
  '垃圾分类投放点',
  '污水管网',
  '雨污分流管道',
  '供暖换热站',
  '自来水加压泵站',
  '口袋公园',
  '健身步道',
  '停车泊位',
  '充电桩',
  '便民菜市场',
  '日间照料中心',
  '幸福院',
  '卫生室',
  '托育园',
  '图书室',
  '文化广场',
  '避难场所',
  '消防站',
  '派出所警务室',
  '快递驿站',
  '垃圾中转站',
  '齐文化博物院',
  '足球博物馆',
  '太公湖',
  '天齐渊',
  '管仲纪念馆',
  '东周殉马馆',
  '稷下学宫遗址',
  '牛山',
  '淄河湿地',
  '乌河',
  '涝淄河',
  '猪龙河',
];
const heritage = [
  '剪纸',
  '蹴鞠',
  '柳编',
  '面塑',
  '锣鼓',
  '皮影',
  '刺绣',
  '泥塑',
  '糖画',
  '木版年画',
  '琉璃烧制',
  '黑陶',
  '草编',
  '扎染',
  '高跷',
  '秧歌',
  '吕剧',
  '五音戏',
  '鼓子秧歌',
  '芯子',
  '花灯',
  '舞狮',
  '武术',
  '书法',
  '篆刻',
  '酿醋',
  '豆腐皮',
  '煎饼',
  '烧饼',
  '酥锅',
  '香肠',
  '粽子',
  '月饼',
  '麦芽糖',
  '醪糟',
];
const concerns = [
  '拖欠农民工工资',
  '违规收费',
  '噪声扰民',
  '油烟污染',
  '占道经营',
  '违章搭建',
  '电动自行车飞线充电',
  '高空抛物',
  '楼道堆物',
  '燃放烟花爆竹',
  '私拉乱接电线',
  '非法营运',
  '超限超载',
  '酒后驾驶',
  '电信网络诈骗',
  '非法集资',
  '假冒伪劣',
  '缺斤短两',
  '虚假广告',
  '野外用火',
  '非法捕捞',
  '私挖滥采',
  '倾倒渣土',
];
const firms = [
  '鑫泰',
  '瑞丰',
  '恒源',
  '德润',
  '鸿翔',
  '锦程',
  '旭阳',
  '昊天',
  '翔宇',
  '骏驰',
  '烨华',
  '琨瑜',
  '璞玉',
  '鹏翥',
  '麒麟',
  '凯嘉',
  '馨怡',
  '馥郁',
  '澜沧',
  '晟睿',
  '煜坤',
  '铂锐',
  '钰隆',
  '淼森',
  '垚鑫',
  '犇腾',
  '骐骥',
  '岱岳',
  '崂峪',
  '沂蒙',
  '泓澈',
  '濠江',
  '珑玥',
  '瑾瑄',
  '琦璐',
  '翡翠',
  '珈蓝',
  '蔚蓝',
  '曦晨',
  '皓月',
  '霁虹',
  '巍峨',
  '峥嵘',
  '嵩岚',
  '峄阳',
  '坊茨',
  '邹鲁',
  '沣泽',
  '渤瀚',
  '滨湖',
  '汇澜',
  '溢彩',
  '舜禹',
  '尧帝',
  '轩辕',
  '姜齐',
];
const roads = [
  '桓公路',
  '晏婴路',
  '齐兴路',
  '牛山路',
  '闻韶路',
  '遄台路',
  '雪宫路',
  '临淄大道',
  '天齐路',
  '宫前街',
  '齐园路',
  '勇士路',
  '淄江路',
  '石化大道',
  '裕民路',
  '炼厂路',
  '乙烯路',
  '稷下路',
  '齐鲁大道',
  '辛化路',
  '杨坡路',
  '朱台路',
  '胶济铁路',
];
const firmKinds = [
  '化工有限公司',
  '纺织有限责任公司',
  '建筑工程有限公司',
  '物流有限公司',
  '农业专业合作社',
  '食品有限公司',
  '机械制造有限公司',
  '医药科技有限公司',
  '新材料股份有限公司',
  '商贸有限公司',
];
const figures = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const amounts = ['万元', '亩', '公里', '户', '人次', '个', '处', '吨', '平方米', '家'];
const closes = [
  '本通知自印发之日起施行。',
  '本办法由区司法局负责解释。',
  '请认真贯彻执行。',
  '执行中遇到的问题，请及时向区政府办公室反映。',
  '各单位于每月25日前报送工作进展情况。',
  '本方案自发布之日起实施，有效期五年。',
  '特此通知。',
  '此前有关规定与本办法不一致的，以本办法为准。',
];
const titleHeads = [
  '关于印发',
  '关于做好',
  '关于进一步加强',
  '关于开展',
  '关于公布',
  '关于调整',
  '关于实施',
  '关于规范',
  '关于推进',
  '关于表彰',
];
const titleTails: Record<string, string> = {
  通知: '的通知',
  意见: '的意见',
  决定: '的决定',
  通告: '的通告',
  公告: '的公告',
  通报: '的通报',
  报告: '的报告',
  批复: '的批复',
  函: '的函',
  纪要: '会议纪要',
  请示: '的请示',
  议案: '的议案',
  命令: '的命令',
  决议: '的决议',
  公报: '的公报',
};

/** One sentence of a 公文, from the phrase banks. */
function sentence(rnd: () => number, year: number): string {
  switch (Math.floor(rnd() * 14)) {
    case 12:
      return `经查，淄博${pick(rnd, firms)}${pick(rnd, firmKinds)}（位于${pick(rnd, roads)}${Math.floor(rnd() * 300) + 1}号）存在${pick(rnd, concerns)}问题，依法责令限期改正并处罚款${Math.floor(rnd() * 50) + 1}万元。`;
    case 13:
      return `对${pick(rnd, roads)}、${pick(rnd, roads)}沿线${pick(rnd, facilities)}进行提升改造，淄博${pick(rnd, firms)}${pick(rnd, firmKinds)}等${Math.floor(rnd() * 9) + 2}家单位参与共建。`;
    case 9:
      return `年内新建、改造${pick(rnd, facilities)}${Math.floor(rnd() * 60) + 2}处、${pick(rnd, facilities)}${Math.floor(rnd() * 60) + 2}处，方便群众就近办事。`;
    case 10:
      return `扶持${pick(rnd, heritage)}、${pick(rnd, heritage)}、${pick(rnd, heritage)}等非物质文化遗产项目传承发展，开展进校园、进社区展示活动。`;
    case 11:
      return `群众反映${pick(rnd, concerns)}、${pick(rnd, concerns)}等问题的，可拨打12345政务服务便民热线，${pick(rnd, actors)}须在${Math.floor(rnd() * 5) + 1}个工作日内办结答复。`;
    case 5:
      return `依据《${pick(rnd, laws)}》《${pick(rnd, laws)}》等法律法规，${pick(rnd, actors)}${pick(rnd, verbs)}${pick(rnd, objects)}。`;
    case 6:
      return `支持${pick(rnd, villages)}、${pick(rnd, villages)}发展${pick(rnd, crops)}和${pick(rnd, crops)}特色产业，新建示范基地${Math.floor(rnd() * 40) + 2}处，带动农户增收。`;
    case 7:
      return `遇${pick(rnd, hazards)}、${pick(rnd, hazards)}等灾害性天气，${pick(rnd, actors)}要及时启动应急预案，转移安置受威胁群众，${pick(rnd, manners)}。`;
    case 8:
      return `围绕${pick(rnd, industries)}、${pick(rnd, industries)}等产业链，培育规模以上企业${Math.floor(rnd() * 30) + 3}家，${pick(rnd, aims)}。`;
    case 0:
      return `${pick(rnd, leads)}，${pick(rnd, actors)}${pick(rnd, verbs)}${pick(rnd, objects)}，${pick(rnd, manners)}，${pick(rnd, aims)}。`;
    case 1:
      return `${year}年，全区计划完成${pick(rnd, objects)}${Math.floor(rnd() * 900 + 10)}${pick(rnd, amounts)}，投入资金${Math.floor(rnd() * 9000 + 100)}万元，${pick(rnd, manners)}。`;
    case 2:
      return `${pick(rnd, actors)}${pick(rnd, verbs)}${pick(rnd, objects)}和${pick(rnd, objects)}，${pick(rnd, manners)}，于${year}年${Math.floor(rnd() * 12) + 1}月底前完成。`;
    case 3:
      return `（${pick(rnd, figures)}）${pick(rnd, verbs).replace(/^[要须应]/, '')}${pick(rnd, objects)}。${pick(rnd, manners)}，${pick(rnd, aims)}。`;
    default:
      return `对${pick(rnd, objects)}中发现的问题，${pick(rnd, actors)}${pick(rnd, verbs)}整改，${pick(rnd, manners)}。`;
  }
}

/** A body of about `length` characters, in paragraphs of a few sentences, ending with a closing formula. */
export function corpusBody(rnd: () => number, year: number, length = 1500): string {
  const paragraphs: string[] = [];
  let size = 0;
  let chapter = 0;
  while (size < length) {
    let paragraph = `第${figures[chapter % 10]}${chapter >= 10 ? '十' : ''}条　`;
    chapter++;
    const count = 2 + Math.floor(rnd() * 3);
    for (let i = 0; i < count; i++) paragraph += sentence(rnd, year);
    paragraphs.push(paragraph);
    size += paragraph.length;
  }
  paragraphs.push(pick(rnd, closes));
  return paragraphs.join('\n');
}

const topics = topicClasses.flatMap((c) => (c.children.length ? c.children.map((sub) => `${c.name}${TOPIC_SEPARATOR}${sub}`) : [c.name]));

/** A catalogue row in the import template's columns (Chinese headers). */
export type CorpusRow = Record<string, string>;

/** The import template's headers, in its order (shared/src/catalog/columns.ts). */
export const corpusHeaders: readonly string[] = catalogFields.map((field) => catalogHeaders[field]);

/**
 * `count` catalogue rows over the agencies, 2015–2026: distinct 索引号 per agency and year, 文号 such
 * as 临政办发〔2023〕12号, about one in twelve 废止 or 失效 with a date after the 成文日期.
 */
export function* corpusRows(
  count: number,
  options: { seed?: number; agencies?: readonly CorpusAgency[]; firstSerial?: number } = {},
): Generator<CorpusRow> {
  const { seed = 20261201, agencies = corpusAgencies(), firstSerial = 1 } = options;
  const rnd = random(seed);
  const serials = new Map<string, number>();
  for (let n = 0; n < count; n++) {
    const agency = agencies[Math.floor(rnd() * agencies.length)]!;
    const year = 2015 + Math.floor(rnd() * 12);
    const key = `${agency.indexPrefix}/${year}`;
    const serial = (serials.get(key) ?? firstSerial - 1) + 1;
    serials.set(key, serial);
    const month = 1 + Math.floor(rnd() * 12);
    const day = 1 + Math.floor(rnd() * 28);
    const written = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const published = `${year}-${String(month).padStart(2, '0')}-${String(Math.min(28, day + Math.floor(rnd() * 5))).padStart(2, '0')}`;
    const genre = pick(rnd, genres);
    const subject = pick(rnd, objects);
    const title =
      genre === '纪要'
        ? `${agency.shortName}${subject}专题${titleTails[genre]}`
        : `${pick(rnd, titleHeads)}${year}年${subject}工作${genre === '通知' && rnd() < 0.5 ? '方案' : ''}${titleTails[genre] ?? '的通知'}`;
    const ended = rnd() < 0.08;
    const validity = ended ? (rnd() < 0.7 ? '废止' : '失效') : '有效';
    const endYear = Math.min(2026, year + 1 + Math.floor(rnd() * 4));
    yield {
      索引号: `${key}-${String(serial).padStart(5, '0')}`,
      标题: title,
      文号: rnd() < 0.9 ? `${agency.docPrefix}〔${year}〕${Math.floor(rnd() * 120) + 1}号` : '',
      发布机构: rnd() < 0.3 ? agency.shortName : agency.name,
      成文日期: written,
      发布日期: published,
      主题分类: pick(rnd, topics),
      信息类别: pick(rnd, catalogNodes),
      体裁: genre,
      有效性: validity,
      废止日期: ended ? `${endYear}-12-31` : '',
      内容概述: `${agency.shortName}就${subject}作出部署，${pick(rnd, manners)}。`,
      正文: corpusBody(rnd, year),
      附件文件名: '',
    };
  }
}

/** A CSV cell as Excel writes it. */
const csvCell = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/** The rows as CSV text chunks (UTF-8 with BOM, CRLF), header first, for writing to a stream. */
export function* corpusCsv(rows: Iterable<CorpusRow>): Generator<string> {
  yield `\uFEFF${corpusHeaders.join(',')}\r\n`;
  for (const row of rows) yield `${corpusHeaders.map((h) => csvCell(row[h] ?? '')).join(',')}\r\n`;
}

/** Distinct characters (code points, CJK only) of a text: the corpus's breadth. */
export function distinctHanzi(texts: Iterable<string>): number {
  const seen = new Set<string>();
  for (const text of texts) for (const ch of text) if (/\p{Script=Han}/u.test(ch)) seen.add(ch);
  return seen.size;
}
