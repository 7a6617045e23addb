// Note wording for the simulator. The tone of a note is drawn from the
// lead's hidden intent plus noise, so text carries real but imperfect
// signal, as CRM notes do.
export type Lang = 'en' | 'zh';
export type Tone = 'positive' | 'neutral' | 'negative';

export const PHRASES: Record<Lang, Record<Tone, string[]>> = {
  en: {
    positive: [
      'asked about delivery time',
      'wants a financing quote',
      'asked to book a test drive',
      'comparing trim levels and colors',
      'ready to place a deposit',
      'asked about trade-in value for current car',
      'wants home charger installation details',
      'asked about the insurance package',
    ],
    neutral: [
      'requested a brochure',
      'asked the general price range',
      'will call back later',
      'asked about range in winter',
      'sent model specs by message',
      'left a voicemail',
    ],
    negative: [
      'just browsing',
      'not interested right now',
      'budget too low for this model',
      'already bought another brand',
      'wrong number',
      'plans to buy next year',
      'complained about the price',
    ],
  },
  zh: {
    positive: [
      '询问交车时间',
      '想要贷款方案报价',
      '要求预约试驾',
      '在比较配置和颜色',
      '准备交定金',
      '询问旧车置换价格',
      '咨询家用充电桩安装',
      '询问保险套餐',
    ],
    neutral: [
      '索要宣传册',
      '询问大概价格区间',
      '稍后回电',
      '询问冬季续航',
      '已发送车型参数',
      '电话未接通已留言',
    ],
    negative: [
      '只是随便看看',
      '暂时不考虑',
      '预算不够',
      '已经买了其他品牌',
      '号码错误',
      '明年再买',
      '嫌价格太贵',
    ],
  },
};

export const PREFIXES: Record<Lang, string[]> = {
  en: ['', 'Customer ', 'Client ', 'Call: customer ', 'Chat: '],
  zh: ['', '客户', '回访：客户', '微信沟通：', '来电：'],
};

export const SUFFIXES: Record<Lang, string[]> = {
  en: ['', '.', '; follow up next week', '; sent to sales', ', spouse joins'],
  zh: ['', '。', '，下周跟进', '，已转销售', '，家人一起来'],
};
