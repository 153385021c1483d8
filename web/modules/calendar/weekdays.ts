import type { Lang } from '../../i18n.tsx';

const ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The weekday of a YYYY-MM-DD date (a calendar date: no time zone involved). */
export const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
export const weekdayName = (date: string, lang: Lang) => (lang === 'en' ? EN : ZH)[weekdayOf(date)] ?? '';
export const isWeekend = (date: string) => [0, 6].includes(weekdayOf(date));
