import { z } from 'zod';

// Days and instants PostgreSQL can store. zod's ISO formats take the year 0000, which PostgreSQL's
// date and timestamptz refuse ("date/time field value out of range"): such a request used to fail
// at the insert as a 500 (found by the OpenAPI fuzz test). Every date field is built here.

const notYearZero = (s: string) => !s.startsWith('0000');

/** A calendar day, YYYY-MM-DD, year 0001 or later. */
export const calendarDay = (error = '日期格式应为 YYYY-MM-DD') => z.iso.date({ error }).refine(notYearZero, '年份不能为 0000');

/** An ISO 8601 instant with its offset, year 0001 or later. */
export const isoInstant = (error?: string) => z.iso.datetime({ offset: true, ...(error ? { error } : {}) }).refine(notYearZero, '年份不能为 0000');
