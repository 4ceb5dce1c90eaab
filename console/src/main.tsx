import { App as AntApp, ConfigProvider } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { BrowserRouter } from 'react-router-dom'
import './console.css'
import { Root } from './Root'

dayjs.locale('zh-cn')

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* Colours darkened from antd's defaults so text, links and danger buttons pass WCAG AA contrast (4.5:1). */}
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#1552c4', colorLink: '#1552c4', colorLinkHover: '#0e3d94', colorPrimaryHover: '#0e3d94', colorError: '#c41d24', colorTextSecondary: 'rgba(0, 0, 0, 0.65)', colorTextDescription: 'rgba(0, 0, 0, 0.65)', colorTextTertiary: 'rgba(0, 0, 0, 0.6)', borderRadius: 4 } }} button={{ autoInsertSpace: false }}>
      <AntApp>
        <BrowserRouter basename="/console">
          <Root />
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
)
