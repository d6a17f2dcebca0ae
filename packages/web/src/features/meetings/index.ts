export { MeetingApprovalsPage } from './pages/approvals-page.tsx';
export { MeetingEditPage } from './pages/meeting-edit-page.tsx';
export { MeetingPage } from './pages/meeting-page.tsx';
export { MeetingsPage } from './pages/meetings-page.tsx';
export { ResultNoticePage } from './pages/result-notice-page.tsx';
