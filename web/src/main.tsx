import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { I18nProvider, useI18n } from './i18n';

function Localised({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  // antd's App gives every page its confirmation modals and success messages (App.useApp), themed and localised.
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN}>
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
