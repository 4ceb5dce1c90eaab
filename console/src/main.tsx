import { App as AntApp, ConfigProvider } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { BrowserRouter } from 'react-router-dom'
import { Root } from './Root'

dayjs.locale('zh-cn')

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* colorPrimary darkened from antd's default so primary buttons pass WCAG AA contrast. */}
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#1552c4', borderRadius: 4 } }}>
      <AntApp>
        <BrowserRouter basename="/console">
          <Root />
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
)
