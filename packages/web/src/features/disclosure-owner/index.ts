export { AskPage } from './pages/ask-page.tsx';
export { FilingPage } from './pages/filing-page.tsx';
export { FilingsPage } from './pages/filings-page.tsx';
export { NoticePage } from './pages/notice-page.tsx';
export { NoticesPage } from './pages/notices-page.tsx';
export { QuestionsPage } from './pages/questions-page.tsx';
export { RevenuePage } from './pages/revenue-page.tsx';
export { RevenueStatementPage } from './pages/statement-page.tsx';
