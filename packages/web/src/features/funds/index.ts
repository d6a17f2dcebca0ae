export { FundApplicationEditPage } from './pages/application-edit-page.tsx';
export { FundApplicationPage } from './pages/application-page.tsx';
export { FundApplicationsPage } from './pages/applications-page.tsx';
export { FundConfirmationsPage } from './pages/confirmations-page.tsx';
export { FundOverviewPage } from './pages/overview-page.tsx';
export { FundReviewsPage } from './pages/reviews-page.tsx';
