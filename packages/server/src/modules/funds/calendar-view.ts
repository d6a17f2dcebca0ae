import { workingCalendar } from '@gongzhi/domain';
import type { FundCalendarView } from '@gongzhi/contracts';
import { localDate } from '../meetings/index.ts';

// The working-day calendar the review deadlines are counted in, for the screens (a deadline's
// tooltip, the review queue's legend). Public: it is the State Council's published schedule.

export function fundCalendar(o: { year?: number; now?: Date }): FundCalendarView {
  const year = o.year ?? Number(localDate(o.now ?? new Date()).slice(0, 4));
  return workingCalendar(year);
}
