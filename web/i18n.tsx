// A tiny dictionary: every UI text is a { zh, en } pair (zh-CN first), picked by the chosen language.
// Server messages arrive bilingual as "中文 / English" and are split the same way.
import type { ConfigProviderProps } from 'antd';
import enUS from 'antd/es/locale/en_US.js';
import zhCN from 'antd/es/locale/zh_CN.js';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export type Lang = 'zh-CN' | 'en';
export interface Text {
  zh: string;
  en: string;
}
export type Vars = Record<string, string | number>;

/** Declares a module's texts; `satisfies` keeps each entry checked while the keys stay literal. */
export const defineMessages = <T extends Record<string, Text>>(messages: T): T => messages;

const STORAGE_KEY = 'ro.lang';
type AntdLocale = NonNullable<ConfigProviderProps['locale']>;
/** antd's locale files are typed as CommonJS (a `default` inside the module) while the bundler hands over the ES default. */
const esDefault = (mod: unknown): AntdLocale => {
  const m = mod as { locale?: unknown; default?: unknown };
  return (typeof m.locale === 'string' ? m : m.default) as AntdLocale;
};
const ANTD_LOCALES = { 'zh-CN': esDefault(zhCN), en: esDefault(enUS) } as const;

/** Texts the shell and several modules share. */
export const common = defineMessages({
  appName: { zh: '审改办工作平台', en: 'Reform Office' },
  appNameLong: { zh: '工程建设项目审批制度改革领导小组办公室工作平台', en: 'Approval reform leading group office' },
  login: { zh: '登录', en: 'Log in' },
  logout: { zh: '退出登录', en: 'Log out' },
  changePassword: { zh: '修改密码', en: 'Change password' },
  language: { zh: '切换语言', en: 'Switch language' },
  otherLanguage: { zh: 'English', en: '中文' },
  office: { zh: '办公室', en: 'Office' },
  chooseOffice: { zh: '选择办公室', en: 'Choose an office' },
  menu: { zh: '菜单', en: 'Menu' },
  save: { zh: '保存', en: 'Save' },
  cancel: { zh: '取消', en: 'Cancel' },
  confirm: { zh: '确定', en: 'OK' },
  create: { zh: '新建', en: 'New' },
  edit: { zh: '编辑', en: 'Edit' },
  reload: { zh: '刷新', en: 'Reload' },
  search: { zh: '搜索', en: 'Search' },
  actions: { zh: '操作', en: 'Actions' },
  all: { zh: '全部', en: 'All' },
  none: { zh: '无', en: 'None' },
  notSet: { zh: '未确定', en: 'Not named' },
  loading: { zh: '加载中…', en: 'Loading…' },
  saved: { zh: '已保存', en: 'Saved' },
  done: { zh: '操作成功', en: 'Done' },
  close: { zh: '关闭', en: 'Close' },
  back: { zh: '返回', en: 'Back' },
  yes: { zh: '是', en: 'Yes' },
  no: { zh: '否', en: 'No' },
  versionMismatch: { zh: '数据已被他人修改，请刷新后重试', en: 'Changed by someone else; reload and retry' },
  sessionExpired: { zh: '会话已过期，请重新登录', en: 'Your session has ended; please log in again' },
  notFound: { zh: '页面不存在', en: 'Page not found' },
  forbidden: { zh: '无权访问此页面', en: 'You may not open this page' },
  noOffice: { zh: '您的账号尚未关联任何办公室，请联系办公室工作人员。', en: 'Your account holds no post in any office yet; ask the office.' },
  home: { zh: '返回首页', en: 'Home' },
  required: { zh: '必填', en: 'Required' },
});

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  /** The text in the chosen language, with `{name}` placeholders filled from vars. */
  t(text: Text, vars?: Vars): string;
  /** A bilingual server message ("中文 / English") in the chosen language. */
  localize(message: string): string;
}

const I18nContext = createContext<I18n | null>(null);

export function localizeMessage(message: string, lang: Lang): string {
  const i = message.indexOf(' / ');
  if (i < 0) return message;
  return lang === 'en' ? message.slice(i + 3) : message.slice(0, i);
}

export function translate(text: Text, lang: Lang, vars?: Vars): string {
  const s = lang === 'en' ? text.en : text.zh;
  return vars ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : s;
}

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(
    () => ({ lang, setLang, t: (text, vars) => translate(text, lang, vars), localize: (m) => localizeMessage(m, lang) }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

export const antdLocale = (lang: Lang) => ANTD_LOCALES[lang];
