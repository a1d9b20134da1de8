import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { I18nProvider, useI18n } from './i18n';

// A user who asked the system for less motion (prefers-reduced-motion) gets none: menus, dialogues
// and popovers open and close at once, with no zoom or slide.
const reducedMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

function Localised({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  // antd's App gives every page its confirmation modals and success messages (App.useApp), themed and localised.
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={{ token: { motion: !reducedMotion } }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <Localised>
        <App />
      </Localised>
    </I18nProvider>
  </StrictMode>,
);
