import { ArrowDownOutlined, ArrowUpOutlined, CheckOutlined, CloseOutlined, DeleteOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Alert, Button, Card, Flex, Form, Input, List, Modal, Popconfirm, Select, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { common, useI18n } from '../../../i18n.tsx';
import { useSession } from '../../../session.tsx';
import { meetingsApi, type AgendaItem, type Meeting } from '../api.ts';
import { m } from '../messages.ts';
import { ReasonModal } from './ReasonModal.tsx';
import { RuleErrorAlert, useUnits } from './common.tsx';
import { useFormSubmit } from '../../../use-form-submit.ts';
import { fileSize } from '../../../file-size.ts';

/**
 * 议题: the office drafts the items (presenting unit, description) and decides on member units' proposals; the
 * presenting unit (before the cut-off) or the office uploads materials (docx/pdf/xlsx).
 */
export function AgendaSection({ officeId, meeting, onChange }: { officeId: string; meeting: Meeting; onChange(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const units = useUnits(officeId);
  const [dialog, setDialog] = useState<'add' | 'propose' | null>(null);
  const [rejecting, setRejecting] = useState<AgendaItem | null>(null);
  const can = (a: string) => meeting.abilities.includes(a);
  const office = can('manage_agenda');
  /** Units the user speaks for (liaison officer or group member) may propose and upload for their own items. */
  const myUnits = new Set(session.posts.filter((p) => p.officeId === officeId && p.unitId && (p.post === 'liaison_officer' || p.post === 'group_member')).map((p) => p.unitId!));
  const canUpload = (a: AgendaItem) => can('upload_material') && a.status !== 'rejected' && (office || (a.presenterUnitId !== null && myUnits.has(a.presenterUnitId)) || (a.proposedByUnitId !== null && myUnits.has(a.proposedByUnitId)));

  /** Moves an accepted item one place up or down among the accepted ones (the numbering 1, 2 … follows). */
  const accepted = meeting.agenda.filter((x) => x.status === 'accepted');
  const move = (a: AgendaItem, by: -1 | 1) => {
    const other = accepted[accepted.indexOf(a) + by];
    if (!other) return;
    const ids = meeting.agenda.map((x) => x.id);
    const i = ids.indexOf(a.id);
    const j = ids.indexOf(other.id);
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    void meetingsApi.reorderAgenda(officeId, meeting.id, ids).then(onChange, onChange);
  };

  const upload = async (a: AgendaItem, file: File) => {
    await meetingsApi.uploadMaterial(officeId, meeting.id, a.id, file, file.name);
    void message.success(t(m.uploaded));
    onChange();
  };

  return (
    <Card
      title={t(m.agenda)}
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="agenda"
      extra={
        <Flex wrap gap={8}>
          {office && (
            <Button size="small" icon={<PlusOutlined />} type="primary" onClick={() => setDialog('add')} data-testid="add-item">
              {t(m.addItem)}
            </Button>
          )}
          {!office && can('propose_item') && myUnits.size > 0 && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog('propose')} data-testid="propose-item">
              {t(m.proposeItem)}
            </Button>
          )}
        </Flex>
      }
    >
      {meeting.materialsMissing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t(m.materialsMissing, { items: meeting.materialsMissing.map((x) => `${x.title}${x.unitName ? `（${x.unitName}）` : ''}`).join('；') })}
          action={
            office ? (
              <Button
                size="small"
                onClick={() =>
                  void meetingsApi.remindMaterials(officeId, meeting.id).then((r) => {
                    void message.success(t(m.reminded, r));
                  })
                }
                data-testid="remind-materials"
              >
                {t(m.remind)}
              </Button>
            ) : undefined
          }
        />
      )}
      <List
        dataSource={meeting.agenda}
        locale={{ emptyText: t(m.noAgenda) }}
        renderItem={(a) => (
          <List.Item data-testid="agenda-item" data-status={a.status} style={{ display: 'block' }}>
            <Flex wrap gap={8} align="center" justify="space-between">
              <Typography.Text strong delete={a.status === 'rejected'}>
                {a.status === 'accepted' ? `${meeting.agenda.filter((x) => x.status === 'accepted').indexOf(a) + 1}. ` : ''}
                {a.title}
              </Typography.Text>
              <Flex wrap gap={4}>
                {a.status === 'proposed' && <Tag color="gold">{t(m.proposed)}</Tag>}
                {a.status === 'rejected' && <Tag color="red">{t(m.rejected)}</Tag>}
                {office && a.status === 'accepted' && accepted.length > 1 && (
                  <>
                    <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={accepted[0] === a} onClick={() => move(a, -1)} aria-label={t(m.moveUp)} title={t(m.moveUp)} data-testid="move-up" />
                    <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={accepted.at(-1) === a} onClick={() => move(a, 1)} aria-label={t(m.moveDown)} title={t(m.moveDown)} data-testid="move-down" />
                  </>
                )}
                {office && a.status === 'proposed' && (
                  <Button size="small" icon={<CheckOutlined />} onClick={() => void meetingsApi.acceptItem(officeId, meeting.id, a).then(onChange)} data-testid="accept-item">
                    {t(m.accept)}
                  </Button>
                )}
                {office && a.status !== 'rejected' && (
                  <Button size="small" danger icon={<CloseOutlined />} onClick={() => setRejecting(a)} data-testid="reject-item">
                    {t(m.reject)}
                  </Button>
                )}
                {canUpload(a) && (
                  <Upload
                    accept=".pdf,.docx,.xlsx"
                    showUploadList={false}
                    beforeUpload={(file) => {
                      void upload(a, file).catch(() => undefined);
                      return false;
                    }}
                  >
                    <Button size="small" icon={<UploadOutlined />} data-testid="upload-material">
                      {t(m.upload)}
                    </Button>
                  </Upload>
                )}
              </Flex>
            </Flex>
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
              {a.presenterUnitName && <span data-testid="presenter-unit">{t(m.presenterUnit)}：{a.presenterUnitName}　</span>}
              {a.proposedByUnitName && <span>{t(m.proposedByUnit, { unit: a.proposedByUnitName, name: a.proposedByName ?? '' })}　</span>}
              {a.rejectReason && <span>{t(m.reason)}：{a.rejectReason}</span>}
            </Typography.Paragraph>
            {a.description && <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{a.description}</Typography.Paragraph>}
            {a.materials.length > 0 && (
              <Flex vertical gap={2} style={{ marginTop: 4 }}>
                {a.materials.map((f) => (
                  <Flex key={f.id} gap={8} align="center" wrap>
                    <a href={meetingsApi.materialUrl(officeId, meeting.id, a.id, f.id)} data-testid="material-link">
                      <PaperClipOutlined /> {f.filename}
                    </a>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {fileSize(f.size)}{f.uploadedByName ? ` · ${f.uploadedByName}` : ''}
                    </Typography.Text>
                    {canUpload(a) && (
                      <Popconfirm title={t(m.removeMaterial)} okText={t(common.confirm)} cancelText={t(common.cancel)} onConfirm={() => meetingsApi.removeMaterial(officeId, meeting.id, a.id, f.id).then(onChange)}>
                        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t(m.removeMaterial)} />
                      </Popconfirm>
                    )}
                  </Flex>
                ))}
              </Flex>
            )}
          </List.Item>
        )}
      />
      <ItemModal
        mode={dialog}
        units={dialog === 'propose' ? units.filter((u) => myUnits.has(u.value)) : units}
        onClose={() => setDialog(null)}
        onSubmit={async (v) => {
          if (dialog === 'propose') await meetingsApi.proposeItem(officeId, meeting.id, { title: v.title, description: v.description || null, unitId: v.unitId! });
          else await meetingsApi.addItem(officeId, meeting.id, { title: v.title, description: v.description || null, presenterUnitId: v.unitId ?? null });
          setDialog(null);
          onChange();
        }}
      />
      <ReasonModal
        open={rejecting !== null}
        title={t(m.rejectTitle, { title: rejecting?.title ?? '' })}
        okText={t(m.reject)}
        danger
        testId="reject-item"
        onClose={() => setRejecting(null)}
        onSubmit={async ({ reason }) => {
          await meetingsApi.rejectItem(officeId, meeting.id, rejecting!, reason);
          setRejecting(null);
          onChange();
        }}
      />
    </Card>
  );
}

function ItemModal({ mode, units, onClose, onSubmit }: { mode: 'add' | 'propose' | null; units: Array<{ value: string; label: string }>; onClose(): void; onSubmit(v: { title: string; description?: string; unitId?: string }): Promise<void> }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ title: string; description?: string; unitId?: string }>();
  const { busy, error, submit, clearError } = useFormSubmit(form, async (v) => {
    await onSubmit({ title: v.title.trim(), description: v.description?.trim(), unitId: v.unitId });
  });
  return (
    <Modal
      open={mode !== null}
      title={mode === 'propose' ? t(m.proposeItem) : t(m.addItem)}
      okText={t(common.save)}
      cancelText={t(common.cancel)}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'item-submit' }}
      onOk={submit}
      onCancel={() => {
        clearError();
        onClose();
      }}
      destroyOnHidden
    >
      <RuleErrorAlert error={error} />
      <Form form={form} layout="vertical" requiredMark={false} name="agenda-item" initialValues={{ unitId: mode === 'propose' && units.length === 1 ? units[0]!.value : undefined }}>
        <Form.Item name="title" label={t(m.itemTitle)} rules={[{ required: true, whitespace: true, max: 300, message: t(common.required) }]}>
          <Input maxLength={300} data-testid="item-title" />
        </Form.Item>
        <Form.Item name="unitId" label={mode === 'propose' ? t(m.proposingUnit) : t(m.presenterUnit)} rules={mode === 'propose' ? [{ required: true, message: t(common.required) }] : []}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={units} data-testid="item-unit" />
        </Form.Item>
        <Form.Item name="description" label={t(m.description)}>
          <Input.TextArea rows={3} maxLength={5000} data-testid="item-description" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
