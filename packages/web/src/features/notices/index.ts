export { NoticeEditPage } from './pages/notice-edit-page.tsx';
export { NoticePage } from './pages/notice-page.tsx';
export { NoticePrintPage } from './pages/notice-print-page.tsx';
export { NoticesPage } from './pages/notices-page.tsx';
export { QuestionsPage } from './pages/questions-page.tsx';
