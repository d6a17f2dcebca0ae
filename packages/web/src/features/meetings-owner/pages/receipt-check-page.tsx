import { Card, Skeleton, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { useApi } from '../../../app/use-api.ts';
import { InclusionView } from '../components/inclusion-view.tsx';
import { PhoneHeader } from '../components/phone-header.tsx';
import { choiceLabel } from '../labels.ts';
import type { Choice } from '../types.ts';
import { useMT } from '../messages.ts';
import type { MyReceiptView } from '../types.ts';

// The owner checks one of their receipts: included or not, the Merkle root and the proof, and
// (only here, signed in) the choice it carries.

export function ReceiptCheckPage() {
  const { mt, lang } = useMT();
  const receipt = useParams().receipt ?? '';
  const { data, error, loading, reload } = useApi<MyReceiptView>(`/my/receipts/${encodeURIComponent(receipt)}`);
  const back = data ? `/m/meetings/${data.meetingId}/receipts` : '/m/meetings';

  return (
    <div>
      <PhoneHeader title={mt('chk.title')} back={back} />
      {error?.status === 404 ? <ErrorAlert error={new Error(mt('chk.notFound'))} /> : <ErrorAlert error={error} onRetry={reload} />}
      {loading ? (
        <Skeleton active />
      ) : data ? (
        <InclusionView
          receipt={data}
          extra={
            data.choice || data.approvals ? (
              <div style={{ marginTop: 8 }}>
                <Typography.Text type="secondary">{mt('chk.myChoice')}：</Typography.Text>
                <b>{data.choice ? choiceLabel(data.choice as Choice, lang) : mt('chk.approvedN', { n: data.approvals?.length ?? 0 })}</b>
              </div>
            ) : null
          }
        />
      ) : null}
      <Card size="small">
        <Typography.Text type="secondary">{mt('chk.publicLink')}</Typography.Text>{' '}
        <Link to={`/verify?r=${receipt}`} style={{ wordBreak: 'break-all' }}>
          {location.origin}/verify
        </Link>
      </Card>
    </div>
  );
}
