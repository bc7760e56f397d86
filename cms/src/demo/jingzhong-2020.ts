import { reportTemplates, tableCells, type TableData, type TableTemplate } from '@portal/shared';
import { paragraphs } from './blocks';

/*
 * The 敬仲镇 2020 annual report (../shared/seeds/jingzhong-2020-annual-report.txt), entered as a
 * structured 2019-format report. Every figure the document prints is 0: table 二 as printed; table 三
 * garbled after its first rows but, as section 一(二) says, 0 applications were received; the line of
 * 15 zeros is table 四.
 */

/** A table of the template with every cell set to one value. */
export function filledTable(table: TableTemplate, value: number): TableData {
  const data: TableData = {};
  for (const { row, column } of tableCells(table)) (data[row] ??= {})[column] = value;
  return data;
}

const template = reportTemplates['2019'];
const table = (field: TableTemplate['field']) =>
  filledTable(
    template.tables.find((t: TableTemplate) => t.field === field)!,
    0,
  );

export const jingzhong2020 = {
  year: 2020,
  title: '临淄区敬仲镇人民政府2020年政府信息公开工作年度报告',
  publishDate: '2021-01-22',
  overview: paragraphs(
    '（演示内容：本报告录自临淄区敬仲镇人民政府公开的 2020 年度报告原文，用于演示本平台。）',
    '根据《中华人民共和国政府信息公开条例》和区政府办政务公开办《关于编制和公布 2020 年政府信息公开工作年度报告的通知》要求，编制了临淄区敬仲镇 2020 年政府信息公开工作年度报告，现向社会公布。报告中相关数据的相关计算期限为 2020 年 1 月 1 日起至 2020 年 12 月 31 日止。',
    '按照《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60 号）要求，本报告包含 6 个方面的内容，分别是总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议及行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。',
    '2020 年，敬仲镇通过参与区政府办政务公开办举办的全区政务公开专题培训，扎实做好《中华人民共和国政府信息公开条例》的学习，严格根据区政务公开办要求落实好数据迁移、完善完善栏目信息等工作，完成新旧平台的衔接。同时按照《临淄区 2020 年政务公开工作要点》、季度通报等文件要求，全面落实主动公开各项工作，确保全面提升敬仲镇政务公开质量和实效。',
  ),
  overviewProactive: paragraphs(
    '敬仲镇主动公开信息主要通过敬仲镇人民政府信息公开网站、“敬仲视角”微信公众号、公开栏、便民服务中心等途径发布，涵盖机构职能、业务工作、规划计划、农业农村等内容，做到了主动公开、依法公开，切实保障了公民、法人和其它组织的知情权。2020年通过敬仲镇人民政府信息公开网站发布信息 230 条；通过“敬仲视角”微信公众号推送文章 210 余篇；撰写政务公开工作征文 5 篇，均在市“政务公开在行动”专栏发布。2020 年办理人大建议 1 条，政协提案 0 条。',
  ),
  overviewOnRequest: paragraphs(
    '2020年共收到和处理政府信息公开申请0件，未收取关于依申请公开费用。同时按照全区政务公开工作要求，已于2020年12月23日更新了《敬仲镇人民政府信息公开指南》（网址：http://www.linzi.gov.cn/gongkai/site-lzqjzzrmzf/channel-c-5f9f6cdc1ebfe2f7fcddefbe-5fb3c032607979429fbb99b2/），关于依申请公开范围、程序、方式、电话等内容已在《指南》中明确。',
  ),
  overviewManagement: paragraphs(
    '一是调整充实了政务公开工作领导小组。政务公开工作分管领导为组长，配备1名政务公开工作专职人员，各委办、工作片8名信息员配合做好本委办负责领域内的政务信息提供工作，由政务信息公开办公室工作人员及时分类梳理公开。二是坚持应公开尽公开原则，严格审查把关，落实好信息公开发布协调、保密审查等工作，强化网站、微信公众平台等信息发布事先审查和事后检查，防止违规发布涉密或不宜公开的信息。',
  ),
  overviewPlatform: paragraphs(
    '一是敬仲镇人民政府信息公开网站。按照市区政务公开新平台更新维护及 1100 余项数据迁移等工作的要求，现政府信息公开数据已全部迁至新平台，同时目录的完善提高了公开、检索效率。',
    '二是微信公众平台。依托敬仲镇微信公众平台“敬仲视角”、微信工作群，及时发布敬仲工作动态、政策信息，群众可以通过更快捷的方式获得相关信息，为公众了解信息提供了便利。',
    '三是线下便民大厅。梳理了便民服务事项及时公示在镇便民服务中心大厅，同时在办事群众在窗口能及时获取与自身相关的社保、医疗、创业等有关办理指南，对外及时通过政府网站镇街板块、村内公示栏等形式公示便民大厅服务电话，推动了镇相关业务的办理、查阅等。',
  ),
  overviewSupervision: paragraphs(
    '一是加强机构建设。落实了政务公开组织领导机构，对公开的政府信息进行严格把关，保障政府信息公开工作有人抓、有人管、有人办，保证政务公开信息的全面性、即时性。按照《中华人民共和国政府信息公开条例》第五十条第四项要求，将各委办政务公开工作情况纳入工作考核，主动接受社会的监督。',
    '二是积极参加业务培训。2020年认真组织政务公开工作人员参加区政务公开办组织的专题培训，收看了全市依申请公开政府信息工作点评会和政府信息公开平台实务操作培训会议，不断提升政府信息公开工作人员的工作能力和水平。',
  ),
  proactiveTable: table('proactiveTable'),
  requestTable: table('requestTable'),
  reviewTable: table('reviewTable'),
  problems: paragraphs(
    '1. 存在的主要问题：主动公开内容的全面性还需进一步完善。随着政务信息公开新平台目录的完善，应公开事项更加清晰，所以还需要继续充实各目录，增加内容的全面性。',
    '2. 改进情况：召开政务信息公开工作会议，按照《条例》、基层政务公开标准化等要求更加明确各委办职责任务，提高主动公开内容的全面性，让群众的知情、参与和监督权更加充分。',
  ),
  otherMatters: paragraphs('无'),
};
