import { AlertOutlined, CheckCircleOutlined, CloseCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Skeleton, Space, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { AskButton } from '../../disclosure-owner/index.ts';
import { formatDate } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import { Field } from '../../meetings-owner/components/field.tsx';
import { PhoneHeader } from '../../meetings-owner/components/phone-header.tsx';
import { FundStateTag, PathTag } from '../components/fund-state-tag.tsx';
import { MyShareCard } from '../components/my-share-card.tsx';
import { DECIDED_STATES, exclusionText, fundStateExplain } from '../labels.ts';
import { useFT } from '../messages.ts';
import { formatFen } from '../money.ts';
import type { MyFundApplication } from '../types.ts';

// A use application that charges one of my units: what and why, MY share and how it was
// computed, where it stands, the vote (ordinary) or why there was none (emergency), the
// district's decision, and once published the actual cost and my actual share.

function Outcome({ app }: { app: MyFundApplication }) {
  const { ft, lang } = useFT();
  if (app.state === 'rejected') {
    return (
      <Alert
        data-testid="fund-decision"
        type="error"
        showIcon
        icon={<CloseCircleOutlined />}
        style={{ marginBottom: 12 }}
        title={`${ft('app.decision')}${ft('colon')}${fundStateExplain('rejected', app.path, lang)}`}
        description={
          <>
            {app.decisionReason && <div>{ft('app.reason')}{ft('colon')}{app.decisionReason}</div>}
            {app.rejectedExclusion && <div>{ft('app.rejectedExclusion', { x: exclusionText(app.rejectedExclusion, lang) })}</div>}
          </>
        }
      />
    );
  }
  if (DECIDED_STATES.includes(app.state)) {
    return (
      <Alert
        data-testid="fund-decision"
        type="success"
        showIcon
        icon={<CheckCircleOutlined />}
        style={{ marginBottom: 12 }}
        title={`${ft('app.decision')}${ft('colon')}${lang === 'en' ? 'approved' : '区住建部门审核通过'}${app.approvedAt ? `（${formatDate(app.approvedAt)}）` : ''}`}
        description={app.decisionReason ? `${ft('app.reason')}${ft('colon')}${app.decisionReason}` : undefined}
      />
    );
  }
  if (app.state === 'under_review' && app.reviewDueOn) {
    return <Alert type="info" showIcon style={{ marginBottom: 12 }} title={ft('app.reviewDue', { d: app.reviewDueOn })} />;
  }
  return null;
}

export function FundApplicationPage() {
  const { ft, lang } = useFT();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const { data: app, error, loading, reload } = useApi<MyFundApplication>(`/my/fund/applications/${id}`);

  if (loading && !app) return <Skeleton active />;
  if (!app) {
    // not found (another owner's, or outside my units) is final: no retry, a way back
    return (
      <div>
        <PhoneHeader title={ft('home.apps')} back="/m/fund" />
        <ErrorAlert error={error} onRetry={error?.status === 404 ? undefined : reload} />
      </div>
    );
  }
  const confirmations = app.confirmations;
  const confirmation = (kind: 'committee' | 'street' | 'acceptance') => confirmations.find((c) => c.kind === kind);
  const acceptance = confirmation('acceptance');

  return (
    <div>
      <PhoneHeader title={app.title} back="/m/fund" />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space size={4} wrap style={{ marginBottom: 6 }}>
          <FundStateTag state={app.state} />
          <PathTag path={app.path} />
          {app.estateName && <Typography.Text type="secondary">{app.estateName}</Typography.Text>}
        </Space>
        <div data-testid="fund-app-explain" style={{ fontSize: 15, marginBottom: 10 }}>
          {fundStateExplain(app.state, app.path, lang)}
        </div>
        {app.state === 'in_vote' && app.meeting && (
          <div style={{ marginBottom: 10 }}>
            <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 6 }}>
              {ft('app.voteHint')}
              {' '}
              {ft('app.voteMeeting')}{ft('colon')}{app.meeting.title}
            </Typography.Paragraph>
            <Button type="primary" block data-testid="fund-app-vote" onClick={() => navigate(`/m/meetings/${app.meeting!.meetingId}`)}>
              {ft('app.vote')}
            </Button>
          </div>
        )}
        <Field label={ft('app.budget')}>
          <span style={{ fontSize: 18, fontWeight: 700 }} data-testid="fund-app-budget">
            {formatFen(app.budgetFen)}
          </span>
        </Field>
        {app.state === 'published' && app.actualCostFen !== null && (
          <Field label={ft('app.actualCost')}>
            <span style={{ fontSize: 18, fontWeight: 700, color: '#1f6feb' }} data-testid="fund-app-actual">
              {formatFen(app.actualCostFen)}
            </span>
          </Field>
        )}
      </Card>

      <Outcome app={app} />

      {app.path === 'emergency' && (
        <Alert
          data-testid="fund-emergency-why"
          type="warning"
          showIcon
          icon={<AlertOutlined />}
          style={{ marginBottom: 12 }}
          title={ft('app.emergencyTitle')}
          description={
            <>
              {app.emergencyCategoryLabel && (
                <div style={{ fontWeight: 600, marginBottom: 4 }}>
                  {ft('app.emergencyCategory')}{ft('colon')}{app.emergencyCategoryLabel}
                </div>
              )}
              <div>{ft('app.emergencyBody')}</div>
            </>
          }
        />
      )}

      <MyShareCard app={app} />

      <Card size="small" style={{ marginBottom: 12 }}>
        <Field label={ft('app.what')}>{app.title}</Field>
        {app.reason && (
          <Field label={ft('app.why')}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{app.reason}</span>
          </Field>
        )}
        <Field label={ft('app.category')}>{app.categoryLabel ?? app.category}</Field>
        <Field label={ft('app.applicant')}>
          {app.applicantName || (app.applicantKind === 'company' ? ft('app.applicantCompany') : ft('app.applicantCommittee'))}
        </Field>
        {app.scopeLabel && <Field label={ft('app.scope')}>{app.scopeLabel}</Field>}
        {app.contractorName && <Field label={ft('app.contractor')}>{app.contractorName}</Field>}
        {confirmation('committee') && (
          <Field label={ft('app.confirmCommittee')}>
            {formatDate(confirmation('committee')!.createdAt)} {confirmation('committee')!.note}
          </Field>
        )}
        {confirmation('street') && (
          <Field label={ft('app.confirmStreet')}>
            {formatDate(confirmation('street')!.createdAt)} {confirmation('street')!.note}
          </Field>
        )}
        {acceptance && (
          <Field label={ft('app.acceptance')}>
            {formatDate(acceptance.createdAt)} {acceptance.note}
            {acceptance.ownerRepresentatives && acceptance.ownerRepresentatives.length > 0 && (
              <div style={{ fontSize: 13, color: '#667085' }}>
                {ft('app.ownerReps')}{ft('colon')}{acceptance.ownerRepresentatives.join('、')}
              </div>
            )}
          </Field>
        )}
      </Card>
      {/* 质询: an owner in the charging scope may question the use of their money */}
      <AskButton subjectType="fund_application" subjectId={app.id} title={app.title} back={`/m/fund/applications/${app.id}`} />
    </div>
  );
}
