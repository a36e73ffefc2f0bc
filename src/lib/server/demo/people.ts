import type { Random } from './random';
import { idCheckChar, usccCheckChar } from '../../domain/check-digits';

/** Names and identifiers for synthetic parties and officers. All fictitious; check digits are computed. */

const SURNAMES = [
	'王',
	'李',
	'张',
	'刘',
	'陈',
	'杨',
	'黄',
	'赵',
	'吴',
	'周',
	'徐',
	'孙',
	'马',
	'朱',
	'胡',
	'郭',
	'何',
	'林',
	'罗',
	'高',
	'郑',
	'梁',
	'谢',
	'宋',
	'唐',
	'许',
	'韩',
	'冯',
	'邓',
	'曹'
];
const GIVEN = [
	'伟',
	'芳',
	'娜',
	'敏',
	'静',
	'丽',
	'强',
	'磊',
	'军',
	'洋',
	'勇',
	'艳',
	'杰',
	'娟',
	'涛',
	'明',
	'超',
	'秀英',
	'霞',
	'平',
	'刚',
	'桂英',
	'建华',
	'文',
	'华',
	'红',
	'志强',
	'海燕',
	'晓东',
	'丹'
];
const TRADE_WORDS = [
	'恒信',
	'华泰',
	'宏达',
	'鑫源',
	'永盛',
	'瑞丰',
	'金诚',
	'新锐',
	'博远',
	'利民',
	'嘉禾',
	'天成',
	'顺达',
	'安泰',
	'盛世',
	'中联',
	'汇通',
	'德隆',
	'佳美',
	'宏图',
	'长青',
	'立信',
	'万家',
	'丰华',
	'巨龙',
	'同创',
	'远航',
	'广和',
	'明辉',
	'和润'
];
const INDUSTRIES = [
	'建筑工程',
	'物业管理',
	'商贸',
	'餐饮管理',
	'电子科技',
	'物流',
	'机械制造',
	'信息技术',
	'装饰工程',
	'食品',
	'医药',
	'服装',
	'劳务派遣',
	'广告传媒',
	'汽车服务'
];
const FORMS = ['有限公司', '有限责任公司', '股份有限公司'];
const SHOPS = ['餐馆', '超市', '汽修店', '理发店', '五金店', '快餐店', '便利店'];
const DISTRICTS = ['东城', '西城', '南湖', '北山', '高新'];

export function personName(r: Random): string {
	return r.pick(SURNAMES) + r.pick(GIVEN) + (r.chance(0.4) ? r.pick(GIVEN).slice(0, 1) : '');
}

export function companyName(r: Random, city: string): string {
	return `${city}${r.pick(TRADE_WORDS)}${r.pick(INDUSTRIES)}${r.pick(FORMS)}`;
}

export function shopName(r: Random, city: string, owner: string): string {
	return `${city}${r.pick(DISTRICTS)}区${owner}${r.pick(SHOPS)}`;
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A 统一社会信用代码 of a company (91…) or an individual business (92…) registered in the demo city. */
export function uscc(r: Random, individualBusiness: boolean, regionCode: string): string {
	let body = (individualBusiness ? '92' : '91') + regionCode;
	for (let i = 0; i < 9; i++) body += i === 8 ? USCC_CHARS[r.int(0, 9)] : USCC_CHARS[r.int(0, 30)];
	return body + usccCheckChar(body);
}

export function idNumber(r: Random, regionCode: string): string {
	const y = r.int(1960, 2000);
	const m = String(r.int(1, 12)).padStart(2, '0');
	const d = String(r.int(1, 28)).padStart(2, '0');
	const body = `${regionCode}${y}${m}${d}${String(r.int(0, 999)).padStart(3, '0')}`;
	return body + idCheckChar(body);
}

/** The same code with its check character changed: what a typing error in the source system produces. */
export function corruptCheck(code: string): string {
	const last = code.at(-1);
	const alphabet = /^\d{17}[\dX]$/.test(code) && !code.startsWith('9') ? '0123456789X' : USCC_CHARS;
	const i = alphabet.indexOf(last ?? '0');
	return code.slice(0, -1) + alphabet[(i + 1) % alphabet.length];
}
