import { RightOutlined } from '@ant-design/icons';
import { Card, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { fundStateExplain } from '../labels.ts';
import { useFT } from '../messages.ts';
import { formatFen } from '../money.ts';
import type { MyFundApplication } from '../types.ts';
import { FundStateTag, PathTag } from './fund-state-tag.tsx';

/** A use application that charges one of my units, in a list: what, state, budget, my share. */
export function ApplicationCard({ app }: { app: MyFundApplication }) {
  const { ft, lang } = useFT();
  const mine = app.myShares.reduce((s, x) => s + x.shareFen, 0);
  const actual = app.myShares.every((x) => x.actualFen !== null) && app.myShares.length > 0
    ? app.myShares.reduce((s, x) => s + (x.actualFen ?? 0), 0)
    : null;
  const showActual = app.state === 'published' && actual !== null;
  return (
    <Link to={`/m/fund/applications/${app.id}`} style={{ display: 'block', marginBottom: 12, color: 'inherit' }} data-testid="fund-app">
      <Card size="small" hoverable>
        <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
          <div style={{ flex: 1, minWidth: 0 }}>
            <Space size={4} wrap style={{ marginBottom: 4 }}>
              <FundStateTag state={app.state} />
              <PathTag path={app.path} />
            </Space>
            <Typography.Text strong style={{ display: 'block', fontSize: 16, wordBreak: 'break-word' }}>
              {app.title}
            </Typography.Text>
            <div style={{ fontSize: 13, color: '#667085', marginTop: 2 }}>{fundStateExplain(app.state, app.path, lang)}</div>
            <div style={{ display: 'flex', flexWrap: 'wrap', columnGap: 16, rowGap: 2, marginTop: 6, fontSize: 14 }}>
              {showActual ? (
                <>
                  <span>{ft('app.actualCost')}{ft('colon')}{formatFen(app.actualCostFen)}</span>
                  <span data-testid="fund-app-my-share">
                    {ft('app.myActual')}{ft('colon')}<b>{formatFen(actual)}</b>
                  </span>
                </>
              ) : (
                <>
                  <span>{ft('app.budget')}{ft('colon')}{formatFen(app.budgetFen)}</span>
                  <span data-testid="fund-app-my-share">
                    {ft('app.myShare')}{ft('colon')}<b>{formatFen(mine)}</b>
                  </span>
                </>
              )}
            </div>
          </div>
          <RightOutlined style={{ color: '#98a2b3', marginTop: 6 }} />
        </div>
      </Card>
    </Link>
  );
}
