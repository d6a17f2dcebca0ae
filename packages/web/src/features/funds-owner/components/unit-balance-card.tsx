import { RightOutlined, WarningFilled } from '@ant-design/icons';
import { Alert, Card, Progress, Typography } from 'antd';
import { Link } from 'react-router';
import { formatArea } from '../../../app/format.ts';
import { useFT } from '../messages.ts';
import { formatFen, ratioPct } from '../money.ts';
import type { MyFundUnit } from '../types.ts';

/** One unit's fund account: balance, initial deposit, and the 30% warning in plain words. */
export function UnitBalanceCard({ unit, link = true }: { unit: MyFundUnit; link?: boolean }) {
  const { ft } = useFT();
  const pct = ratioPct(unit.balanceFen, unit.initialFen);
  return (
    <Card
      size="small"
      data-testid="fund-unit"
      style={{ marginBottom: 12, borderColor: unit.belowLine ? '#fda29b' : undefined }}
      title={
        <span style={{ whiteSpace: 'normal', wordBreak: 'break-word' }}>
          {unit.estateName} · {unit.unit}
        </span>
      }
    >
      <div style={{ fontSize: 13, color: '#667085' }}>{ft('unit.balance')}</div>
      <div data-testid="fund-balance" style={{ fontSize: 26, fontWeight: 700, lineHeight: 1.3, color: unit.belowLine ? '#d92d20' : '#101828' }}>
        {formatFen(unit.balanceFen)}
      </div>
      <div style={{ display: 'flex', flexWrap: 'wrap', columnGap: 16, rowGap: 2, fontSize: 13, color: '#475467', marginTop: 4 }}>
        <span data-testid="fund-initial">
          {ft('unit.initial')}{ft('colon')}{formatFen(unit.initialFen)}
        </span>
        {unit.areaCenti !== undefined && (
          <span>
            {ft('unit.area')}{ft('colon')}{formatArea(unit.areaCenti)}
          </span>
        )}
      </div>
      {pct !== null && (
        <div style={{ marginTop: 8 }}>
          <Progress
            percent={Math.min(pct, 100)}
            showInfo={false}
            size="small"
            status={unit.belowLine ? 'exception' : 'normal'}
            strokeColor={unit.belowLine ? undefined : '#1f6feb'}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {ft('unit.ratio', { p: pct })}
          </Typography.Text>
        </div>
      )}
      {unit.belowLine && (
        <Alert
          data-testid="fund-below-line"
          type="warning"
          showIcon
          icon={<WarningFilled />}
          style={{ marginTop: 8 }}
          title={ft('unit.below')}
        />
      )}
      {link && (
        <Link
          to={`/m/fund/units/${unit.unitId}`}
          data-testid="fund-unit-movements"
          style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 10, paddingTop: 8, borderTop: '1px solid #f2f4f7' }}
        >
          {ft('unit.movements')}
          <RightOutlined style={{ color: '#98a2b3' }} />
        </Link>
      )}
    </Card>
  );
}
