export { AccountsPage } from './pages/accounts-page.tsx';
