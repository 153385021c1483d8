import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Row, Table, Typography } from 'antd';
import { useState } from 'react';
import { POST_LABELS } from '../../../../shared/roles.ts';
import { PageLoading } from '../../../components/PageLoading.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { ErrorAlert } from '../../../components/ErrorText.tsx';
import { common, useI18n } from '../../../i18n.tsx';
import { useQuery } from '../../../use-query.ts';
import { organizationApi, type RosterPerson } from '../api.ts';
import { AppointModal, type AppointPreset } from '../components/AppointModal.tsx';
import { EndAppointmentModal, type EndTarget } from '../components/EndAppointmentModal.tsx';
import { MemberUnits } from '../components/MemberUnits.tsx';
import { useCurrentOffice } from '../components/OfficeScope.tsx';
import { PersonLines } from '../components/PersonLine.tsx';
import { RosterWarnings } from '../components/RosterWarnings.tsx';
import { m } from '../messages.ts';

/** 名册: rule findings, the leading group, the office, and each member unit with its liaison and information officers. */
export default function RosterPage() {
  const office = useCurrentOffice();
  const { t } = useI18n();
  const roster = useQuery(() => organizationApi.roster(office.id), [office.id]);
  const canManage = office.can('organization.manage');
  const [appoint, setAppoint] = useState<{ preset?: AppointPreset } | null>(null);
  const [endTarget, setEndTarget] = useState<EndTarget | null>(null);

  if (!roster.data) return roster.error ? <ErrorAlert error={roster.error} /> : <PageLoading />;
  const r = roster.data;
  const g = r.leadingGroup;
  const o = r.officePosts;

  const ender = (post: EndTarget['post']) => (canManage ? (p: RosterPerson) => setEndTarget({ appointmentId: p.appointmentId, personId: p.personId, name: p.name, post }) : undefined);

  const members = g.members;
  return (
    <div data-testid="roster-page">
      <PageTitle
        title={`${r.office.name} · ${t(m.rosterTitle)}`}
        subtitle={t(m.asOf, { date: r.asOf })}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void roster.reload()} loading={roster.loading}>
              {t(common.reload)}
            </Button>
            {canManage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAppoint({})} data-testid="appoint-any">
                {t(m.appoint)}
              </Button>
            )}
          </>
        }
      />
      <RosterWarnings warnings={r.warnings} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t(m.leadingGroup)} size="small" data-testid="leading-group">
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'leader', label: t(POST_LABELS.leader), children: <PersonLines people={g.leader} onEnd={ender('leader')} /> },
                { key: 'deputy', label: t(POST_LABELS.deputy_leader), children: <PersonLines people={g.deputyLeaders} onEnd={ender('deputy_leader')} /> },
              ]}
            />
            <Table
              size="small"
              rowKey="appointmentId"
              pagination={false}
              dataSource={members}
              scroll={{ y: 320 }}
              title={() => `${t(POST_LABELS.group_member)}（${members.length}）`}
              columns={[
                { title: t(m.unit), dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
                { title: t(m.name), key: 'name', render: (_, p) => <PersonLines people={[p]} onEnd={ender('group_member')} /> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t(m.officeCard)} size="small" extra={r.office.hostUnitName ? <Typography.Text type="secondary">{t(m.hostUnit, { name: r.office.hostUnitName })}</Typography.Text> : null} data-testid="office-posts">
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'director', label: t(POST_LABELS.director), children: <PersonLines people={o.director} onEnd={ender('director')} showUnit /> },
                { key: 'deputy', label: t(POST_LABELS.deputy_director), children: <PersonLines people={o.deputyDirectors} onEnd={ender('deputy_director')} showUnit /> },
                { key: 'staff', label: t(POST_LABELS.office_staff), children: <PersonLines people={o.staff} onEnd={ender('office_staff')} showUnit /> },
                ...(o.informationOfficers.length
                  ? [{ key: 'info', label: t(m.informationOfficersOfOffice), children: <PersonLines people={o.informationOfficers} onEnd={ender('information_officer')} /> }]
                  : []),
              ]}
            />
          </Card>
        </Col>
        <Col span={24}>
          <Card title={t(m.memberUnits, { n: r.units.length })} size="small" styles={{ body: { padding: 0 } }}>
            <MemberUnits
              units={r.units}
              onAppointLiaison={canManage ? (unit) => setAppoint({ preset: { post: 'liaison_officer', unit } }) : undefined}
              onEnd={canManage ? (p, post) => ender(post)?.(p) : undefined}
            />
          </Card>
        </Col>
      </Row>
      {appoint && (
        <AppointModal
          officeId={office.id}
          roster={r}
          preset={appoint.preset}
          open
          onClose={() => setAppoint(null)}
          onDone={() => {
            setAppoint(null);
            void roster.reload();
          }}
        />
      )}
      <EndAppointmentModal
        officeId={office.id}
        target={endTarget}
        onClose={() => setEndTarget(null)}
        onDone={() => {
          setEndTarget(null);
          void roster.reload();
        }}
      />
    </div>
  );
}
