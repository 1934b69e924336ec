/**
 * The project's own transcription of the 2022 department-budget disclosure of 深圳市盐田区总工会
 * (shared/seeds/000_1f48a53bf90eca7c.txt): the 单位整体支出绩效目标表 and 第七部分 重点项目.
 * Text is as the seed states it, with only the PDF line breaks and stray spaces removed — including the seed's own
 * typo 职业化干部级工会组织员 (级 for 及), because the plan must read exactly as it was approved.
 * Amounts are 万元 strings, converted to fen exactly on load.
 */
export interface SeedIndicator {
  level1: string;
  level2: string;
  name: string;
  target: string;
}

export interface SeedBudgetLine {
  name: string;
  content: string;
  fiscalWan: string;
  otherWan: string;
}

export interface SeedProject {
  key: string;
  name: string;
  budgetWan: string;
  goal: string;
  /** Selected as 重点项目 in 第七部分. */
  keyProject: boolean;
}

export const SEED_VERSION = 1;

export const yantianUnit = {
  name: '深圳市盐田区总工会',
  supervisor: '深圳市盐田区总工会',
  duties:
    '维护职工合法权益，做好困难职工帮扶工作，宣传贯彻有关法律、法规，处理职工群众来信来访，建立平等协商和集体合同制度，协调劳动关系，参加劳动争议调解，为职工提供法律咨询和援助；做好职工教育培训工作，组织职工开展文体活动；代表职工参政议政，指导企事业单位民主管理和民主监督；开展劳动竞赛，做好评先工作和劳动模范管理服务工作；承担工会的外事活动，发展同兄弟工会组织的友好关系；承办区委、区政府和上级工会交办的其他工作事项。',
};

export const YEAR = 2022;

export const unitPlanName = '深圳市盐田区总工会单位整体支出绩效目标表';

/** 年度主要任务, in the table's order. Total 1,273.52 万元. */
export const unitBudgetLines: SeedBudgetLine[] = [
  {
    name: '基本支出',
    content: '保障机构正常运行，完成日常工作任务，包括人员支出、对个人和家庭补助支出、公用支出。',
    fiscalWan: '445.96',
    otherWan: '0.00',
  },
  {
    name: '工会组织建设及维权关爱',
    content:
      '根据全总“两个普遍”工作要求，大力推动基层工会民主管理和组织建设，进一步维护职工合法权益，深入开展职工关爱服务，加强职工劳动保护和安全生产。',
    fiscalWan: '20.00',
    otherWan: '0.00',
  },
  {
    name: '劳模、先进生产者管理服务及工会慰问、活动',
    content:
      '根据深盐委[2006]4号文件精神，为体现对我区劳模、先进个人等爱护和关心，召开劳模及先进单位和个人座谈会，组织劳模外出学习参观、疗休养等。开展各种形式的文化体育及慰问活动，如工友之夜、职工书画比赛、体育比赛、送电影、送文艺节目下基层，慰问我区广大劳务工、工会工作者、支持工会工作的积极分子，慰问特困职工等。',
    fiscalWan: '22.00',
    otherWan: '0.00',
  },
  {
    name: '日常业务经费',
    content: '依据《中华人民共和国工会法》以及工会工作职能，开展各项日常业务活动。',
    fiscalWan: '15.00',
    otherWan: '0.00',
  },
  {
    name: '全区行政事业单位缴纳工会经费',
    content:
      '1.根据《中华人民共和国工会法》及深工[2015]21号文件精神，按照年度全区行政事业单位职工工资总额2%安排行政事业单位工会经费预算。\n2.根据深工办[2019]53号文件，基层工会分成比例从2020年1月起调整为70%基层留成、30%上解上级工会。',
    fiscalWan: '770.56',
    otherWan: '0.00',
  },
];

export const unitTotalWan = '1,273.52';

export const unitGoal =
  '2022年，盐田区总工会坚持以习近平新时代中国特色社会主义思想为指导，抢抓“双区”建设和综合改革试点重大历史机遇，聚焦“产业兴盐”“创新驱动”，为高质量全面建成宜居宜业宜游的现代化国际化创新型滨海城区、团结引领广大职工为建设中国特色社会主义先行示范工会贡献力量。一是全力做好工会会员信息采集及实名认证工作，推进新就业形态群体入会工作，积极适应企业组织形式和职工就业方式的转变，运用好“党建带工建、工建服务党建”工作机制，集中抓好百人以上企业等5种类型企业以及新经济新业态新领域工会组建；二是完善劳资纠纷和职工群体性事件的预防预警、舆情监测、应急处置机制，加强与法院、人力、司法等各方协调联动，加强劳动关系风险排查，及时化解涉劳动领域的隐患风险，维护职工队伍稳定；三是加强企业安全管理和安全文化建设，组织开展安全生产、劳动保护知识宣传、安全技能培训、安全生产合理化建议和群众性安全生产活动，切实提升职工的安全意识和安全技能；四是推进工会解困济难和普惠服务，加强服务职工的阵地建设，构建多层级多元化的职工服务平台，以职工集中的需求为导向，做深做实困难帮扶、金秋助学、工伤探视、心灵关爱、大病救助等传统服务项目，探索将网格化管理与工会帮扶工作相结合，积极构建工会“智慧帮扶”新格局。';

/** 年度绩效指标: all 20 rows, 不适用 included, in the table's order. */
export const unitIndicators: SeedIndicator[] = [
  { level1: '产出', level2: '数量', name: '开展职工权益保障和职工服务等活动（人次）', target: '不少于800人次' },
  { level1: '产出', level2: '数量', name: '印制组织建设、权益保障、关爱服务等宣传资料数量（份）', target: '5000份' },
  { level1: '产出', level2: '数量', name: '职业化干部及工会组织员补贴发放人数', target: '30人' },
  { level1: '产出', level2: '数量', name: '开展职工趣味运动会、登山等文体活动参与人次', target: '300人次' },
  { level1: '产出', level2: '数量', name: '劳模、先进生产者等有关人员疗休养活动人数', target: '25人' },
  { level1: '产出', level2: '数量', name: '上解上级工会经费完成数量', target: '1次' },
  { level1: '产出', level2: '质量', name: '宣传资料及时发放率', target: '≥90%' },
  { level1: '产出', level2: '质量', name: '开展职工权益保障和职工服务活动覆盖率', target: '≥90%' },
  { level1: '产出', level2: '质量', name: '开展职工趣味运动会、登山等文体活动参与率', target: '≥90%' },
  { level1: '产出', level2: '质量', name: '劳模、先进生产者等有关人员疗休养活动参与率', target: '≥90%' },
  { level1: '产出', level2: '质量', name: '职业化干部级工会组织员补贴准确率', target: '100%' },
  { level1: '产出', level2: '质量', name: '上解上级工会经费准确率', target: '100%' },
  { level1: '产出', level2: '时效', name: '各项工作完成时间', target: '2022年12月31日前' },
  { level1: '产出', level2: '成本', name: '成本控制率', target: '≥90%' },
  { level1: '效益', level2: '经济效益', name: '不适用', target: '不适用' },
  { level1: '效益', level2: '社会效益', name: '有效提升职工凝聚力、幸福指数', target: '≥90%' },
  { level1: '效益', level2: '可持续影响', name: '不适用', target: '不适用' },
  { level1: '效益', level2: '生态效益', name: '不适用', target: '不适用' },
  { level1: '满意度', level2: '服务对象满意度', name: '服务职工满意度', target: '≥90%' },
  { level1: '满意度', level2: '其他满意度', name: '不适用', target: '不适用' },
];

/** The four project target tables (第三部分 amounts, 第七部分 goals). Their indicator tables are not disclosed. */
export const projects: SeedProject[] = [
  {
    key: 'fees',
    name: '全区行政事业单位缴纳工会经费',
    budgetWan: '770.56',
    keyProject: true,
    goal: '1.根据《中华人民共和国工会法》及深工[2015]21号文件精神，按照年度全区行政事业单位职工工资总额2%安排行政事业单位工会经费预算。2.根据深工办[2019]53号文件，基层工会分成比例从2020年1月起调整为70%基层留成、30%上解上级工会。',
  },
  {
    key: 'models',
    name: '劳模、工匠人才管理服务及工会慰问、活动',
    budgetWan: '22.00',
    keyProject: true,
    goal: '根据深盐委[2006]4号文件精神，为体现对我区劳模、先进个人等爱护和关心，召开劳模及先进单位和个人座谈会，组织劳模外出学习参观、疗休养等。开展各种形式的文化体育及慰问活动，如工友之夜、职工书画比赛、体育比赛、送电影、送文艺节目下基层，慰问我区广大劳务工、工会工作者、支持工会工作的积极分子，慰问特困职工等。',
  },
  {
    key: 'rights',
    name: '工会组织建设及维权关爱经费',
    budgetWan: '20.00',
    keyProject: true,
    goal: '根据全总“两个普遍”工作要求，大力推动基层工会民主管理和组织建设，进一步维护职工合法权益，深入开展职工关爱服务，加强职工劳动保护和安全生产。',
  },
  {
    key: 'daily',
    name: '日常业务经费',
    budgetWan: '15.00',
    keyProject: false,
    goal: '依据《中华人民共和国工会法》以及工会工作职能，开展各项日常业务活动。',
  },
];

/** The standard frame a new target table starts from (domain.md §2.1). */
export const standardFrame: { level1: string; level2: string[] }[] = [
  { level1: '产出', level2: ['数量', '质量', '时效', '成本'] },
  { level1: '效益', level2: ['经济效益', '社会效益', '生态效益', '可持续影响'] },
  { level1: '满意度', level2: ['服务对象满意度'] },
];
