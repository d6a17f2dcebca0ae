import { z } from 'zod';

// (filled in by the services module)
export const _servicesPlaceholder = z.never();
