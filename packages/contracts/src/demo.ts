import { z } from 'zod';

// (filled in by the demo module)
export const _demoPlaceholder = z.never();
