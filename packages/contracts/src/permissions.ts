// Typed permission registry (`${resource}.${action}`) and the roles that hold them.
// The server checks these on every route; the web client receives the caller's list and never
// re-derives it.

export const PERMISSIONS = [
  'registry.read', // regions, estates, buildings, units, owners, companies, contracts, committees
  'registry.write', // create / edit registry records
  'registry.import', // roster import from Excel
  'registry.export', // roster export to Excel
  'owner.reveal_id', // see a full ID number (audited)
  'binding.request', // an owner asks to be bound to a unit
  'binding.review', // approve / reject roster-match bindings
  'invitation.issue', // issue invitation codes for units
  'my.units', // an owner's own units
  'audit.read', // read the audit log of the scope
  'account.manage', // create accounts, grant roles
  'attachment.upload',
  'notification.send', // send a notice to people in scope
  'meeting.read', // meetings of the scope: notice, items, turnout, results
  'meeting.convene', // create and run a meeting as its convener: items, proxies, paper ballots, reminders
  'meeting.approve', // the street office: approve / reject / stop a meeting
  'meeting.monitor', // monitoring flags with the ballots behind them
  'meeting.vote', // an owner votes in the meetings of their estate
  'fund.read', // maintenance fund of the scope: balances, movements, statements, applications
  'fund.apply', // create and submit a use application (property company or committee)
  'fund.confirm', // confirm an emergency use (committee; street office or community) and accept works (committee)
  'fund.review', // the district housing bureau: approve / reject a use application
  'fund.ledger', // book deposits, replenishments, interest and refunds; publish statements
  'fund.disburse', // pay a stage of an approved use to the contractor
  'disclosure.read', // disclosure of the scope: notices with read coverage, common revenue, filings, questions
  'notice.publish', // compose, publish, withdraw, correct, pin and remind notices as one's own body
  'revenue.ledger', // book common revenue and expenditure, publish its statements
  'disclosure.file', // compile a period's disclosure package, publish it and file it with the bureau
  'disclosure.review', // the street office or district bureau: acknowledge or return a filing
  'question.answer', // answer owners' questions put to the company or the committee
  'question.supervise', // the community: supervise (督办) questions left unanswered past their deadline
  'case.file', // file a case (投诉/报事报修) for an owner, or as staff of the estate
  'case.read', // cases of the scope (a department: those it was called in on) with their timelines
  'case.handle', // act on a case held at one's own rung: assign, respond, note, resolve
  'case.dispatch', // the street office: call in departments on a case escalated to it (吹哨)
  'case.configure', // routing rules, deadline rules and auto-close days of an estate
  'case.verify', // find a complaint against the property company true (feeds evaluation and credit)
  'department.manage', // create and rename the departments of a region
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = [
  'owner',
  'committee_member',
  'committee_chair',
  'committee_secretary',
  'property_staff',
  'property_manager',
  'community_officer',
  'street_officer',
  'district_officer',
  'city_officer',
  'department_officer',
  'auditor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export type ScopeKind = 'estate' | 'company' | 'region' | 'owner' | 'department';

/** The kind of scope each role is granted in. */
export const ROLE_SCOPE: Record<Role, ScopeKind> = {
  owner: 'owner',
  committee_member: 'estate',
  committee_chair: 'estate',
  committee_secretary: 'estate',
  property_staff: 'company',
  property_manager: 'company',
  community_officer: 'region',
  street_officer: 'region',
  district_officer: 'region',
  city_officer: 'region',
  department_officer: 'department',
  auditor: 'region',
  admin: 'region',
};

const committee: Permission[] = [
  'registry.read', 'registry.export', 'binding.review', 'invitation.issue', 'audit.read',
  'attachment.upload', 'notification.send', 'meeting.read', 'meeting.convene',
  'fund.read', 'fund.apply', 'fund.confirm',
  'disclosure.read', 'notice.publish', 'revenue.ledger', 'disclosure.file', 'question.answer',
  'case.file', 'case.read', 'case.handle', 'case.configure', 'case.verify',
];
const officer: Permission[] = [
  'registry.read', 'registry.write', 'registry.import', 'registry.export', 'binding.review',
  'audit.read', 'attachment.upload', 'notification.send', 'meeting.read', 'meeting.monitor',
  'fund.read', 'disclosure.read', 'case.read',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: ['my.units', 'binding.request', 'attachment.upload', 'meeting.vote'],
  // cases: owners file and follow theirs through /my/cases with my.units
  committee_member: committee,
  committee_chair: committee,
  committee_secretary: committee,
  property_staff: [
    'registry.read', 'invitation.issue', 'attachment.upload', 'fund.read', 'fund.apply',
    'disclosure.read', 'notice.publish', 'revenue.ledger', 'question.answer',
    'case.file', 'case.read', 'case.handle',
  ],
  property_manager: [
    'registry.read', 'registry.export', 'invitation.issue', 'attachment.upload', 'notification.send', 'fund.read', 'fund.apply',
    'disclosure.read', 'notice.publish', 'revenue.ledger', 'disclosure.file', 'question.answer',
    // not case.configure: the company would decide where complaints about itself go
    'case.file', 'case.read', 'case.handle',
  ],
  // the community (居委会) may stand in as an acting body and convene; the street office convenes
  // where no committee exists and approves every meeting
  // the street office or the community confirms emergency uses of the maintenance fund
  // officers publish their own notices to estates of their region; filings are acknowledged by the
  // street office or the district bureau (per city); the community supervises overdue questions
  // cases: the community files for owners and handles its rung; the street office handles its
  // rung and calls in departments (吹哨); departments report (报到) on the cases they are called in on
  community_officer: [...officer, 'meeting.convene', 'fund.confirm', 'notice.publish', 'question.supervise',
    'case.file', 'case.handle', 'case.configure', 'case.verify'],
  street_officer: [...officer, 'meeting.convene', 'meeting.approve', 'fund.confirm', 'notice.publish', 'disclosure.review', 'question.supervise',
    'case.handle', 'case.dispatch', 'case.configure', 'case.verify', 'department.manage'],
  // the district housing bureau reviews fund uses and instructs the bank (books and pays)
  district_officer: [...officer, 'owner.reveal_id', 'fund.review', 'fund.ledger', 'fund.disburse', 'notice.publish', 'disclosure.review',
    'case.verify', 'department.manage'],
  city_officer: [...officer, 'owner.reveal_id', 'department.manage'],
  department_officer: ['attachment.upload', 'case.read', 'case.handle'],
  auditor: ['registry.read', 'registry.export', 'audit.read', 'meeting.read', 'meeting.monitor', 'fund.read', 'disclosure.read', 'case.read'],
  admin: [...officer, 'owner.reveal_id', 'account.manage', 'fund.ledger', 'department.manage'],
};

/** Roles whose holders handle money: a second factor may be required for them by configuration. */
export const MONEY_ROLES: readonly Role[] = ['committee_chair', 'committee_secretary'];
export const OFFICIAL_ROLES: readonly Role[] = [
  'community_officer', 'street_officer', 'district_officer', 'city_officer', 'department_officer', 'auditor', 'admin',
];

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
