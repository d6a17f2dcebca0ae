import { z } from 'zod';

// API shapes of the cases module (issue 6), part escalation: see /tmp/cases-design.md.
export const _cases_escalationPlaceholder = z.never().optional();
