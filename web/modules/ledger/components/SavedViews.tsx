import { DeleteOutlined, DownOutlined, SaveOutlined, StarOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Form, Input, Modal, type MenuProps } from 'antd';
import { useState } from 'react';
import { common, useI18n } from '../../../i18n.tsx';
import { useQuery } from '../../../use-query.ts';
import { ledgerApi, type SavedView } from '../api.ts';
import type { LedgerFilters } from '../ledger-filters.ts';
import { setFilters } from '../ledger-filters.ts';
import { m } from '../messages.ts';

/** 我的视图: save the current filters under a name, pick one to apply it, delete one. Views are per account and office. */
export function SavedViews({ officeId, filters, onApply }: { officeId: string; filters: LedgerFilters; onApply(view: SavedView): void }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const views = useQuery(() => ledgerApi.views(officeId), [officeId]);
  const [saving, setSaving] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ name: string }>();

  const remove = (v: SavedView) =>
    modal.confirm({
      title: t(m.deleteViewConfirm, { name: v.name }),
      okText: t(m.deleteView),
      okButtonProps: { danger: true },
      cancelText: t(common.cancel),
      onOk: async () => {
        await ledgerApi.deleteView(officeId, v.id);
        await views.reload();
      },
    });

  const save = async () => {
    const { name } = await form.validateFields();
    setBusy(true);
    try {
      await ledgerApi.saveView(officeId, { name: name.trim(), filters: setFilters(filters) });
      void message.success(t(m.viewSaved));
      setSaving(false);
      form.resetFields();
      await views.reload();
    } catch {
      // shown by the client
    } finally {
      setBusy(false);
    }
  };

  const list = views.data ?? [];
  const items: MenuProps['items'] = [
    ...(list.length
      ? list.map((v) => ({
          key: v.id,
          label: (
            <span style={{ display: 'flex', alignItems: 'center', gap: 16, justifyContent: 'space-between' }} data-testid="saved-view">
              <span>{v.name}</span>
              <Button
                type="text"
                size="small"
                danger
                icon={<DeleteOutlined />}
                aria-label={`${t(m.deleteView)} ${v.name}`}
                onClick={(e) => {
                  e.stopPropagation();
                  remove(v);
                }}
              />
            </span>
          ),
        }))
      : [{ key: 'none', label: t(m.noViews), disabled: true }]),
    { type: 'divider' as const },
    { key: 'save', icon: <SaveOutlined />, label: t(m.saveView) },
  ];

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items,
          onClick: ({ key }) => {
            if (key === 'save') setSaving(true);
            else {
              const v = list.find((x) => x.id === key);
              if (v) onApply(v);
            }
          },
        }}
      >
        <Button icon={<StarOutlined />} data-testid="saved-views">
          {t(m.views)} <DownOutlined style={{ fontSize: 10 }} />
        </Button>
      </Dropdown>
      <Modal open={saving} title={t(m.saveView)} okText={t(common.save)} cancelText={t(common.cancel)} confirmLoading={busy} onOk={() => void save().catch(() => undefined)} onCancel={() => setSaving(false)} destroyOnHidden>
        <Form form={form} layout="vertical" requiredMark={false} name="saved-view" onFinish={() => void save().catch(() => undefined)}>
          <Form.Item name="name" label={t(m.viewName)} rules={[{ required: true, whitespace: true, message: t(common.required) }, { max: 50 }]}>
            <Input autoFocus maxLength={50} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
