export { MeetingPage } from './pages/meeting-page.tsx';
export { MeetingRosterPage } from './pages/roster-page.tsx';
export { MyMeetingsPage } from './pages/my-meetings-page.tsx';
export { ReceiptCheckPage } from './pages/receipt-check-page.tsx';
export { ReceiptsPage } from './pages/receipts-page.tsx';
export { ResultsPage } from './pages/results-page.tsx';
export { VerifyPage } from './pages/verify-page.tsx';
export { VotePage } from './pages/vote-page.tsx';
