import { Drawer, Tabs } from 'antd';
import { DepositForm, InterestForm, RefundForm } from './booking-forms.tsx';

/**
 * 记账: the ledger keeper's manual bookings for one estate. The three forms stay mounted (also when the
 * drawer is closed and opened again), so switching tabs (or an error) never loses what was typed.
 */
export function BookingDrawer(props: { estateId: number; estateName: string; open: boolean; onClose: () => void; onBooked: () => void }) {
  const done = () => props.onBooked();
  return (
    <Drawer
      open={props.open}
      onClose={props.onClose}
      title={`记账 · ${props.estateName}`}
      size={560}
    >
      <div data-testid="booking-drawer">
      <Tabs
        items={[
          { key: 'deposit', label: '交存/续筹', children: <DepositForm estateId={props.estateId} onBooked={done} /> },
          { key: 'interest', label: '利息分配', children: <InterestForm estateId={props.estateId} onBooked={done} /> },
          { key: 'refund', label: '退还业主', children: <RefundForm estateId={props.estateId} onBooked={done} /> },
        ]}
      />
      </div>
    </Drawer>
  );
}
