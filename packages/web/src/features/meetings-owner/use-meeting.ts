import { useSearchParams } from 'react-router';
import { useApi } from '../../app/use-api.ts';
import type { MyBallotView, MyMeetingDetail, VoterKeyView } from './types.ts';

/** The meeting as the owner sees it, and which of their voter keys the page acts for. */
export function useMyMeeting(id: number) {
  const state = useApi<MyMeetingDetail>(`/my/meetings/${id}`);
  const [params] = useSearchParams();
  const keys: VoterKeyView[] = state.data?.voterKeys ?? [];
  const asked = params.get('voterKey');
  const voterKey = keys.find((k) => k.voterKey === asked) ?? keys.find((k) => k.via === 'owner') ?? keys[0];
  // myBallots are the standing (current) ballots of all the caller's keys
  const current: MyBallotView[] = (state.data?.myBallots ?? []).filter((b) => !voterKey || b.voterKey === voterKey.voterKey);
  return { ...state, voterKey, keys, current };
}

/** "?voterKey=…" to carry the chosen key between the meeting's pages (proxy holders) */
export function keyQuery(voterKey: VoterKeyView | undefined, keys: VoterKeyView[]): string {
  if (!voterKey || keys.length <= 1) return '';
  return `?voterKey=${encodeURIComponent(voterKey.voterKey)}`;
}

export function voterKeyLabel(k: VoterKeyView): string {
  const units = (k.units ?? []).map((u) => `${u.building} ${u.number}`).join('、');
  return units || k.voterKey;
}
