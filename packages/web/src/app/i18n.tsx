import { ConfigProvider } from 'antd';
import * as enUSModule from 'antd/es/locale/en_US.js';
import * as zhCNModule from 'antd/es/locale/zh_CN.js';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { messages, type MessageKey } from './messages.ts';

// zh-CN is the default; English is a switch kept in localStorage and sent to the API as x-lang.

// antd's locale files are ESM with a default export, but TypeScript (NodeNext) sees them as
// CommonJS; taking .default when present works for both the bundler and the type checker.
type Locale = NonNullable<React.ComponentProps<typeof ConfigProvider>['locale']>;
const unwrap = (m: unknown): Locale => ((m as { default?: Locale }).default ?? m) as Locale;
const zhCN = unwrap(zhCNModule);
const enUS = unwrap(enUSModule);

export type Lang = 'zh' | 'en';
const STORAGE_KEY = 'gongzhi.lang';

let lang: Lang = readStored();
function readStored(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}
/** for code outside React (the API client) */
export function currentLang(): Lang {
  return lang;
}

export function translate(l: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  let s: string = messages[l][key] ?? messages.zh[key] ?? key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

export type T = (key: MessageKey, vars?: Record<string, string | number>) => string;
interface LangValue {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: T;
}
const LangContext = createContext<LangValue | null>(null);

export function LangProvider({ children }: { children: ReactNode }) {
  const [current, setCurrent] = useState<Lang>(lang);
  const setLang = useCallback((l: Lang) => {
    lang = l;
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // private mode: the choice lasts for this page only
    }
    setCurrent(l);
  }, []);
  dayjs.locale(current === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = current === 'en' ? 'en' : 'zh-CN';
  const value = useMemo<LangValue>(
    () => ({ lang: current, setLang, t: (key, vars) => translate(current, key, vars) }),
    [current, setLang],
  );
  return (
    <LangContext.Provider value={value}>
      <ConfigProvider locale={current === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1f6feb' } }}>
        {children}
      </ConfigProvider>
    </LangContext.Provider>
  );
}

export function useLang(): LangValue {
  const v = useContext(LangContext);
  if (!v) throw new Error('useLang outside LangProvider');
  return v;
}
export const useT = (): T => useLang().t;
