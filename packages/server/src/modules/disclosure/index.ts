export { disclosureRoutes } from './routes.ts';
export { disclosureJobHandlers } from './jobs.ts';
export { committeeName, publisherKindOf, publisherName, responsiblePartyOf, type PublisherKind, type ResponsibleParty } from './disclosure-party.ts';
export { publishSystemNotice, type SystemNoticeInput } from './notice-publish.ts';
