import { Result, Spin } from 'antd';
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { isOwnerView, useAuth } from './auth.tsx';
import { useT } from './i18n.tsx';
import { officialHome, OfficialLayout } from './shell/official-layout.tsx';
import { OwnerLayout } from './shell/owner-layout.tsx';
import { LoginPage } from '../features/identity/pages/login-page.tsx';

// Pages load on demand: an owner's phone never downloads the registry screens.
// Each page gets its own Suspense boundary (its own key). The router navigates inside a React
// transition, and a transition never hides a boundary that is already showing content: with one
// shared boundary the previous page stayed on screen, still clickable, under the new URL until the
// next page had loaded. A new boundary shows its spinner at once instead.
let pageKeys = 0;
function page<M>(load: () => Promise<M>, name: keyof M) {
  const C = lazy(async () => ({ default: (await load())[name] as ComponentType }));
  return (
    <Suspense key={`page-${++pageKeys}`} fallback={<Spin style={{ display: 'block', margin: '64px auto' }} />}>
      <C />
    </Suspense>
  );
}

const registry = () => import('../features/registry/index.ts');
const identity = () => import('../features/identity/index.ts');
const meetings = () => import('../features/meetings/index.ts');
const meetingsOwner = () => import('../features/meetings-owner/index.ts');
const funds = () => import('../features/funds/index.ts');
const fundsOwner = () => import('../features/funds-owner/index.ts');
const notices = () => import('../features/notices/index.ts');
const disclosure = () => import('../features/disclosure/index.ts');
const disclosureOwner = () => import('../features/disclosure-owner/index.ts');
const cases = () => import('../features/cases/index.ts');
const casesOwner = () => import('../features/cases-owner/index.ts');

function Loading() {
  return <Spin size="large" style={{ display: 'block', margin: '30vh auto' }} />;
}

function RequireAuth() {
  const { me, loading } = useAuth();
  if (loading) return <Loading />;
  if (!me) return <Navigate to="/login" replace />;
  return <Outlet />;
}

/** owners and everyone else get different layouts; a wrong-side URL goes home */
function Side({ owner, children }: { owner: boolean; children: ReactNode }) {
  const { me } = useAuth();
  if (!me) return null;
  if (isOwnerView(me) !== owner) return <Navigate to="/" replace />;
  return <>{children}</>;
}

function Home() {
  const { me } = useAuth();
  if (!me) return <Navigate to="/login" replace />;
  return <Navigate to={isOwnerView(me) ? '/m/units' : officialHome(me.permissions)} replace />;
}

function NotFound() {
  const t = useT();
  return <Result status="404" title="404" subTitle={t('notFound')} />;
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  // anyone, signed in or not, checks a ballot receipt
  { path: '/verify', element: page(meetingsOwner, 'VerifyPage') },
  {
    element: <RequireAuth />,
    children: [
      { index: true, element: <Home /> },
      {
        path: 'm',
        element: (
          <Side owner>
            <OwnerLayout />
          </Side>
        ),
        children: [
          { index: true, element: <Navigate to="/m/units" replace /> },
          { path: 'units', element: page(identity, 'MyUnitsPage') },
          { path: 'bind', element: page(identity, 'BindPage') },
          { path: 'messages', element: page(() => import('../features/notifications/index.ts'), 'MessagesPage') },
          { path: 'meetings', element: page(meetingsOwner, 'MyMeetingsPage') },
          { path: 'meetings/:id', element: page(meetingsOwner, 'MeetingPage') },
          { path: 'meetings/:id/roster', element: page(meetingsOwner, 'MeetingRosterPage') },
          { path: 'meetings/:id/vote', element: page(meetingsOwner, 'VotePage') },
          { path: 'meetings/:id/receipts', element: page(meetingsOwner, 'ReceiptsPage') },
          { path: 'meetings/:id/results', element: page(meetingsOwner, 'ResultsPage') },
          { path: 'receipts/:receipt', element: page(meetingsOwner, 'ReceiptCheckPage') },
          { path: 'fund', element: page(fundsOwner, 'MyFundPage') },
          { path: 'fund/units/:unitId', element: page(fundsOwner, 'UnitMovementsPage') },
          { path: 'fund/applications/:id', element: page(fundsOwner, 'FundApplicationPage') },
          { path: 'fund/statements', element: page(fundsOwner, 'FundStatementsPage') },
          { path: 'notices', element: page(disclosureOwner, 'NoticesPage') },
          { path: 'notices/:id', element: page(disclosureOwner, 'NoticePage') },
          { path: 'revenue', element: page(disclosureOwner, 'RevenuePage') },
          { path: 'revenue/:id', element: page(disclosureOwner, 'RevenueStatementPage') },
          { path: 'filings', element: page(disclosureOwner, 'FilingsPage') },
          { path: 'filings/:id', element: page(disclosureOwner, 'FilingPage') },
          { path: 'questions', element: page(disclosureOwner, 'QuestionsPage') },
          { path: 'questions/ask', element: page(disclosureOwner, 'AskPage') },
          { path: 'cases', element: page(casesOwner, 'MyCasesPage') },
          { path: 'cases/new', element: page(casesOwner, 'NewCasePage') },
          { path: 'cases/:id', element: page(casesOwner, 'CasePage') },
        ],
      },
      {
        element: (
          <Side owner={false}>
            <OfficialLayout />
          </Side>
        ),
        children: [
          { path: 'registry/estates', element: page(registry, 'EstatesPage') },
          { path: 'registry/estates/:id', element: page(registry, 'EstatePage') },
          { path: 'registry/units', element: page(registry, 'UnitsPage') },
          { path: 'registry/units/:id', element: page(registry, 'UnitPage') },
          { path: 'registry/owners', element: page(registry, 'OwnersPage') },
          { path: 'registry/companies', element: page(registry, 'CompaniesPage') },
          { path: 'registry/contracts', element: page(registry, 'ContractsPage') },
          { path: 'registry/committees', element: page(registry, 'CommitteesPage') },
          { path: 'roster', element: page(() => import('../features/roster/index.ts'), 'RosterPage') },
          { path: 'bindings', element: page(identity, 'BindingReviewPage') },
          { path: 'audit', element: page(() => import('../features/audit/index.ts'), 'AuditPage') },
          { path: 'accounts', element: page(() => import('../features/accounts/index.ts'), 'AccountsPage') },
          { path: 'meetings', element: page(meetings, 'MeetingsPage') },
          { path: 'meetings/new', element: page(meetings, 'MeetingEditPage') },
          { path: 'meetings/:id', element: page(meetings, 'MeetingPage') },
          { path: 'meetings/:id/edit', element: page(meetings, 'MeetingEditPage') },
          { path: 'meetings/:id/notice', element: page(meetings, 'ResultNoticePage') },
          { path: 'meeting-approvals', element: page(meetings, 'MeetingApprovalsPage') },
          { path: 'funds', element: page(funds, 'FundOverviewPage') },
          { path: 'funds/applications', element: page(funds, 'FundApplicationsPage') },
          { path: 'funds/applications/new', element: page(funds, 'FundApplicationEditPage') },
          { path: 'funds/applications/:id', element: page(funds, 'FundApplicationPage') },
          { path: 'funds/applications/:id/edit', element: page(funds, 'FundApplicationEditPage') },
          { path: 'funds/reviews', element: page(funds, 'FundReviewsPage') },
          { path: 'funds/confirmations', element: page(funds, 'FundConfirmationsPage') },
          { path: 'notices', element: page(notices, 'NoticesPage') },
          { path: 'notices/new', element: page(notices, 'NoticeEditPage') },
          { path: 'notices/:id', element: page(notices, 'NoticePage') },
          { path: 'notices/:id/edit', element: page(notices, 'NoticeEditPage') },
          { path: 'notices/:id/print', element: page(notices, 'NoticePrintPage') },
          { path: 'questions', element: page(notices, 'QuestionsPage') },
          { path: 'revenue', element: page(disclosure, 'RevenuePage') },
          { path: 'revenue/statements/new', element: page(disclosure, 'StatementNewPage') },
          { path: 'revenue/statements/:id', element: page(disclosure, 'StatementPage') },
          { path: 'filings', element: page(disclosure, 'FilingsPage') },
          { path: 'filings/status', element: page(disclosure, 'FilingStatusPage') },
          { path: 'filings/:id', element: page(disclosure, 'FilingPage') },
          { path: 'cases', element: page(cases, 'CasesPage') },
          { path: 'cases/rules', element: page(cases, 'CaseRulesPage') },
          { path: 'cases/figures', element: page(cases, 'CaseFiguresPage') },
          { path: 'cases/:id', element: page(cases, 'CasePage') },
          { path: 'cases/:id/print', element: page(cases, 'CasePrintPage') },
          { path: 'messages', element: page(() => import('../features/notifications/index.ts'), 'MessagesPage') },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
