import { addCalendarDays } from '@gongzhi/domain';

// The estate's local calendar (Asia/Shanghai, UTC+8 all year: China keeps no daylight saving), for
// the domain's day-counting rules: notice period and objection period are counted in local days.

const OFFSET_MS = 8 * 3600 * 1000;

/** The local date 'YYYY-MM-DD' of an instant. */
export function localDate(at: Date | number): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

/** The local time 'YYYY-MM-DD HH:MM' of an instant, for messages and Excel cells. */
export function localDateTime(at: Date | number): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** An instant as the meeting texts write it for Chinese readers: '2026/3/8 10:15:00' in
 *  Asia/Shanghai (the runtime's zh-CN format). */
export function zhDateTime(at: Date): string {
  return at.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

/** The instant a local date begins (00:00 in Shanghai). */
export function startOfLocalDay(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/** The instant after the last day of a period: the start of the next local day. */
export function endOfLocalDay(date: string): Date {
  return startOfLocalDay(addCalendarDays(date, 1));
}
