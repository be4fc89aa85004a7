/**
 * Words the generator builds Chinese client names from. Every character here must have an entry
 * in the pinyin table (a test checks it), and readings are chosen so that no polyphone is ambiguous.
 */
export const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤']

export const GIVEN_NAME_CHARS = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏辉建文斌宇浩凯晨欣婷雪琳颖慧佳琪梅波峰宁亮春燕帆晶倩丹健博思雨子嘉一志海云飞国俊东彤瑶']

/** How a lead is often saved before the full name is known: 李先生, 王女士. */
export const COURTESY_TITLES = ['先生', '女士']

export const CITIES = ['北京', '上海', '广州', '深圳', '杭州', '南京', '武汉', '成都', '苏州', '天津', '郑州', '青岛', '合肥', '厦门', '宁波', '西安']

export const BRANDS = ['恒达', '华信', '中科', '鑫源', '盛世', '东方', '金桥', '宏图', '嘉禾', '瑞丰', '博远', '天成', '新航', '正泰', '联创', '安信', '汇通', '德润']

export const INDUSTRIES = ['科技', '贸易', '电子', '商贸', '医疗器械', '信息技术', '建材', '物流', '餐饮管理', '教育咨询', '网络科技', '实业', '机械设备']

export const COMPANY_SUFFIX = '有限公司'

/** Shop districts per city, for chain-store clients like the document's 武汉沌口门店. */
export const STORE_DISTRICTS: Readonly<Record<string, readonly string[]>> = {
  武汉: ['沌口', '光谷', '汉街'],
  上海: ['徐汇', '南京西路'],
  广州: ['天河', '北京路'],
  深圳: ['南山', '福田'],
  杭州: ['西湖', '滨江'],
  成都: ['春熙路', '高新'],
}

export const STORE_SUFFIX = '门店'

/** Mobile prefixes of the three carriers, so phones look like real 11-digit numbers. */
export const MOBILE_PREFIXES = ['130', '131', '132', '135', '136', '137', '138', '139', '150', '151', '152', '155', '157', '158', '159', '166', '173', '177', '180', '181', '185', '186', '187', '188', '189', '191', '198', '199']

export const PRODUCTS = ['智能门锁', '云呼叫中心', '企业版CRM', '客服机器人', '办公一体机', '净水设备', '安防监控系统', '会议平板', '财务软件', '工业传感器']

export const JOB_TITLES = ['采购经理', '总经理', '行政主管', '店长', 'IT负责人', '财务总监', '运营经理']
