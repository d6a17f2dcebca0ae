import { z } from 'zod';

// (filled in by the roster module)
export const _rosterPlaceholder = z.never();
