export { RosterPage } from './pages/roster-page.tsx';
