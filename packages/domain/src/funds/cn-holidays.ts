// The mainland public-holiday calendar: days off (放假) and the adjusted working weekends (调休上班)
// from the State Council General Office's yearly notice. Only years listed here are "known"; for
// any other year the working-day functions fall back to Monday–Friday and say so
// (calendarKnown: false), so a deadline is never silently wrong without a warning.
//
// Sources (国务院办公厅关于…年部分节假日安排的通知, published on www.gov.cn):
// - 2025: 国务院办公厅关于2025年部分节假日安排的通知, published 2024-11-12.
//   元旦 1月1日放假1天不调休; 春节 1月28日至2月4日放假调休共8天, 1月26日(周日)、2月8日(周六)上班;
//   清明节 4月4日至6日; 劳动节 5月1日至5日放假调休, 4月27日(周日)上班; 端午节 5月31日至6月2日;
//   国庆节、中秋节 10月1日至8日放假调休, 9月28日(周日)、10月11日(周六)上班.
// - 2026: 国务院办公厅关于2026年部分节假日安排的通知, published 2025-11-04.
//   元旦 1月1日至3日放假调休, 1月4日(周日)上班; 春节 2月15日至23日放假调休共9天,
//   2月14日(周六)、2月28日(周六)上班; 清明节 4月4日至6日; 劳动节 5月1日至5日放假调休,
//   5月9日(周六)上班; 端午节 6月19日至21日; 中秋节 9月25日至27日; 国庆节 10月1日至7日放假调休,
//   9月20日(周日)、10月10日(周六)上班.
// A new year is added by appending its notice here (and a test of its 调休 days).

export interface HolidayPeriod {
  name: string;
  /** first and last day off, inclusive, YYYY-MM-DD */
  from: string;
  to: string;
  /** weekend days that are working days because of this holiday */
  workdays: string[];
}

export interface HolidayYear {
  year: number;
  source: string;
  periods: HolidayPeriod[];
}

export const CN_HOLIDAYS: Readonly<Record<number, HolidayYear>> = {
  2025: {
    year: 2025,
    source: '国务院办公厅关于2025年部分节假日安排的通知（2024年11月12日发布）',
    periods: [
      { name: '元旦', from: '2025-01-01', to: '2025-01-01', workdays: [] },
      { name: '春节', from: '2025-01-28', to: '2025-02-04', workdays: ['2025-01-26', '2025-02-08'] },
      { name: '清明节', from: '2025-04-04', to: '2025-04-06', workdays: [] },
      { name: '劳动节', from: '2025-05-01', to: '2025-05-05', workdays: ['2025-04-27'] },
      { name: '端午节', from: '2025-05-31', to: '2025-06-02', workdays: [] },
      { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08', workdays: ['2025-09-28', '2025-10-11'] },
    ],
  },
  2026: {
    year: 2026,
    source: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日发布）',
    periods: [
      { name: '元旦', from: '2026-01-01', to: '2026-01-03', workdays: ['2026-01-04'] },
      { name: '春节', from: '2026-02-15', to: '2026-02-23', workdays: ['2026-02-14', '2026-02-28'] },
      { name: '清明节', from: '2026-04-04', to: '2026-04-06', workdays: [] },
      { name: '劳动节', from: '2026-05-01', to: '2026-05-05', workdays: ['2026-05-09'] },
      { name: '端午节', from: '2026-06-19', to: '2026-06-21', workdays: [] },
      { name: '中秋节', from: '2026-09-25', to: '2026-09-27', workdays: [] },
      { name: '国庆节', from: '2026-10-01', to: '2026-10-07', workdays: ['2026-09-20', '2026-10-10'] },
    ],
  },
};
