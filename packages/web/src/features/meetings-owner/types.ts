import type { CastBallotResponse, MeetingSummaryView, MyBallotsResponse, MyMeetingView, rosterPage } from '@gongzhi/contracts';
import type { z } from 'zod';

// The owner screens' view of the meetings API (design: /api/v1/my/meetings…, /public/receipts).
// The server's contracts (packages/contracts/src/meetings-*.ts) are the source of truth; the
// few shapes not (yet) in contracts are declared here, narrow, with only the fields shown.

export type MeetingState =
  | 'draft' | 'submitted' | 'approved' | 'notice_published' | 'voting_open' | 'closed'
  | 'tallied' | 'result_published' | 'objection_period' | 'final' | 'cancelled';

export type Choice = 'yes' | 'no' | 'abstain' | 'spoiled';

export type MyMeetingSummary = MeetingSummaryView & { state: MeetingState };
export type MyMeetingDetail = MyMeetingView & { state: MeetingState };
export type ItemView = MyMeetingView['items'][number];
export type VoterKeyView = MyMeetingView['voterKeys'][number];
export type MyBallotView = MyMeetingView['myBallots'][number];

export type CastReceipt = CastBallotResponse['receipts'][number];
export type RosterPage = z.infer<typeof rosterPage>;
export type HistoryBallot = MyBallotsResponse['ballots'][number];

export type { CastVote, MeetingResultsView, MeetingTurnoutView, MyProxyView, MyReceiptView, PublicReceiptView } from '@gongzhi/contracts';
