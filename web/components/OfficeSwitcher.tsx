import { Select } from 'antd';
import { useMemo } from 'react';
import { common, useI18n } from '../i18n.tsx';
import { officesInTreeOrder } from '../offices.ts';
import type { SessionOffice } from '../session.tsx';

/** The offices this account may open, parents before children, indented by level. */
export function OfficeSwitcher({ offices, value, onChange, block }: { offices: SessionOffice[]; value: string | undefined; onChange(id: string): void; block?: boolean }) {
  const { t } = useI18n();
  const options = useMemo(
    () => officesInTreeOrder(offices).map(({ office, depth }) => ({ value: office.id, label: `${'\u3000'.repeat(depth)}${office.name}`, title: office.name })),
    [offices],
  );
  return (
    <Select
      data-testid="office-switcher"
      aria-label={t(common.chooseOffice)}
      placeholder={t(common.chooseOffice)}
      value={value}
      options={options}
      onChange={onChange}
      showSearch={{ optionFilterProp: 'title' }}
      popupMatchSelectWidth={false}
      style={{ width: block ? '100%' : 240 }}
    />
  );
}
