import { z } from 'zod';

// API shapes of the cases module (issue 6), part config: see /tmp/cases-design.md.
export const _cases_configPlaceholder = z.never().optional();
