/**
 * Full pinyin of client names, as the vendor stores in `cle_pinyin`: lowercase, no tones, no spaces
 * (张伟 → zhangwei). A built-in table for the characters the generator uses avoids a dictionary
 * dependency; polyphones carry the reading they have in our words (沌口 zhuankou, 厦门 xiamen, 成都 chengdu).
 */
const TABLE_SOURCE = `
王wang 李li 张zhang 刘liu 陈chen 杨yang 黄huang 赵zhao 吴wu 周zhou 徐xu 孙sun 马ma 朱zhu 胡hu
郭guo 何he 高gao 林lin 罗luo 郑zheng 梁liang 谢xie 宋song 唐tang 许xu 韩han 冯feng 邓deng 曹cao
彭peng 曾zeng 肖xiao 田tian 董dong 袁yuan 潘pan 蒋jiang 蔡cai 余yu 杜du 叶ye 程cheng 苏su 魏wei
吕lv 丁ding 任ren 沈shen 姚yao 卢lu 姜jiang 崔cui 钟zhong 谭tan 陆lu 汪wang 范fan 金jin 石shi
廖liao 贾jia 夏xia 韦wei 付fu 方fang 白bai 邹zou 孟meng 熊xiong 秦qin 邱qiu 江jiang 尹yin 薛xue
段duan 雷lei 侯hou 龙long 史shi 陶tao 黎li 贺he 顾gu 毛mao 郝hao 龚gong 邵shao 万wan 钱qian
严yan 武wu 戴dai 莫mo 孔kong 向xiang 汤tang
伟wei 芳fang 娜na 敏min 静jing 丽li 强qiang 磊lei 军jun 洋yang 勇yong 艳yan 杰jie 娟juan 涛tao
明ming 超chao 秀xiu 霞xia 平ping 刚gang 桂gui 英ying 华hua 玉yu 萍ping 红hong 鹏peng 辉hui 建jian
文wen 斌bin 宇yu 浩hao 凯kai 晨chen 欣xin 婷ting 雪xue 琳lin 颖ying 慧hui 佳jia 琪qi 梅mei 波bo
峰feng 宁ning 亮liang 春chun 燕yan 帆fan 晶jing 倩qian 丹dan 健jian 博bo 思si 雨yu 子zi 嘉jia
一yi 志zhi 海hai 云yun 飞fei 国guo 俊jun 东dong 彤tong 瑶yao
先xian 生sheng 女nv 士shi
北bei 京jing 上shang 广guang 州zhou 深shen 圳zhen 杭hang 南nan 汉han 成cheng 都du 天tian 津jin
青qing 岛dao 合he 肥fei 厦xia 门men 西xi 安an
恒heng 达da 信xin 中zhong 科ke 鑫xin 源yuan 盛sheng 世shi 桥qiao 宏hong 图tu 禾he 瑞rui 丰feng
远yuan 新xin 航hang 正zheng 泰tai 联lian 创chuang 汇hui 通tong 德de 润run
技ji 贸mao 易yi 电dian 商shang 医yi 疗liao 器qi 械xie 息xi 术shu 材cai 物wu 流liu 餐can 饮yin
管guan 理li 教jiao 育yu 咨zi 询xun 网wang 络luo 实shi 业ye 机ji 设she 备bei 有you 限xian 公gong 司si
沌zhuan 口kou 光guang 谷gu 街jie 汇hui 河he 山shan 湖hu 路lu 高gao 福fu 田tian 滨bin 江jiang 熙xi 店dian
`

const TABLE: ReadonlyMap<string, string> = new Map(
  TABLE_SOURCE.split(/\s+/)
    .filter((entry) => entry !== '')
    .map((entry) => [entry.slice(0, 1), entry.slice(1)] as const),
)

const HAN = /\p{Script=Han}/u

export function hasPinyin(char: string): boolean {
  return TABLE.has(char)
}

/** Throws on a Chinese character missing from the table: a wrong `cle_pinyin` would be silent otherwise. */
export function toPinyin(text: string): string {
  let out = ''
  for (const char of text) {
    const reading = TABLE.get(char)
    if (reading !== undefined) out += reading
    else if (HAN.test(char)) throw new Error(`no pinyin for ${char} in ${text}`)
    else if (!/\s/.test(char)) out += char.toLowerCase()
  }
  return out
}
