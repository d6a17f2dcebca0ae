export { meetingsRoutes } from './routes.ts';
export { meetingJobHandlers } from './jobs.ts';
