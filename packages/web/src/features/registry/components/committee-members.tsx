import { Table } from 'antd';
import { formatDate } from '../../../app/format.ts';
import { useLang } from '../../../app/i18n.tsx';
import { label } from '../../../app/labels.ts';
import { useApi } from '../../../app/use-api.ts';

interface Member {
  id: number;
  name: string;
  role: string;
  termStart: string;
  termEnd: string;
}

/** Members of one committee, loaded when its row is expanded. */
export function CommitteeMembers({ committeeId }: { committeeId: number }) {
  const { t, lang } = useLang();
  const { data, loading } = useApi<{ members: Member[] }>(`/committees/${committeeId}`);
  return (
    <Table<Member>
      rowKey="id"
      size="small"
      loading={loading}
      pagination={false}
      dataSource={data?.members ?? []}
      columns={[
        { title: t('f.name'), dataIndex: 'name' },
        { title: t('f.position'), dataIndex: 'role', render: (r: string) => label('committeeRole', r, lang) },
        { title: t('f.term'), render: (_, m) => `${formatDate(m.termStart)} ~ ${formatDate(m.termEnd)}` },
      ]}
    />
  );
}
