import { App as AntApp, ConfigProvider } from 'antd';
import { useEffect } from 'react';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { configureApi, type ApiError } from './api.ts';
import { describeError } from './components/ErrorText.tsx';
import { antdLocale, I18nProvider, useI18n } from './i18n.tsx';
import { routes } from './routes.tsx';
import { SessionProvider, useSessionApi } from './session.tsx';

const router = createBrowserRouter(routes);

/** Connects the fetch client to the router (401 → login, forced password change) and to antd's messages. */
function ApiBridge() {
  const { message } = AntApp.useApp();
  const i18n = useI18n();
  const { clear } = useSessionApi();
  useEffect(() => {
    configureApi({
      onUnauthenticated: (err: ApiError) => {
        clear();
        if (router.state.location.pathname !== '/login') {
          void message.warning(i18n.localize(err.message));
          void router.navigate('/login', { state: { from: router.state.location.pathname + router.state.location.search } });
        }
      },
      onError: (err: ApiError) => {
        if (err.code === 'PASSWORD_CHANGE_REQUIRED') {
          void router.navigate('/password');
          return;
        }
        void message.error(describeError(err, i18n));
      },
    });
  }, [message, i18n, clear]);
  return null;
}

function Themed() {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={antdLocale(lang)} theme={{ token: { colorPrimary: '#1f4e8c', borderRadius: 4 } }}>
      <AntApp>
        <SessionProvider>
          <ApiBridge />
          <RouterProvider router={router} />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Themed />
    </I18nProvider>
  );
}
