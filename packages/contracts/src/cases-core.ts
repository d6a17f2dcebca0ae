import { z } from 'zod';

// API shapes of the cases module (issue 6), part core: see /tmp/cases-design.md.
export const _cases_corePlaceholder = z.never().optional();
