import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { common, useI18n } from '../i18n.tsx';

/** Shows the other language; one click switches and remembers it. */
export function LanguageSwitch({ block }: { block?: boolean }) {
  const { lang, setLang, t } = useI18n();
  return (
    <Button
      type="text"
      block={block}
      icon={<GlobalOutlined />}
      aria-label={t(common.language)}
      title={t(common.language)}
      data-testid="language-switch"
      onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
      style={{ color: 'inherit' }}
    >
      {t(common.otherLanguage)}
    </Button>
  );
}
