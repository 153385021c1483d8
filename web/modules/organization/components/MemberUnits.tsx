import { UserAddOutlined } from '@ant-design/icons';
import { Button, Card, Col, Grid, List, Row, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { Roster, Unit } from '../../../../shared/contracts/organization.ts';
import { common, useI18n } from '../../../i18n.tsx';
import type { RosterPerson } from '../api.ts';
import { m } from '../messages.ts';
import { PersonLines } from './PersonLine.tsx';

type UnitRow = Roster['units'][number];
interface Props {
  units: UnitRow[];
  /** Present for those who keep the roster. */
  onAppointLiaison?: (unit: Unit) => void;
  onEnd?: (p: RosterPerson, post: 'liaison_officer' | 'information_officer') => void;
}

function UnitName({ unit }: { unit: Unit }) {
  const { t } = useI18n();
  return (
    <>
      <Typography.Text>{unit.name}</Typography.Text>
      {unit.isHost && (
        <Tag color="blue" style={{ marginInlineStart: 6 }}>
          {t(m.host)}
        </Tag>
      )}
      {!unit.active && <Tag>{t(m.inactive)}</Tag>}
    </>
  );
}

function Liaisons({ row, onEnd }: { row: UnitRow; onEnd?: Props['onEnd'] }) {
  const { t } = useI18n();
  return (
    <div data-testid="unit-liaisons">
      {row.liaisonOfficers.length > 1 && <Tag color="orange">{t(m.holders, { n: row.liaisonOfficers.length })}</Tag>}
      <PersonLines people={row.liaisonOfficers} onEnd={onEnd && ((p) => onEnd(p, 'liaison_officer'))} empty={<Tag color="red">{t(common.notSet)}</Tag>} />
    </div>
  );
}

function InformationOfficers({ row, onEnd }: { row: UnitRow; onEnd?: Props['onEnd'] }) {
  const { t } = useI18n();
  return <PersonLines people={row.informationOfficers} onEnd={onEnd && ((p) => onEnd(p, 'information_officer'))} empty={<Tag color="red">{t(common.notSet)}</Tag>} />;
}

function AppointLiaisonButton({ unit, onClick }: { unit: Unit; onClick: (u: Unit) => void }) {
  const { t } = useI18n();
  return (
    <Button size="small" icon={<UserAddOutlined />} onClick={() => onClick(unit)}>
      {t(m.appointLiaison)}
    </Button>
  );
}

/** The member units with their liaison and information officers: a table on a PC, cards on a phone. */
export function MemberUnits({ units, onAppointLiaison, onEnd }: Props) {
  const { t } = useI18n();
  const narrow = !Grid.useBreakpoint().md;

  if (narrow)
    return (
      <List<UnitRow>
        dataSource={units}
        rowKey={(row) => row.unit.id}
        data-testid="units-list"
        renderItem={(row) => (
          <Card size="small" title={<UnitName unit={row.unit} />} extra={onAppointLiaison && <AppointLiaisonButton unit={row.unit} onClick={onAppointLiaison} />} style={{ marginBottom: 8 }}>
            <Row gutter={8}>
              <Col span={12}>
                <Typography.Text type="secondary" style={{ display: 'block' }}>
                  {t(m.liaisonOfficer)}
                </Typography.Text>
                <Liaisons row={row} onEnd={onEnd} />
              </Col>
              <Col span={12}>
                <Typography.Text type="secondary" style={{ display: 'block' }}>
                  {t(m.informationOfficer)}
                </Typography.Text>
                <InformationOfficers row={row} onEnd={onEnd} />
              </Col>
            </Row>
          </Card>
        )}
      />
    );

  const columns: TableColumnsType<UnitRow> = [
    { title: t(m.memberUnit), key: 'unit', render: (_, row) => <UnitName unit={row.unit} /> },
    { title: t(m.responsibleBody), key: 'body', responsive: ['lg'], render: (_, row) => row.unit.responsibleBody || <Tag color="red">{t(common.notSet)}</Tag> },
    { title: t(m.liaisonOfficer), key: 'liaison', render: (_, row) => <Liaisons row={row} onEnd={onEnd} /> },
    { title: t(m.informationOfficer), key: 'info', render: (_, row) => <InformationOfficers row={row} onEnd={onEnd} /> },
  ];
  if (onAppointLiaison) columns.push({ title: t(common.actions), key: 'actions', render: (_, row) => <AppointLiaisonButton unit={row.unit} onClick={onAppointLiaison} /> });
  return <Table<UnitRow> size="small" rowKey={(row) => row.unit.id} dataSource={units} columns={columns} pagination={false} scroll={{ x: 'max-content' }} data-testid="units-table" />;
}
